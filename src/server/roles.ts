// which roles reach which route: each route is declared with its roles (`guarded`), which the OpenAPI document
// carries as `x-jikimi-roles` and a middleware enforces; the role-matrix test reads them back from the document.
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Role } from "../public/server.js";
import type { ServerEnv } from "./env.js";
import { apiError } from "./errors.js";

/** The OpenAPI extension naming a route's roles. */
export const ROLES_EXTENSION = "x-jikimi-roles";

/** Refuses (403 forbidden_role) a caller whose role is not one of `roles`. */
export function allow(roles: readonly Role[]): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const role = c.get("principal").role;
    if (!roles.includes(role)) throw apiError("forbidden_role", { role, allowed: roles.join(", ") });
    await next();
  };
}

/**
 * A route reached with a bearer token of one of `roles`.
 * @example app.openapi(guarded(["dpo", "regulator"], { method: "get", path: "/v1/releases", responses }), handler)
 */
export function guarded<R extends Omit<RouteConfig, "middleware" | "security">>(
  roles: readonly Role[],
  config: R,
) {
  return createRoute({
    ...config,
    security: [{ bearer: [] }],
    middleware: [allow(roles)] as const,
    [ROLES_EXTENSION]: [...roles],
  });
}
