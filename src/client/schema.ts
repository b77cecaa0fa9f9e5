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
    "/v1/uploads/releases/{agreement}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release an uploaded records file (the body, streamed); answers when the release has finished */
        post: {
            parameters: {
                query?: {
                    /** @description the release's as-of time (ISO 8601; default now) */
                    at?: string;
                    dry_run?: "true" | "false";
                    /** @description release despite a hold, with this reason (recorded; role controller only) */
                    override?: string;
                    /** @description the body's format when its Content-Type does not say */
                    input_format?: "csv" | "jsonl";
                };
                header?: never;
                path: {
                    agreement: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            responses: {
                /** @description the finished release job (held: true when a guard held it) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description bad input: the records' error, as the CLI gives it */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the role may not release, or override */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such agreement */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description held before reading, or another release of the agreement runs */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the upload is over the server's limit */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/agreements/{id}/releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release a records file the server holds under one of its input roots, as a job */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReleaseFromPath"];
                };
            };
            responses: {
                /** @description the release job, running (GET /v1/jobs/{id}) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description bad request: the body, the time or the format */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the role may not release or override, or the path is outside the input roots */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no file at the path */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description distributed, but the server was started without a queue (jikimi serve --redis) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{id}/output": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The released file of a finished release job (its owner only) */
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
                /** @description the released file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                        "application/x-ndjson": string;
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
                /** @description the job has no released file: running, failed, a dry run or held */
                409: {
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
    "/v1/access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The access log: reads of a person's history or receipts and detokenizations, hash-chained */
        get: {
            parameters: {
                query?: {
                    /** @description the last id already read */
                    after?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AccessLogPage"];
                    };
                };
                /** @description not a DPO's token */
                403: {
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
    "/v1/workspace": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace: controller, agreements, state store, ledger size, last check */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the summary */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkspaceSummary"];
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
    "/v1/checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the declarations for a day (default today, UTC) and record the run */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CheckRequest"];
                };
            };
            responses: {
                /** @description the findings, as `jikimi check --format json` */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckReport"];
                    };
                };
                /** @description a declaration has a problem: the error and every issue, as `jikimi check --format json` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckRefused"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/checks/latest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The last recorded check run (JSON, or SARIF 2.1.0 with ?format=sarif)
         * @description SARIF is rendered from the findings the run recorded, not from a fresh check: the declarations may have changed since, and the log must describe the run it names (its digest). Messages are in the language of the run.
         */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "sarif";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckReport"];
                        "application/sarif+json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description no check was recorded yet */
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
    "/v1/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The declared agreements */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description every agreement, by id */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agreements: components["schemas"]["Agreement"][];
                        };
                    };
                };
                /** @description a declaration has a problem */
                400: {
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
    "/v1/agreements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One declared agreement, with its scope phases, retention and file */
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
                /** @description the agreement */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgreementDetail"];
                    };
                };
                /** @description no such agreement */
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
    "/v1/agreements/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One agreement's declaration, findings, released versions (with a diff of two) and volumes against its limits
         * @description Versions, volumes and holds are read from release and hold bodies proven against the stored signed checkpoint; `verification.ok` false means none of them is to be trusted.
         */
        get: {
            parameters: {
                query?: {
                    /** @description a released version's agreement digest (SHA-256, hex) */
                    from?: string;
                    /** @description a released version's agreement digest (SHA-256, hex) */
                    to?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the history */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AgreementHistory"];
                    };
                };
                /** @description a version that was never released */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such agreement, declared or released */
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
    "/v1/consent/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a subject's consent to a purpose */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConsentEvent"];
                };
            };
            responses: {
                /** @description recorded (or already recorded) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentRecorded"];
                    };
                };
                /** @description rejected input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consent/withdrawals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a subject's withdrawal of consent to a purpose */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConsentEvent"];
                };
            };
            responses: {
                /** @description recorded (or already recorded) */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentRecorded"];
                    };
                };
                /** @description rejected input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consent/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A subject's consents, per purpose, with their history */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ConsentStatusRequest"];
                };
            };
            responses: {
                /** @description the consents (none for an unknown subject) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentStatus"];
                    };
                };
                /** @description rejected input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a consent file (streamed; as `jikimi consent import`): all rows or none (a job) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description header subject,purpose,action,at,source[,evidence]; RFC 4180, UTF-8 */
            requestBody: {
                content: {
                    "text/csv": string;
                    "application/x-ndjson": string;
                };
            };
            responses: {
                /** @description the job; poll GET /v1/jobs/{id} */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description the upload is over the cap */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consent/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consent per purpose over time: in force, grants, withdrawals and the rate (counts only)
         * @description The consent chain is verified first (chain.verified); the population and the rate at each release come from release bodies proven against the signed checkpoint (ledger.verified). Days, weeks or months by the span.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the summary */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsentSummary"];
                    };
                };
                /** @description a token of another role (the regulator included) */
                403: {
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
    "/v1/uploads/scans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Scan an uploaded records file for personal data (a job) */
        post: {
            parameters: {
                query?: {
                    input_format?: "csv" | "jsonl" | "parquet";
                    sample?: number;
                    /** @description the file's name in the result */
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the records file, streamed (CSV, JSON Lines or Parquet) */
            requestBody: {
                content: {
                    "text/csv": string;
                    "application/x-ndjson": string;
                    "application/vnd.apache.parquet": string;
                };
            };
            responses: {
                /** @description the job; poll GET /v1/jobs/{id} */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description bad parameters or input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the upload is over the cap */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/risk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-identification risk of an uploaded records file over its quasi-identifiers (a job) */
        post: {
            parameters: {
                query: {
                    quasi_identifiers: string;
                    sensitive?: string;
                    subsets?: "true" | "false";
                    input_format?: "csv" | "jsonl" | "parquet";
                    name?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description the records file, streamed (CSV, JSON Lines or Parquet) */
            requestBody: {
                content: {
                    "text/csv": string;
                    "application/x-ndjson": string;
                    "application/vnd.apache.parquet": string;
                };
            };
            responses: {
                /** @description the job; poll GET /v1/jobs/{id} */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description bad parameters or input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the upload is over the cap */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Which columns of two server-side files join, and how many records link (a job) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LinkRequest"];
                };
            };
            responses: {
                /** @description the job; poll GET /v1/jobs/{id} */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Job"];
                    };
                };
                /** @description bad parameters or input */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description a path outside the allowed input roots, or the role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such file */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description the upload is over the cap */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/detokenize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reverse tokens of an agreement's field (controller only; recorded in the access log) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["DetokenizeRequest"];
                };
            };
            responses: {
                /** @description the values, in the order of the tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Detokenized"];
                    };
                };
                /** @description a token that does not open, or a field not released as a token */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such agreement */
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
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/releases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The ledger's entries, oldest first, a page at a time */
        get: {
            parameters: {
                query?: {
                    /** @description the last seq of the previous page */
                    after?: number | null;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description a page of the log */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LogPage"];
                    };
                };
                /** @description a bad parameter */
                400: {
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
    "/v1/releases/{seq}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry's public body and leaf hash */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    seq: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the entry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerEntry"];
                    };
                };
                /** @description no such entry */
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
    "/v1/proofs/inclusion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An entry's inclusion proof in the tree of `size` entries (default: all) */
        get: {
            parameters: {
                query?: {
                    seq?: number | null;
                    size?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the proof */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InclusionProof"];
                    };
                };
                /** @description a size out of range */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such entry */
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
    "/v1/proofs/consistency": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A consistency proof from the tree of `from` entries to the tree of `to` (default: all) */
        get: {
            parameters: {
                query?: {
                    from?: number | null;
                    to?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the proof */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsistencyProof"];
                    };
                };
                /** @description sizes out of range */
                400: {
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
    "/v1/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest signed checkpoint note (c2sp.org/tlog-checkpoint) with its stored cosignatures */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the signed note */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
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
    "/v1/ledger/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored signed checkpoint: its signers and each configured witness's cosignature */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the checkpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerCheckpoint"];
                    };
                };
                /** @description the stored note does not verify under the log's keys */
                500: {
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
    "/v1/ledger/monitor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A monitor's pass over the log's tiles: a fork, a rollback or growth without the witness quorum since the last clean pass */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the pass */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LedgerMonitor"];
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
    "/v1/ledger/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Runs the ledger's full verify (as `jikimi ledger verify`) as a job; nothing is written */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the job started: GET /v1/jobs/{id} gives its result (ok, size, root, problems, seconds) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            kind: string;
                            state: string;
                            created_at: string;
                        };
                    };
                };
                /** @description too many jobs running */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ledger/vkey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The log's verifier keys (public), one a line: the active key and any retired one */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description vkeys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/plain": string;
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
    "/v1/ledger/tiles.tar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The log as c2sp.org/tlog-tiles in one ustar archive (ledger/checkpoint, ledger/tile/...) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the archive; `jikimi verify log --tiles <folder>/ledger` verifies it once extracted */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-tar": string;
                    };
                };
                /** @description a role that does not read tiles */
                403: {
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
    "/v1/tiles/{path}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The log as c2sp.org/tlog-tiles: hash tiles, entry bundles and the checkpoint, computed from the store */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>] or checkpoint */
                    path: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the tile's bytes (application/octet-stream) or the checkpoint note (text/plain) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description no such tile in the log */
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
    "/v1/subjects/me/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every release that contained the person this subject token names */
        get: {
            parameters: {
                query?: {
                    /** @description releases on the page, 0 to 1000 (default 50); 0 gives only the count and the groups */
                    limit?: number | null;
                    /** @description only releases below this seq: the `next_before` of the page before */
                    before?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the releases counted per terms, and one page of them newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubjectHistory"];
                    };
                };
                /** @description a token of another role */
                403: {
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
    "/v1/subjects/me/receipts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A receipt proving each release that contained the person this subject token names */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the receipt and its releases */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubjectReceipts"];
                    };
                };
                /** @description a token of another role */
                403: {
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
    "/v1/subjects/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Every release that contained one subject, for a DPO answering a person's request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SubjectLookup"];
                };
            };
            responses: {
                /** @description the releases counted per terms, and one page of them newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SubjectHistory"];
                    };
                };
                /** @description no subject key */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description a token of another role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/inspection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The inspection report: every release in a period, totals, anomalies, findings and the verification */
        get: {
            parameters: {
                query?: {
                    /** @description json (the exact figures) or a document */
                    format?: "html" | "pdf" | "md" | "json" | "xlsx";
                    /** @description the document's language (default: Accept-Language) */
                    lang?: "ko" | "en";
                    /** @description YYYY-MM-DD */
                    from?: string;
                    /** @description YYYY-MM-DD */
                    to?: string;
                    recipient?: string;
                    country?: string;
                    agreement?: string;
                    /** @description json only: summary leaves out the lists of releases and anomalies (their counts stay in totals): the dashboard's overview */
                    parts?: "all" | "summary";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the report, computed at the stored signed checkpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                        "text/markdown": string;
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description a bad filter or format */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description a token of another role */
                403: {
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
    "/v1/reports/records-of-processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Records of processing activities (GDPR Art. 30(1)), from the declarations as they are now */
        get: {
            parameters: {
                query?: {
                    /** @description json (the exact figures) or a document */
                    format?: "html" | "pdf" | "md" | "json" | "xlsx";
                    /** @description the document's language (default: Accept-Language) */
                    lang?: "ko" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                        "text/markdown": string;
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description a declaration has a problem, or a bad format */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description a token of another role */
                403: {
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
    "/v1/reports/privacy-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The privacy policy's tables (PIPA Art. 30(1), 28-8(2)): third parties, entrustment, cross-border transfer */
        get: {
            parameters: {
                query?: {
                    /** @description json (the exact figures) or a document */
                    format?: "html" | "pdf" | "md" | "json" | "xlsx";
                    /** @description the document's language (default: Accept-Language) */
                    lang?: "ko" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                        "text/markdown": string;
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description a declaration has a problem, or a bad format */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description a token of another role */
                403: {
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
    "/v1/reports/dpia/{agreement}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agreement's impact view: findings, volume of every release, what changed between versions (the file risk is the CLI's) */
        get: {
            parameters: {
                query?: {
                    /** @description json (the exact figures) or a document */
                    format?: "html" | "pdf" | "md" | "json" | "xlsx";
                    /** @description the document's language (default: Accept-Language) */
                    lang?: "ko" | "en";
                };
                header?: never;
                path: {
                    agreement: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the view */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                        "text/markdown": string;
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description a token of another role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no such agreement, declared or released */
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
    "/v1/subjects/me/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The person's statement of who received their data in the last 3 years, in plain words */
        get: {
            parameters: {
                query?: {
                    /** @description json (the exact figures) or a document */
                    format?: "html" | "pdf" | "md" | "json" | "xlsx";
                    /** @description the document's language (default: Accept-Language) */
                    lang?: "ko" | "en";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the statement */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                        "text/markdown": string;
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description a token of another role */
                403: {
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
    "/v1/subjects/statement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One person's statement of provision, for a DPO answering the person's request */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StatementRequest"];
                };
            };
            responses: {
                /** @description the statement */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                        "text/html": string;
                        "text/markdown": string;
                        "application/pdf": string;
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                /** @description no subject key, or a bad format */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description a token of another role */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
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
        ReleaseFromPath: {
            /** @description a file under one of server.input_roots (relative: to the first root) */
            path: string;
            /** @enum {string} */
            input_format?: "csv" | "jsonl" | "parquet";
            /** @description the release's as-of time (ISO 8601; default now) */
            at?: string;
            dry_run?: boolean;
            /** @description release despite a hold, with this reason (recorded; role controller only) */
            override?: string;
            /** @description run on the workers of the server's queue (jikimi serve --redis): the path (a file, a folder of part files or a .parts manifest listing them) and server.output_dir must be on storage every worker reaches; the job ends when the release does */
            distributed?: boolean;
            /** @description bytes of a byte-range partition of one CSV file (distributed; default 64 MiB) */
            partition_size?: number;
        };
        AccessLogPage: {
            events: components["schemas"]["AccessEvent"][];
            /** @description pass as `after` for the next page; null on the last page */
            next_after: number | null;
            /** @description whether every event's hash follows from the one before */
            chain_ok: boolean;
            /** @description the first event whose hash does not follow (changed, inserted or after a deletion) */
            broken_at?: number;
        };
        AccessEvent: {
            id: number;
            at: string;
            /** @description the token's id, or `subject` for a person's own signed token */
            actor: string;
            /** @enum {string} */
            role: "operator" | "dpo" | "regulator" | "controller" | "subject";
            /** @enum {string} */
            action: "subject_history" | "subject_receipts" | "subject_statement" | "detokenize";
            /** @description the subject's ledger hash (hex), never the key */
            subject?: string;
            agreement?: string;
            field?: string;
            count?: number;
        };
        WorkspaceSummary: {
            controller: string;
            origin: string;
            /** @description null when a declaration has a problem */
            agreements: number | null;
            declarations_valid: boolean;
            /** @enum {string} */
            store: "sqlite" | "postgres";
            ledger_size: number;
            last_check: {
                checked_for: string;
                errors: number;
                warnings: number;
                gaps: number;
            } | null;
        };
        CheckReport: {
            jikimi: string;
            workspace: string;
            at: string;
            summary: {
                errors: number;
                warnings: number;
                gaps: number;
                agreements: number;
            };
            findings: {
                [key: string]: unknown;
            }[];
            /** @description SHA-256 of the declarations checked */
            digest: string;
        } & {
            [key: string]: unknown;
        };
        CheckRefused: components["schemas"]["Error"] & {
            issues: {
                [key: string]: unknown;
            }[];
        };
        CheckRequest: {
            /**
             * Format: date
             * @example 2026-12-01
             */
            at?: string;
        };
        Agreement: {
            id: string;
            version: number;
            title?: string;
            recipient: string;
            datasets: string[];
            purposes: string[];
            legal_basis: string;
            consent_purpose?: string;
            fields: {
                name: string;
                transform: string;
            }[];
            valid: {
                from: string;
                until?: string;
            };
        };
        AgreementDetail: components["schemas"]["Agreement"] & {
            file: string;
            phases?: {
                name: string;
                from?: string;
                until?: string;
                where: string;
            }[];
            retention?: {
                period: string;
                disposal: string;
            };
            cross_border?: {
                basis: string;
            };
            on_bad_row: string;
        };
        AgreementHistory: {
            agreement: string;
            /** @description the server's day (UTC) validity is judged on */
            today: string;
            verification: {
                ok: boolean;
                origin: string;
                size: number;
                root: string;
                signed_by: string[];
                cosigned_by: string[];
                pruned: number;
            };
            /** @description null when the workspace no longer declares the agreement */
            declaration: {
                version: number;
                digest: string;
                title: string | null;
                recipient: {
                    id: string;
                    name: string;
                    country: string;
                };
                legal_basis: string;
                purposes: string[];
                consent_purpose: string | null;
                cross_border: string | null;
                fields: {
                    name: string;
                    transform: string;
                }[];
                valid: {
                    from: string;
                    until: string | null;
                    in_force: boolean;
                };
                /** @description a release was made under this very declaration */
                released: boolean;
            } | null;
            /** @description null when no check run is recorded */
            findings: {
                checked_for: string;
                started_at: string;
                items: {
                    code: string;
                    severity: string;
                    title: string;
                    message: string;
                    subject: {
                        kind: string;
                        id: string;
                    };
                    articles: {
                        id: string;
                        citation: string;
                        title: string;
                    }[];
                }[];
            } | null;
            versions: {
                version: number;
                digest: string;
                releases: number;
                first: {
                    seq: number;
                    released_at: string;
                };
                last: {
                    seq: number;
                    released_at: string;
                };
                terms: {
                    recipient: {
                        id: string;
                        name: string;
                        country: string;
                    };
                    legal_basis: string;
                    purposes: string[];
                    fields: {
                        name: string;
                        transform: string;
                    }[];
                };
            }[];
            /** @description from ?from to ?to (default: the last two versions); null with no release */
            diff: {
                from: {
                    version: number;
                    digest: string;
                };
                to: {
                    version: number;
                    digest: string;
                };
                fields_added: {
                    name: string;
                    transform: string;
                }[];
                fields_removed: {
                    name: string;
                    transform: string;
                }[];
                transforms_changed: {
                    field: string;
                    from: string;
                    to: string;
                }[];
                purposes_added: string[];
                purposes_removed: string[];
                legal_basis: {
                    from: string;
                    to: string;
                } | null;
                recipient: {
                    from: {
                        id: string;
                        name: string;
                        country: string;
                    };
                    to: {
                        id: string;
                        name: string;
                        country: string;
                    };
                } | null;
            } | null;
            volume: {
                limits: {
                    max_subjects: number | null;
                    max_growth: number | null;
                    max_releases_per_day: number | null;
                };
                releases: {
                    seq: number;
                    released_at: string;
                    people: number;
                    records: number;
                }[];
                holds: {
                    seq: number;
                    released_at: string;
                    people: number;
                    reasons: string[];
                }[];
                actual: {
                    largest: {
                        value: number;
                        limit: number | null;
                        /** @description null when no limit is declared */
                        within: boolean | null;
                        seq: number;
                        released_at: string;
                    } | null;
                    latest: {
                        value: number;
                        limit: number | null;
                        /** @description null when no limit is declared */
                        within: boolean | null;
                        seq: number;
                        released_at: string;
                    } | null;
                    growth: {
                        value: number;
                        limit: number | null;
                        /** @description null when no limit is declared */
                        within: boolean | null;
                        seq: number;
                        released_at: string;
                        people: number;
                        previous: number;
                    } | null;
                    busiest_day: {
                        value: number;
                        limit: number | null;
                        /** @description null when no limit is declared */
                        within: boolean | null;
                        day: string;
                    } | null;
                };
            };
        };
        ConsentRecorded: {
            /** @enum {boolean} */
            ok: true;
            /** @enum {string} */
            action: "grant" | "withdraw";
            purpose: string;
            at: string;
            source: string;
            evidence: string | null;
            new_subject: boolean;
            already_recorded: boolean;
        };
        ConsentEvent: {
            /** @description the subject key (never echoed back) */
            subject_key: string;
            /** @example nsf-provision */
            purpose: string;
            /** @description the system that collected it (default: api:<token name>) */
            source?: string;
            evidence?: string;
            /** @description ISO 8601 with a timezone (default: now) */
            at?: string;
        };
        ConsentStatus: {
            consents: {
                purpose: string;
                /** @enum {string} */
                state: "granted" | "withdrawn";
                since: string;
                source: string;
                evidence: string | null;
                history: {
                    /** @enum {string} */
                    action: "grant" | "withdraw";
                    at: string;
                    source: string;
                    evidence: string | null;
                    recorded_at: string;
                }[];
            }[];
        };
        ConsentStatusRequest: {
            /** @description the subject key (never echoed back) */
            subject_key: string;
            purpose?: string;
            at?: string;
        };
        ConsentSummary: {
            generated_at: string;
            /** @enum {string} */
            unit: "day" | "week" | "month";
            /** @description YYYY-MM-DD (UTC) */
            from: string | null;
            /** @description YYYY-MM-DD (UTC) */
            to: string | null;
            chain: {
                events: number;
                head: string;
                verified: boolean;
                problems: number;
            };
            ledger: {
                verified: boolean;
                size: number;
                signed_by: string[];
                cosigned_by: string[];
            };
            purposes: {
                purpose: string;
                population: {
                    count: number;
                    /** @enum {string} */
                    source: "release_rows" | "subject_dictionary";
                    seq: number | null;
                };
                events: number;
                in_force: number;
                granted: number;
                withdrawn: number;
                /** @description in force / population; null when 0 */
                rate: number | null;
                series: {
                    /** @description YYYY-MM-DD (UTC) */
                    start: string;
                    /** @description YYYY-MM-DD (UTC) */
                    end: string;
                    in_force: number;
                    granted: number;
                    withdrawn: number;
                    /** @description in force / population; null when 0 */
                    rate: number | null;
                }[];
                releases: {
                    seq: number;
                    released_at: string;
                    as_of: string;
                    /** @description the count in force the release committed to (proven body) */
                    count: number;
                    /** @description the chain's count in force at as_of, now */
                    chain_count: number;
                    rows_read: number | null;
                    /** @description in force / population; null when 0 */
                    rate: number | null;
                }[];
            }[];
            withdrawals: {
                /** @description YYYY-MM-DD (UTC) */
                start: string;
                count: number;
            }[];
            recent_withdrawals: {
                /** @description YYYY-MM-DD (UTC) */
                day: string;
                purpose: string;
                count: number;
            }[];
        };
        LinkRequest: {
            left_path: string;
            right_path: string;
            /** @enum {string} */
            input_format?: "csv" | "jsonl" | "parquet";
            max_distinct?: number;
            max_link_share?: number;
        };
        Detokenized: {
            values: string[];
        };
        DetokenizeRequest: {
            agreement: string;
            field: string;
            tokens: string[];
            /** @description a retired master key's id */
            key_id?: string;
        };
        LogPage: {
            /** @description entries in the ledger now */
            size: number;
            releases: components["schemas"]["LogItem"][];
            /** @description pass as `after` for the next page; null on the last page */
            next_after: number | null;
        };
        LogItem: {
            seq: number;
            /** @enum {string} */
            kind: "release" | "prune" | "hold";
            agreement: {
                id: string;
                version: number;
            } | null;
            recipient: {
                id: string;
                name: string;
                country: string;
            } | null;
            released_at: string | null;
            /** @description null for an entry whose body was pruned */
            recorded_at: string | null;
            subject_count: number | null;
            /** @description when a later prune event removed the body */
            pruned_at: string | null;
        };
        LedgerEntry: {
            seq: number;
            /** @enum {string} */
            kind: "release" | "prune" | "hold";
            /** @description the entry's public body (jikimi-ledger-entry/2); null once pruned */
            entry: {
                [key: string]: unknown;
            } | null;
            pruned_at: string | null;
            /** @description SHA-256(0x00 || canonical body), hex */
            leaf_hash: string;
        };
        InclusionProof: {
            seq: number;
            size: number;
            leaf_hash: string;
            root: string;
            /** @description RFC 9162 inclusion proof, hex hashes */
            proof: string[];
        };
        ConsistencyProof: {
            from: number;
            to: number;
            root_from: string;
            root_to: string;
            /** @description RFC 9162 consistency proof, hex hashes */
            proof: string[];
        };
        LedgerCheckpoint: {
            origin: string;
            size: number;
            root: string;
            signed_by: {
                name: string;
                /** @description the signed-note key ID, hex */
                key_id: string;
            }[];
            witnesses: {
                name: string;
                /** @description the signed-note key ID, hex */
                key_id: string;
                cosigned: boolean;
                /** @description the time in the cosignature (ISO 8601, UTC) */
                time: string | null;
            }[];
            /** @description jikimi.yaml ledger.witness_quorum */
            quorum: number;
            met: boolean;
        };
        LedgerMonitor: {
            ok: boolean;
            origin: string;
            size: number;
            root: string;
            /** @description the checkpoint kept from this server's last clean pass; null on the first */
            previous: {
                size: number;
                root: string;
            } | null;
            events: {
                kind: string;
                message: string;
            }[];
            problems: {
                kind: string;
                seq?: number;
                place?: string;
                message: string;
            }[];
            witnesses: {
                cosigned: string[];
                quorum: number;
                met: boolean;
            } | null;
        };
        SubjectHistory: {
            /** @description every release that held the person */
            count: number;
            /** @description the releases counted per terms (who received which fields, why, from when to when), by first seq */
            groups: components["schemas"]["SubjectReleaseGroup"][];
            /** @description one page of the releases, newest first */
            releases: {
                seq: number;
                released_at: string;
                recorded_at: string;
                /** @description the release's terms: its place in `groups` */
                group: number;
            }[];
            /** @description pass as `before` for the next (older) page; null on the last page */
            next_before: number | null;
        };
        SubjectReleaseGroup: {
            agreement: string;
            version: number;
            recipient: string;
            country: string;
            legal_basis: string;
            purposes: string[];
            fields: string[];
            /** @description how many releases under these terms held the person */
            count: number;
            first_seq: number;
            last_seq: number;
            first_released_at: string;
            last_released_at: string;
        };
        SubjectReceipts: {
            /** @description the receipt file (`jikimi verify receipt` checks it with the log's public key); null when none */
            receipt: string | null;
            releases: {
                seq: number;
                released_at: string;
                recipient: string;
                country: string;
                purposes: string[];
                legal_basis: string;
                fields: string[];
            }[];
            skipped: {
                seq: number;
                reason: string;
            }[];
        };
        SubjectLookup: {
            /** @description never echoed back or logged */
            subject_key: string;
            /**
             * @description releases on the page, 0 to 1000 (default 50); 0 gives only the count and the groups
             * @default 50
             */
            limit: number | null;
            /** @description only releases below this seq: the `next_before` of the page before */
            before?: number | null;
        };
        StatementRequest: {
            /**
             * @description json (the exact figures) or a document
             * @default json
             * @enum {string}
             */
            format: "html" | "pdf" | "md" | "json" | "xlsx";
            /**
             * @description the document's language (default: Accept-Language)
             * @enum {string}
             */
            lang?: "ko" | "en";
            /** @description never echoed back or logged */
            subject_key: string;
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
