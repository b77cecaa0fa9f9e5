// one structured line per request (pino): id, method, the route's pattern (never the path as sent, which a caller
// controls), status, time and who called by token id or role; never a body, a query, a header's value or a token.
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { ServerEnv } from "./env.js";

/** The request log middleware. */
export function requestLog(logger: Logger): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const p = c.get("principal");
    logger.info(
      {
        req_id: c.get("requestId"),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(p === undefined ? {} : p.kind === "token" ? { token: p.id, role: p.role } : { role: p.role }),
      },
      "request",
    );
  };
}
