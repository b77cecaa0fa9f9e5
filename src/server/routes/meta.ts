// the API's own routes: liveness, and who the bearer token says the caller is.
import { z } from "@hono/zod-openapi";
import type { ServerApp } from "../app.js";
import { guarded } from "../roles.js";

const WhoAmI = z
  .object({
    kind: z.enum(["token", "subject"]),
    role: z.enum(["operator", "dpo", "regulator", "controller", "subject"]),
    id: z.string().optional().openapi({ description: "the token's id (not for a subject token)" }),
    name: z.string().optional(),
  })
  .openapi("WhoAmI");

/** GET /healthz (no token) and GET /v1/whoami (every role). */
export function registerMeta(app: ServerApp): void {
  app.get("/healthz", (c) => c.json({ ok: true }));
  app.openapi(
    guarded(["operator", "dpo", "regulator", "controller", "subject"], {
      method: "get",
      path: "/v1/whoami",
      summary: "Who the bearer token stands for",
      responses: { 200: { description: "the caller", content: { "application/json": { schema: WhoAmI } } } },
    }),
    (c) => {
      const p = c.get("principal");
      return c.json(
        p.kind === "token"
          ? { kind: p.kind, role: p.role, id: p.id, name: p.name }
          : { kind: p.kind, role: p.role },
        200,
      );
    },
  );
}
