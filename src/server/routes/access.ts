// GET /v1/access-log: the DPO reads who opened a person's history or receipts and who detokenized what, page by
// page, with `chain_ok`: whether the hash chain holds over the whole log (read from its first event).
import { z } from "@hono/zod-openapi";
import { type AccessEvent, type AccessLogStore, verifyAccessLog } from "../../public/server.js";
import type { ServerApp } from "../app.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

const MAX_PAGE = 1000;

const AccessEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z
      .string()
      .openapi({ description: "the token's id, or `subject` for a person's own signed token" }),
    role: z.enum(["operator", "dpo", "regulator", "controller", "subject"]),
    action: z.enum(["subject_history", "subject_receipts", "subject_statement", "detokenize"]),
    subject: z.string().optional().openapi({ description: "the subject's ledger hash (hex), never the key" }),
    agreement: z.string().optional(),
    field: z.string().optional(),
    count: z.number().int().optional(),
  })
  .openapi("AccessEvent");

const AccessLogPage = z
  .object({
    events: z.array(AccessEventSchema),
    next_after: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "pass as `after` for the next page; null on the last page" }),
    chain_ok: z.boolean().openapi({ description: "whether every event's hash follows from the one before" }),
    broken_at: z.number().int().optional().openapi({
      description: "the first event whose hash does not follow (changed, inserted or after a deletion)",
    }),
  })
  .openapi("AccessLogPage");

/** The whole log read from its start, page by page: the id of the first event that breaks the chain, if any. */
async function firstBreak(log: AccessLogStore): Promise<number | undefined> {
  const events: (AccessEvent & { id: number })[] = [];
  for (let after = 0; ; ) {
    const page = await log.list({ after, limit: MAX_PAGE });
    events.push(...page);
    if (page.length < MAX_PAGE) break;
    after = (page[page.length - 1] as { id: number }).id;
  }
  return verifyAccessLog(events);
}

/** Registers GET /v1/access-log (dpo). */
export function registerAccess(app: ServerApp): void {
  app.openapi(
    guarded(["dpo"], {
      method: "get",
      path: "/v1/access-log",
      summary: "The access log: reads of a person's history or receipts and detokenizations, hash-chained",
      request: {
        query: z.object({
          after: z.coerce
            .number()
            .int()
            .min(0)
            .default(0)
            .openapi({ description: "the last id already read" }),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
        }),
      },
      responses: {
        200: { description: "a page of events", content: { "application/json": { schema: AccessLogPage } } },
        403: { description: "not a DPO's token", content: { "application/json": { schema: ErrorSchema } } },
      },
    }),
    async (c) => {
      const { after, limit } = c.req.valid("query");
      const log = c.get("session").store.accessLog;
      const page = await log.list({ after, limit: limit + 1 });
      const events = page.slice(0, limit);
      const broken = await firstBreak(log);
      const last = events[events.length - 1];
      return c.json(
        {
          events: events.map((e) => ({
            id: e.id,
            at: e.at,
            actor: e.actor,
            role: e.role,
            action: e.action,
            ...(e.subject === undefined ? {} : { subject: e.subject }),
            ...(e.agreement === undefined ? {} : { agreement: e.agreement }),
            ...(e.field === undefined ? {} : { field: e.field }),
            ...(e.count === undefined ? {} : { count: e.count }),
          })),
          next_after: page.length > limit && last !== undefined ? last.id : null,
          chain_ok: broken === undefined,
          ...(broken === undefined ? {} : { broken_at: broken }),
        },
        200,
      );
    },
  );
}
