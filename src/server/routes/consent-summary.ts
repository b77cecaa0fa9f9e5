// the consent summary over the API (the dashboard's consent page): per consent purpose, the subjects whose consent
// is in force over time, grants, withdrawals and the rate against the population, from the verified consent chain
// and the release bodies proven against the signed checkpoint (src/app/consent-summary.ts says where each figure
// comes from). Counts only: no subject key, index or hash is in the answer. Operators and DPOs only: the regulator
// reads consent as the inspection report states it, not persons' choices over time.
import { z } from "@hono/zod-openapi";
import { consentSummary } from "../../public/consent-summary.js";
import type { ServerApp } from "../app.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

const Count = z.number().int().nonnegative();
const Rate = z
  .number()
  .nonnegative()
  .nullable()
  .openapi({ description: "in force / population; null when 0" });
const Day = z.string().openapi({ description: "YYYY-MM-DD (UTC)" });

const Bucket = z.object({
  start: Day,
  end: Day,
  in_force: Count,
  granted: Count,
  withdrawn: Count,
  rate: Rate,
});

const ReleasePoint = z.object({
  seq: Count,
  released_at: z.string(),
  as_of: z.string(),
  count: Count.openapi({ description: "the count in force the release committed to (proven body)" }),
  chain_count: Count.openapi({ description: "the chain's count in force at as_of, now" }),
  rows_read: Count.nullable(),
  rate: Rate,
});

const Purpose = z.object({
  purpose: z.string(),
  population: z.object({
    count: Count,
    source: z.enum(["release_rows", "subject_dictionary"]),
    seq: Count.nullable(),
  }),
  events: Count,
  in_force: Count,
  granted: Count,
  withdrawn: Count,
  rate: Rate,
  series: z.array(Bucket),
  releases: z.array(ReleasePoint),
});

export const ConsentSummarySchema = z
  .object({
    generated_at: z.string(),
    unit: z.enum(["day", "week", "month"]),
    from: Day.nullable(),
    to: Day.nullable(),
    chain: z.object({ events: Count, head: z.string(), verified: z.boolean(), problems: Count }),
    ledger: z.object({
      verified: z.boolean(),
      size: Count,
      signed_by: z.array(z.string()),
      cosigned_by: z.array(z.string()),
    }),
    purposes: z.array(Purpose),
    withdrawals: z.array(z.object({ start: Day, count: Count })),
    recent_withdrawals: z.array(z.object({ day: Day, purpose: z.string(), count: Count })),
  })
  .openapi("ConsentSummary");

/** Registers GET /v1/consent/summary. */
export function registerConsentSummary(app: ServerApp): void {
  app.openapi(
    guarded(["operator", "dpo"], {
      method: "get",
      path: "/v1/consent/summary",
      summary: "Consent per purpose over time: in force, grants, withdrawals and the rate (counts only)",
      description:
        "The consent chain is verified first (chain.verified); the population and the rate at each release come from release bodies proven against the signed checkpoint (ledger.verified). Days, weeks or months by the span.",
      responses: {
        200: {
          description: "the summary",
          content: { "application/json": { schema: ConsentSummarySchema } },
        },
        403: {
          description: "a token of another role (the regulator included)",
          content: { "application/json": { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => c.json(await consentSummary(c.get("session")), 200),
  );
}
