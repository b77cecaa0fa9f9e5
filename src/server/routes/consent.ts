// consent over the API, as `jikimi consent` does it: grant and withdraw one event, a subject's status, and a streamed
// CSV (or JSON Lines) import as a job. Recording accepts only the consent purposes the workspace's agreements
// declare. Subject keys travel in JSON bodies only and never come back: not in an answer, an error or a log line.
import { z } from "@hono/zod-openapi";
import { JikimiError, t } from "../../public/base.js";
import {
  type ConsentAction,
  type ConsentField,
  ConsentInputError,
  type ConsentRegistry,
  declaredConsentPurposes,
  formatInstant,
  importConsentFile,
  parseInstant,
  problemNamed,
} from "../../public/consent.js";
import type { Principal } from "../../public/server.js";
import { diskReader, type WorkspaceSession } from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";
import { JobSchema } from "./jobs.js";
import { onUpload, uploadFormat, writeUpload } from "./upload-temp.js";

const SubjectKey = z.string().min(1).max(256).openapi({ description: "the subject key (never echoed back)" });

const EventBody = z
  .object({
    subject_key: SubjectKey,
    purpose: z.string().min(1).max(64).openapi({ example: "nsf-provision" }),
    source: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "the system that collected it (default: api:<token name>)" }),
    evidence: z.string().max(1000).optional(),
    at: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: "ISO 8601 with a timezone (default: now)" }),
  })
  .openapi("ConsentEvent");

const Recorded = z
  .object({
    ok: z.literal(true),
    action: z.enum(["grant", "withdraw"]),
    purpose: z.string(),
    at: z.string(),
    source: z.string(),
    evidence: z.string().nullable(),
    new_subject: z.boolean(),
    already_recorded: z.boolean(),
  })
  .openapi("ConsentRecorded");

const History = z.object({
  action: z.enum(["grant", "withdraw"]),
  at: z.string(),
  source: z.string(),
  evidence: z.string().nullable(),
  recorded_at: z.string(),
});

const Status = z
  .object({
    consents: z.array(
      z.object({
        purpose: z.string(),
        state: z.enum(["granted", "withdrawn"]),
        since: z.string(),
        source: z.string(),
        evidence: z.string().nullable(),
        history: z.array(History),
      }),
    ),
  })
  .openapi("ConsentStatus");

const json = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
const failed = { description: "rejected input", content: { "application/json": { schema: ErrorSchema } } };

/** The name of an event field in the API's body ("subject_key is empty: ..."). */
const BODY_NAME: Record<ConsentField, string> = {
  subject: "subject_key",
  purpose: "purpose",
  action: "action",
  at: "at",
  source: "source",
  evidence: "evidence",
};

/** The registry; for recording, one that accepts only the purposes the workspace's agreements declare. */
function registry(session: WorkspaceSession, use: "record" | "read"): ConsentRegistry {
  return session.consent(
    use === "record" ? { knownPurposes: declaredConsentPurposes(diskReader(session.root)) } : {},
  );
}

const defaultSource = (p: Principal): string => (p.kind === "token" ? `api:${p.name}` : "api");

async function recordOne(
  session: WorkspaceSession,
  principal: Principal,
  action: ConsentAction,
  body: z.infer<typeof EventBody>,
): Promise<z.infer<typeof Recorded>> {
  const now = new Date();
  const source = body.source ?? defaultSource(principal);
  const details = { source, at: body.at, evidence: body.evidence };
  const reg = registry(session, "record");
  let r: Awaited<ReturnType<ConsentRegistry["grant"]>>;
  try {
    r =
      action === "grant"
        ? await reg.grant(body.subject_key, body.purpose, details, now)
        : await reg.withdraw(body.subject_key, body.purpose, details, now);
  } catch (error) {
    if (!(error instanceof ConsentInputError)) throw error;
    // the problems name the body's fields, never their values
    throw new JikimiError(
      "consent_input_invalid",
      `${t("server.consent.nothing_recorded")}: ${error.problems.map((p) => problemNamed(p, BODY_NAME)).join("; ")}`,
      { hint: t("server.consent.nothing_recorded_hint") },
    );
  }
  return {
    ok: true,
    action,
    purpose: body.purpose,
    at: formatInstant(parseInstant(body.at ?? now.toISOString()) ?? now.getTime()),
    source,
    evidence: body.evidence ?? null,
    new_subject: r.newSubjects > 0,
    already_recorded: r.skipped > 0,
  };
}

/** Registers the consent routes. */
export function registerConsent(app: ServerApp): void {
  for (const [action, path, summary] of [
    ["grant", "/v1/consent/grants", "Record a subject's consent to a purpose"],
    ["withdraw", "/v1/consent/withdrawals", "Record a subject's withdrawal of consent to a purpose"],
  ] as const)
    app.openapi(
      guarded(["operator"], {
        method: "post",
        path,
        summary,
        request: { body: json(EventBody) },
        responses: {
          201: {
            description: "recorded (or already recorded)",
            content: { "application/json": { schema: Recorded } },
          },
          400: failed,
        },
      }),
      async (c) =>
        c.json(await recordOne(c.get("session"), c.get("principal"), action, c.req.valid("json")), 201),
    );

  app.openapi(
    guarded(["operator", "dpo"], {
      method: "post",
      path: "/v1/consent/status",
      summary: "A subject's consents, per purpose, with their history",
      request: {
        body: json(
          z
            .object({
              subject_key: SubjectKey,
              purpose: z.string().min(1).max(64).optional(),
              at: z.string().min(1).max(64).optional(),
            })
            .openapi("ConsentStatusRequest"),
        ),
      },
      responses: {
        200: {
          description: "the consents (none for an unknown subject)",
          content: { "application/json": { schema: Status } },
        },
        400: failed,
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const all = await registry(c.get("session"), "read").status(b.subject_key, b.at);
      const consents = all
        .filter((s) => b.purpose === undefined || s.purpose === b.purpose)
        .map((s) => ({
          purpose: s.purpose,
          state: s.state,
          since: s.since,
          source: s.source,
          evidence: s.evidence,
          history: s.history.map((h) => ({
            action: h.action,
            at: h.at,
            source: h.source,
            evidence: h.evidence,
            recorded_at: h.recordedAt,
          })),
        }));
      return c.json({ consents }, 200);
    },
  );

  app.openapi(
    guarded(["operator"], {
      method: "post",
      path: "/v1/uploads/consent",
      summary: "Import a consent file (streamed; as `jikimi consent import`): all rows or none (a job)",
      request: {
        body: {
          required: true,
          description: "header subject,purpose,action,at,source[,evidence]; RFC 4180, UTF-8",
          content: { "text/csv": { schema: z.string() }, "application/x-ndjson": { schema: z.string() } },
        },
      },
      responses: {
        202: {
          description: "the job; poll GET /v1/jobs/{id}",
          content: { "application/json": { schema: JobSchema } },
        },
        413: {
          description: "the upload is over the cap",
          content: { "application/json": { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      const session = c.get("session");
      const format = uploadFormat(c.req.header("content-type"), undefined, ["csv", "jsonl"]) as
        | "csv"
        | "jsonl";
      const reg = registry(session, "record");
      const upload = await writeUpload(session.root, c.req.raw, `.${format}`);
      const name = `upload.${format}`;
      try {
        const view = c.get("jobs").start("consent_import", c.get("principal"), () =>
          onUpload(upload, name, async (path) => {
            try {
              const r = await importConsentFile(reg, path, { format });
              return {
                ok: true,
                format: r.format,
                rows: r.rows,
                recorded: r.recorded,
                skipped: r.skipped,
                new_subjects: r.newSubjects,
                seconds: r.seconds,
              };
            } catch (error) {
              if (!(error instanceof ConsentInputError)) throw error;
              // the same rows and fields as the CLI names, with the upload named instead of a temporary path
              throw new JikimiError("consent_input_invalid", error.summary.split(path).join(name), {
                details: { problems: error.total },
              });
            }
          }),
        );
        return c.json(view, 202);
      } catch (err) {
        upload.remove();
        throw err;
      }
    },
  );
}
