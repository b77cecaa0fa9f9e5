// one agreement's page of the dashboard over the API: the declaration now (recipient, basis, purposes, fields and
// their transform, validity against today), the findings of the last recorded check about it, its versions as the
// ledger recorded them with the difference between two of them, and its declared volume limits against the
// released volumes. Ledger figures come from dpia(), which proves every body against the stored signed checkpoint;
// the declaration from the workspace's files; the findings from the recorded check run. Never a key or a value.
import { z } from "@hono/zod-openapi";
import { dpia } from "../../public/report.js";
import { agreementOf, type Finding, type WorkspaceSession } from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";
import { type TermsDiff, termsDiff, versionsOf, volumeActuals } from "./agreement-history.js";

const READERS = ["operator", "dpo", "regulator"] as const;

const Digest = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .openapi({ description: "a released version's agreement digest (SHA-256, hex)" });

const Recipient = z.object({ id: z.string(), name: z.string(), country: z.string() });
const Field = z.object({ name: z.string(), transform: z.string() });
const Terms = z.object({
  recipient: Recipient,
  legal_basis: z.string(),
  purposes: z.array(z.string()),
  fields: z.array(Field),
});
const Measured = z.object({
  value: z.number(),
  limit: z.number().nullable(),
  within: z.boolean().nullable().openapi({ description: "null when no limit is declared" }),
});
const Version = z.object({ version: z.number().int(), digest: z.string() });

const History = z
  .object({
    agreement: z.string(),
    today: z.string().openapi({ description: "the server's day (UTC) validity is judged on" }),
    verification: z.object({
      ok: z.boolean(),
      origin: z.string(),
      size: z.number().int(),
      root: z.string(),
      signed_by: z.array(z.string()),
      cosigned_by: z.array(z.string()),
      pruned: z.number().int(),
    }),
    declaration: z
      .object({
        version: z.number().int(),
        digest: z.string(),
        title: z.string().nullable(),
        recipient: Recipient,
        legal_basis: z.string(),
        purposes: z.array(z.string()),
        consent_purpose: z.string().nullable(),
        cross_border: z.string().nullable(),
        fields: z.array(Field),
        valid: z.object({ from: z.string(), until: z.string().nullable(), in_force: z.boolean() }),
        released: z.boolean().openapi({ description: "a release was made under this very declaration" }),
      })
      .nullable()
      .openapi({ description: "null when the workspace no longer declares the agreement" }),
    findings: z
      .object({
        checked_for: z.string(),
        started_at: z.string(),
        items: z.array(
          z.object({
            code: z.string(),
            severity: z.string(),
            title: z.string(),
            message: z.string(),
            subject: z.object({ kind: z.string(), id: z.string() }),
            articles: z.array(z.object({ id: z.string(), citation: z.string(), title: z.string() })),
          }),
        ),
      })
      .nullable()
      .openapi({ description: "null when no check run is recorded" }),
    versions: z.array(
      Version.extend({
        releases: z.number().int(),
        first: z.object({ seq: z.number().int(), released_at: z.string() }),
        last: z.object({ seq: z.number().int(), released_at: z.string() }),
        terms: Terms,
      }),
    ),
    diff: z
      .object({
        from: Version,
        to: Version,
        fields_added: z.array(Field),
        fields_removed: z.array(Field),
        transforms_changed: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })),
        purposes_added: z.array(z.string()),
        purposes_removed: z.array(z.string()),
        legal_basis: z.object({ from: z.string(), to: z.string() }).nullable(),
        recipient: z.object({ from: Recipient, to: Recipient }).nullable(),
      })
      .nullable()
      .openapi({ description: "from ?from to ?to (default: the last two versions); null with no release" }),
    volume: z.object({
      limits: z.object({
        max_subjects: z.number().nullable(),
        max_growth: z.number().nullable(),
        max_releases_per_day: z.number().nullable(),
      }),
      releases: z.array(
        z.object({
          seq: z.number().int(),
          released_at: z.string(),
          people: z.number().int(),
          records: z.number().int(),
        }),
      ),
      holds: z.array(
        z.object({
          seq: z.number().int(),
          released_at: z.string(),
          people: z.number().int(),
          reasons: z.array(z.string()),
        }),
      ),
      actual: z.object({
        largest: Measured.extend({ seq: z.number().int(), released_at: z.string() }).nullable(),
        latest: Measured.extend({ seq: z.number().int(), released_at: z.string() }).nullable(),
        growth: Measured.extend({
          seq: z.number().int(),
          released_at: z.string(),
          people: z.number().int(),
          previous: z.number().int(),
        }).nullable(),
        busiest_day: Measured.extend({ day: z.string() }).nullable(),
      }),
    }),
  })
  .openapi("AgreementHistory");

export type AgreementHistory = z.infer<typeof History>;

/** The findings of the last recorded check about the agreement or its recipient (null when none is recorded). */
async function recordedFindings(
  session: WorkspaceSession,
  agreement: string,
  recipient: string | undefined,
): Promise<AgreementHistory["findings"]> {
  const [run] = await session.store.checkRuns.last(1);
  if (run === undefined) return null;
  const about = (f: Finding) =>
    (f.subject.kind === "agreement" && f.subject.id === agreement) ||
    (recipient !== undefined && f.subject.kind === "recipient" && f.subject.id === recipient);
  return {
    checked_for: run.checkedFor,
    started_at: run.startedAt,
    items: (JSON.parse(run.findingsJson) as Finding[]).filter(about).map((f) => ({
      code: f.code,
      severity: f.severity,
      title: f.title,
      message: f.message,
      subject: { kind: f.subject.kind, id: f.subject.id },
      articles: f.articles.map((a) => ({ id: a.id, citation: a.citation, title: a.title })),
    })),
  };
}

/** Registers GET /v1/agreements/{id}/history. */
export function registerAgreementsWeb(app: ServerApp): void {
  app.openapi(
    guarded(READERS, {
      method: "get",
      path: "/v1/agreements/{id}/history",
      summary:
        "One agreement's declaration, findings, released versions (with a diff of two) and volumes against its limits",
      description:
        "Versions, volumes and holds are read from release and hold bodies proven against the stored signed checkpoint; `verification.ok` false means none of them is to be trusted.",
      request: {
        params: z.object({ id: z.string().min(1).max(200) }),
        query: z.object({ from: Digest.optional(), to: Digest.optional() }),
      },
      responses: {
        200: { description: "the history", content: { "application/json": { schema: History } } },
        400: {
          description: "a version that was never released",
          content: { "application/json": { schema: ErrorSchema } },
        },
        404: {
          description: "no such agreement, declared or released",
          content: { "application/json": { schema: ErrorSchema } },
        },
      },
    }),
    async (c) => {
      const session = c.get("session");
      const id = c.req.valid("param").id.normalize("NFC");
      const query = c.req.valid("query");
      const now = new Date();
      const today = now.toISOString().slice(0, 10);
      const { data } = await dpia(session, id, {}, now);
      const { workspace } = session.declarations();
      const declared = workspace.agreements.has(id) ? agreementOf(workspace, id) : undefined;
      const versions = versionsOf(data);
      const pick = (digest: string | undefined, fallback: number, name: string) => {
        if (digest === undefined) return versions.at(fallback);
        const v = versions.find((x) => x.digest === digest);
        if (v === undefined)
          throw apiError("invalid_request", { where: `query.${name} (not a released version)` });
        return v;
      };
      const from = pick(query.from, versions.length >= 2 ? -2 : -1, "from");
      const to = pick(query.to, -1, "to");
      const diff: TermsDiff | null = from && to ? termsDiff(from, to) : null;
      const limits = {
        max_subjects: declared?.volume?.max_subjects ?? null,
        max_growth: declared?.volume?.max_growth ?? null,
        max_releases_per_day: declared?.volume?.max_releases_per_day ?? null,
      };
      const recipient = declared ? workspace.recipients.get(declared.recipient)?.value : undefined;
      const body: AgreementHistory = {
        agreement: id,
        today,
        verification: data.verification,
        declaration:
          declared === undefined || data.declared === null
            ? null
            : {
                version: declared.version,
                digest: data.declared.digest,
                title: declared.title ?? null,
                recipient: {
                  id: declared.recipient,
                  name: recipient?.legal_name ?? declared.recipient,
                  country: recipient?.country ?? "",
                },
                legal_basis: declared.legal_basis,
                purposes: [...declared.purposes],
                consent_purpose: declared.consent?.purpose ?? null,
                cross_border: declared.cross_border?.basis ?? null,
                // the transform's name only: its options may name key scopes
                fields: Object.entries(declared.fields).map(([name, f]) => ({
                  name,
                  transform: f.transform.name,
                })),
                valid: {
                  from: declared.valid.from,
                  until: declared.valid.until ?? null,
                  in_force:
                    declared.valid.from <= today &&
                    (declared.valid.until === undefined || today <= declared.valid.until),
                },
                released: versions.some((v) => v.digest === data.declared?.digest),
              },
        findings: await recordedFindings(session, id, declared?.recipient),
        versions,
        diff,
        volume: {
          limits,
          releases: data.volume.history,
          holds: data.volume.holds.map((h) => ({
            seq: h.seq,
            released_at: h.released_at,
            people: h.people,
            reasons: h.reasons.map((r) => r.code),
          })),
          actual: volumeActuals(data.volume.history, limits),
        },
      };
      return c.json(body, 200);
    },
  );
}
