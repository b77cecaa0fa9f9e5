// who is calling: `Authorization: Bearer <token>` on every /v1 route, an opaque API token (jk_...) looked up by its
// hash, or a person's short-lived signed subject token; anything else is 401 unauthenticated, the same answer
// whatever was wrong with it.
import type { MiddlewareHandler } from "hono";
import { authenticateToken, isApiToken, type Principal } from "../public/server.js";
import type { ServerEnv } from "./env.js";
import { apiError } from "./errors.js";

/** Turns a signed subject token into a principal, or undefined when it does not verify. */
export type SubjectTokenVerifier = (bearer: string, now: Date) => Promise<Principal | undefined>;

/** Sets `principal`, or refuses the request with 401. */
export function authenticate(options: {
  verifySubject?: SubjectTokenVerifier;
  now?: () => Date;
}): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer ([\x21-\x7e]{1,4096})$/i.exec(header);
    const now = options.now?.() ?? new Date();
    let principal: Principal | undefined;
    if (m) {
      const bearer = m[1] as string;
      principal = isApiToken(bearer)
        ? await authenticateToken(c.get("session").store.tokens, bearer, now)
        : await options.verifySubject?.(bearer, now);
    }
    if (!principal) {
      c.header("WWW-Authenticate", 'Bearer realm="jikimi"');
      throw apiError("unauthenticated");
    }
    c.set("principal", principal);
    await next();
  };
}
