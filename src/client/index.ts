// a typed client of the Jikimi HTTP API: openapi-fetch over the types generated from the server's OpenAPI document
// (src/client/schema.ts, written by `npm run openapi`; test/server/openapi.test.ts fails when it is stale).
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.js";

export type { paths } from "./schema.js";
export type JikimiClient = Client<paths>;

/**
 * A client that sends `token` as its bearer on every request.
 * @example
 * const api = jikimiClient({ baseUrl: "http://127.0.0.1:8787", token: process.env.JIKIMI_TOKEN ?? "" });
 * const { data, error } = await api.GET("/v1/whoami");
 */
export function jikimiClient(options: {
  baseUrl: string;
  token: string;
  /** the language of error messages: "ko" or "en" */
  language?: "ko" | "en";
  /** another fetch (tests pass the app's own request function) */
  fetch?: (request: Request) => Promise<Response>;
}): JikimiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: {
      Authorization: `Bearer ${options.token}`,
      ...(options.language ? { "Accept-Language": options.language } : {}),
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
