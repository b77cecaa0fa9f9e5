// a person's view of the ledger: GET /v1/subjects/me/history and /me/receipts for the person a signed subject token
// names (no parameter names a subject, so a token reads only its own person), and POST /v1/subjects/history for a
// DPO answering a request (the key travels in the body, never in a path or query). Every read is recorded in the
// access log under the subject's ledger hash. A subject never released and one the ledger does not know answer
// alike: the same status and body (`releases: []`), through the same calls, so neither can be told from the other.
import { z } from "@hono/zod-openapi";
import { JikimiError, t } from "../../public/base.js";
import { type Principal, recordAccess } from "../../public/server.js";
import { verifyReceipt } from "../../public/verify.js";
import type { WorkspaceSession } from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

const SubjectRelease = z
  .object({
    seq: z.number().int(),
    released_at: z.string(),
    recorded_at: z.string(),
    agreement: z.string(),
    version: z.number().int(),
    recipient: z.string(),
    country: z.string(),
    legal_basis: z.string(),
    purposes: z.array(z.string()),
    fields: z.array(z.string()),
  })
  .openapi("SubjectRelease");

const History = z
  .object({ releases: z.array(SubjectRelease), count: z.number().int() })
  .openapi("SubjectHistory");

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

/** Every release that contained the subject, oldest first (`jikimi ledger subject`), recorded as read. */
async function history(session: WorkspaceSession, who: Principal, subjectKey: string) {
  await recordAccess(session.store.accessLog, who, {
    action: "subject_history",
    subject: subjectHash(session, subjectKey),
  });
  const releases = await session.ledger().subjectHistory(subjectKey);
  return { releases, count: releases.length };
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
  if ((await ledger.subjectHistory(subjectKey)).length === 0)
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
      responses: {
        200: {
          description: "the releases, oldest first",
          content: { "application/json": { schema: History } },
        },
        403: forbidden,
      },
    }),
    async (c) => {
      const who = c.get("principal");
      return c.json(await history(c.get("session"), who, ownKey(who)), 200);
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
                })
                .openapi("SubjectLookup"),
            },
          },
        },
      },
      responses: {
        200: {
          description: "the releases, oldest first",
          content: { "application/json": { schema: History } },
        },
        400: { description: "no subject key", content: { "application/json": { schema: ErrorSchema } } },
        403: forbidden,
      },
    }),
    async (c) => {
      const { subject_key } = c.req.valid("json");
      return c.json(await history(c.get("session"), c.get("principal"), subject_key), 200);
    },
  );
}
