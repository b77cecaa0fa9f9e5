// types of scripts/openapi.mjs for the tests that import it.
/** The document as the server publishes it. */
export function apiDocument(): Promise<unknown>;
/** The client's types generated from `doc`, as src/client/schema.ts holds them. */
export function clientTypes(doc: unknown): Promise<string>;
