// a person's view of the ledger: GET /v1/subjects/me/history and /me/receipts for the person a signed subject token
// names (no parameter names a subject, so a token reads only its own person), and POST /v1/subjects/history for a
// DPO answering a request (the key travels in the body, never in a path or query). An answer counts the releases
// per terms and lists one page of them newest first (`limit`, `before`), so years of a daily feed answer quickly.
// Every read is recorded in the access log under the subject's ledger hash. A subject never released and one the
// ledger does not know answer alike: the same status and body (count 0, no groups), through the same calls, so
// neither can be told from the other.
import { z } from "@hono/zod-openapi";
import { JikimiError, t } from "../../public/base.js";
import { type Principal, recordAccess } from "../../public/server.js";
import { verifyReceipt } from "../../public/verify.js";
import type { WorkspaceSession } from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

const SubjectReleaseGroup = z
  .object({
    agreement: z.string(),
    version: z.number().int(),
    recipient: z.string(),
    country: z.string(),
    legal_basis: z.string(),
    purposes: z.array(z.string()),
    fields: z.array(z.string()),
    count: z.number().int().openapi({ description: "how many releases under these terms held the person" }),
    first_seq: z.number().int(),
    last_seq: z.number().int(),
    first_released_at: z.string(),
    last_released_at: z.string(),
  })
  .openapi("SubjectReleaseGroup");

const History = z
  .object({
    count: z.number().int().openapi({ description: "every release that held the person" }),
    groups: z.array(SubjectReleaseGroup).openapi({
      description:
        "the releases counted per terms (who received which fields, why, from when to when), by first seq",
    }),
    releases: z
      .array(
        z.object({
          seq: z.number().int(),
          released_at: z.string(),
          recorded_at: z.string(),
          group: z.number().int().openapi({ description: "the release's terms: its place in `groups`" }),
        }),
      )
      .openapi({ description: "one page of the releases, newest first" }),
    next_before: z.number().int().nullable().openapi({
      description: "pass as `before` for the next (older) page; null on the last page",
    }),
  })
  .openapi("SubjectHistory");

/** A page of a history: at most `limit` releases (default 50), older than seq `before`. */
const Page = z.object({
  limit: z.coerce.number().int().min(0).max(1000).default(50).openapi({
    description: "releases on the page, 0 to 1000 (default 50); 0 gives only the count and the groups",
  }),
  before: z.coerce.number().int().min(0).optional().openapi({
    description: "only releases below this seq: the `next_before` of the page before",
  }),
});

const Receipts = z
  .object({
    receipt: z.string().nullable().openapi({
      description:
        "the receipt file (`jikimi verify receipt` checks it with the log's public key); null when none",
    }),
    releases: z.array(
      z.object({
        seq: z.number().int(),
        released_at: z.string(),
        recipient: z.string(),
        country: z.string(),
        purposes: z.array(z.string()),
        legal_basis: z.string(),
        fields: z.array(z.string()),
      }),
    ),
    skipped: z.array(z.object({ seq: z.number().int(), reason: z.string() })),
  })
  .openapi("SubjectReceipts");

const forbidden = {
  description: "a token of another role",
  content: { "application/json": { schema: ErrorSchema } },
};

/** The subject's ledger hash (HMAC under the ledger-subjects key, 16 bytes) in hex: what the access log keeps. */
export function subjectHash(session: WorkspaceSession, subjectKey: string): string {
  return Buffer.from(session.hasher.hashMany([subjectKey])).toString("hex");
}

/** The subject's releases counted per terms and one page of them, newest first, recorded as read. */
async function history(
  session: WorkspaceSession,
  who: Principal,
  subjectKey: string,
  page: z.infer<typeof Page>,
) {
  await recordAccess(session.store.accessLog, who, {
    action: "subject_history",
    subject: subjectHash(session, subjectKey),
  });
  return session.ledger().subjectOverview(subjectKey, page);
}

/**
 * The subject's receipt (`jikimi ledger receipt`), checked as the person will check it, recorded as read. The
 * history's lookup decides first whether there is anything to prove: a subject the ledger does not know and one it
 * knows but never released take that same path and stop there (the receipt's own lookup does more work for a known
 * subject than for an unknown one before finding nothing). Releases whose bodies were all pruned give no receipt.
 */
async function receipts(session: WorkspaceSession, who: Principal, subjectKey: string) {
  await recordAccess(session.store.accessLog, who, {
    action: "subject_receipts",
    subject: subjectHash(session, subjectKey),
  });
  const ledger = session.ledger();
  if ((await ledger.subjectOverview(subjectKey, { limit: 0 })).count === 0)
    return { receipt: null, releases: [], skipped: [] };
  // with witnesses configured, the stored checkpoint they cosigned (no witness is called from a request)
  const checkpoint =
    session.settings.witnesses.length > 0 ? await session.checkpoint({ stored: true }) : undefined;
  const issued = await ledger.receipt(subjectKey, {
    origin: session.origin,
    signer: session.noteSigner(),
    ...(checkpoint === undefined ? {} : { checkpoint }),
  });
  if (issued?.text) {
    const check = verifyReceipt(issued.text, { vkeys: session.logVkeys(), subject: subjectKey });
    if (!check.ok)
      throw new JikimiError(
        "receipt_refused",
        t("server.ledger.receipt_refused", { codes: check.problems.map((p) => p.code).join(", ") }),
        { hint: t("server.ledger.receipt_refused_hint") },
      );
  }
  return { receipt: issued?.text ?? null, releases: issued?.releases ?? [], skipped: issued?.skipped ?? [] };
}

/** The subject key of a person's own token (the route admits only subject tokens). */
function ownKey(p: Principal): string {
  if (p.kind !== "subject") throw apiError("forbidden_role", { role: p.role, allowed: "subject" });
  return p.subjectKey;
}

/** Registers the subject routes. */
export function registerSubjects(app: ServerApp): void {
  app.openapi(
    guarded(["subject"], {
      method: "get",
      path: "/v1/subjects/me/history",
      summary: "Every release that contained the person this subject token names",
      request: { query: Page },
      responses: {
        200: {
          description: "the releases counted per terms, and one page of them newest first",
          content: { "application/json": { schema: History } },
        },
        403: forbidden,
      },
    }),
    async (c) => {
      const who = c.get("principal");
      return c.json(await history(c.get("session"), who, ownKey(who), c.req.valid("query")), 200);
    },
  );

  app.openapi(
    guarded(["subject"], {
      method: "get",
      path: "/v1/subjects/me/receipts",
      summary: "A receipt proving each release that contained the person this subject token names",
      responses: {
        200: {
          description: "the receipt and its releases",
          content: { "application/json": { schema: Receipts } },
        },
        403: forbidden,
      },
    }),
    async (c) => {
      const who = c.get("principal");
      return c.json(await receipts(c.get("session"), who, ownKey(who)), 200);
    },
  );

  app.openapi(
    guarded(["dpo"], {
      method: "post",
      path: "/v1/subjects/history",
      summary: "Every release that contained one subject, for a DPO answering a person's request",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  subject_key: z
                    .string()
                    .min(1)
                    .max(256)
                    .openapi({ description: "never echoed back or logged" }),
                  limit: Page.shape.limit,
                  before: Page.shape.before,
                })
                .openapi("SubjectLookup"),
            },
          },
        },
      },
      responses: {
        200: {
          description: "the releases counted per terms, and one page of them newest first",
          content: { "application/json": { schema: History } },
        },
        400: { description: "no subject key", content: { "application/json": { schema: ErrorSchema } } },
        403: forbidden,
      },
    }),
    async (c) => {
      const { subject_key, ...page } = c.req.valid("json");
      return c.json(await history(c.get("session"), c.get("principal"), subject_key, page), 200);
    },
  );
}
