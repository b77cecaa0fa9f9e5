// generated from docs/openapi.json by scripts/openapi.mjs (openapi-typescript): do not edit
export interface paths {
    "/v1/whoami": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the bearer token stands for */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WhoAmI"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A job's state, progress and result */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description no such job for this caller */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        WhoAmI: {
            /** @enum {string} */
            kind: "token" | "subject";
            /** @enum {string} */
            role: "operator" | "dpo" | "regulator" | "controller" | "subject";
            /** @description the token's id (not for a subject token) */
            id?: string;
            name?: string;
        };
        Job: {
            id: string;
            /** @example release */
            kind: string;
            /** @enum {string} */
            state: "running" | "done" | "failed";
            created_at: string;
            finished_at?: string;
            progress?: {
                [key: string]: number;
            };
            result?: unknown;
            error?: {
                code: string;
                message: string;
                hint?: string;
            };
        };
        Error: {
            error: {
                /** @example unknown_agreement */
                code: string;
                message: string;
                hint?: string;
                details?: {
                    [key: string]: string | number | boolean;
                };
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
