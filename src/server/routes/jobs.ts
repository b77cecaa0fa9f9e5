// GET /v1/jobs/{id}: a job's state, progress, result or error, for the caller that started it or a DPO.
import { z } from "@hono/zod-openapi";
import type { ServerApp } from "../app.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: "release" }),
    state: z.enum(["running", "done", "failed"]),
    created_at: z.string(),
    finished_at: z.string().optional(),
    progress: z.record(z.string(), z.number()).optional(),
    result: z.unknown().optional(),
    error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
  })
  .openapi("Job");

/** Registers GET /v1/jobs/{id}. */
export function registerJobs(app: ServerApp): void {
  app.openapi(
    guarded(["operator", "dpo", "regulator", "controller", "subject"], {
      method: "get",
      path: "/v1/jobs/{id}",
      summary: "A job's state, progress and result",
      request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) }) },
      responses: {
        200: { description: "the job", content: { "application/json": { schema: JobSchema } } },
        404: {
          description: "no such job for this caller",
          content: { "application/json": { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => c.json(await c.get("jobs").find(c.req.valid("param").id, c.get("principal")), 200),
  );
}
