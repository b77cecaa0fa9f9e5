// the workspace over the API: its summary, a check run (recorded, answered as `jikimi check --format json` prints
// it, with the declarations' digest), the last recorded run (JSON or SARIF 2.1.0), and the declared agreements:
// to whom, why, on which basis, which fields with which transform, and when; never key material.
import { isAbsolute, relative } from "node:path";
import { z } from "@hono/zod-openapi";
import { type CheckResult, renderJson, renderLoadIssuesJson, renderSarif } from "../../public/report.js";
import {
  type Agreement,
  agreementOf,
  type Declared,
  type Finding,
  RULES,
  type WorkspaceSession,
} from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

const READERS = ["operator", "dpo", "regulator"] as const;

const fail = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

const Summary = z
  .object({
    controller: z.string(),
    origin: z.string(),
    agreements: z.number().int().nullable().openapi({ description: "null when a declaration has a problem" }),
    declarations_valid: z.boolean(),
    store: z.enum(["sqlite", "postgres"]),
    ledger_size: z.number().int(),
    last_check: z
      .object({ checked_for: z.string(), errors: z.number(), warnings: z.number(), gaps: z.number() })
      .nullable(),
  })
  .openapi("WorkspaceSummary");

// the check report's shape is the CLI's JSON document (report/findings/json-schema.ts); kept open here
const CheckReport = z
  .object({
    jikimi: z.string(),
    workspace: z.string(),
    at: z.string(),
    summary: z.object({ errors: z.number(), warnings: z.number(), gaps: z.number(), agreements: z.number() }),
    findings: z.array(z.record(z.string(), z.unknown())),
    digest: z.string().openapi({ description: "SHA-256 of the declarations checked" }),
  })
  .passthrough()
  .openapi("CheckReport");

const CheckRefused = ErrorSchema.extend({ issues: z.array(z.record(z.string(), z.unknown())) }).openapi(
  "CheckRefused",
);

const AgreementSummary = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string().optional(),
    recipient: z.string(),
    datasets: z.array(z.string()),
    purposes: z.array(z.string()),
    legal_basis: z.string(),
    consent_purpose: z.string().optional(),
    fields: z.array(z.object({ name: z.string(), transform: z.string() })),
    valid: z.object({ from: z.string(), until: z.string().optional() }),
  })
  .openapi("Agreement");

const AgreementDetail = AgreementSummary.extend({
  file: z.string(),
  phases: z
    .array(
      z.object({
        name: z.string(),
        from: z.string().optional(),
        until: z.string().optional(),
        where: z.string(),
      }),
    )
    .optional(),
  retention: z.object({ period: z.string(), disposal: z.string() }).optional(),
  cross_border: z.object({ basis: z.string() }).optional(),
  on_bad_row: z.string(),
}).openapi("AgreementDetail");

function agreementSummary(a: Agreement): z.infer<typeof AgreementSummary> {
  return {
    id: a.id,
    version: a.version,
    ...(a.title === undefined ? {} : { title: a.title }),
    recipient: a.recipient,
    datasets: [a.dataset],
    purposes: [...a.purposes],
    legal_basis: a.legal_basis,
    ...(a.consent === undefined ? {} : { consent_purpose: a.consent.purpose }),
    // the transform's name only: its options may name key scopes, and no key is ever shown
    fields: Object.entries(a.fields).map(([name, f]) => ({ name, transform: f.transform.name })),
    valid: { from: a.valid.from, ...(a.valid.until === undefined ? {} : { until: a.valid.until }) },
  };
}

function agreementDetail(root: string, d: Declared<Agreement>): z.infer<typeof AgreementDetail> {
  const a = d.value;
  return {
    ...agreementSummary(a),
    file: isAbsolute(d.file) ? relative(root, d.file) : d.file,
    ...(a.phases === undefined
      ? {}
      : {
          phases: a.phases.map((p) => ({
            name: p.name,
            ...(p.from === undefined ? {} : { from: p.from }),
            ...(p.until === undefined ? {} : { until: p.until }),
            where: p.where,
          })),
        }),
    ...(a.retention === undefined
      ? {}
      : { retention: { period: a.retention.period, disposal: a.retention.disposal } }),
    ...(a.cross_border === undefined ? {} : { cross_border: { basis: a.cross_border.basis } }),
    on_bad_row: a.on_bad_row,
  };
}

/** The last recorded check run as the renderers take it, with the run's own facts. */
async function latestRun(session: WorkspaceSession) {
  const [run] = await session.store.checkRuns.last(1);
  if (!run) throw apiError("no_check_run");
  const result: CheckResult = {
    workspace: session.root,
    at: run.checkedFor,
    agreements: run.agreements,
    findings: JSON.parse(run.findingsJson) as Finding[],
  };
  return { run, result };
}

/** Registers the workspace, check and agreement routes. */
export function registerWorkspace(app: ServerApp): void {
  app.openapi(
    guarded(READERS, {
      method: "get",
      path: "/v1/workspace",
      summary: "The workspace: controller, agreements, state store, ledger size, last check",
      responses: {
        200: { description: "the summary", content: { "application/json": { schema: Summary } } },
      },
    }),
    async (c) => {
      const session = c.get("session");
      let agreements: number | null = null;
      try {
        agreements = session.declarations().workspace.agreements.size;
      } catch {
        // a declaration with a problem: POST /v1/checks names it
      }
      const [run] = await session.store.checkRuns.last(1);
      return c.json(
        {
          controller: session.settings.log,
          origin: session.origin,
          agreements,
          declarations_valid: agreements !== null,
          store: session.store.dialect,
          ledger_size: await session.store.ledger.read((r) => r.entryCount()),
          last_check:
            run === undefined
              ? null
              : { checked_for: run.checkedFor, errors: run.errors, warnings: run.warnings, gaps: run.gaps },
        },
        200,
      );
    },
  );

  app.openapi(
    guarded(["operator", "dpo"], {
      method: "post",
      path: "/v1/checks",
      summary: "Check the declarations for a day (default today, UTC) and record the run",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({ at: z.iso.date().optional().openapi({ example: "2026-12-01" }) })
                .openapi("CheckRequest"),
            },
          },
        },
      },
      responses: {
        200: {
          description: "the findings, as `jikimi check --format json`",
          content: { "application/json": { schema: CheckReport } },
        },
        400: {
          description:
            "a declaration has a problem: the error and every issue, as `jikimi check --format json`",
          content: { "application/json": { schema: CheckRefused } },
        },
      },
    }),
    async (c) => {
      const session = c.get("session");
      const at = c.req.valid("json").at ?? new Date().toISOString().slice(0, 10);
      const outcome = await session.check(at);
      if (!outcome.loaded) {
        const issues = (
          JSON.parse(renderLoadIssuesJson(outcome.issues, session.root)) as {
            issues: Record<string, unknown>[];
          }
        ).issues;
        const e = apiError("workspace_invalid", { count: issues.length });
        return c.json({ error: { code: e.code, message: e.summary, hint: e.hint ?? "" }, issues }, 400);
      }
      const report = JSON.parse(renderJson(outcome.result)) as z.infer<typeof CheckReport>;
      return c.json({ ...report, digest: outcome.digest }, 200);
    },
  );

  app.openapi(
    guarded(READERS, {
      method: "get",
      path: "/v1/checks/latest",
      summary: "The last recorded check run (JSON, or SARIF 2.1.0 with ?format=sarif)",
      description:
        "SARIF is rendered from the findings the run recorded, not from a fresh check: the declarations may have changed since, and the log must describe the run it names (its digest). Messages are in the language of the run.",
      request: { query: z.object({ format: z.enum(["json", "sarif"]).optional() }) },
      responses: {
        200: {
          description: "the run",
          content: {
            "application/json": { schema: CheckReport },
            "application/sarif+json": {
              schema: z.record(z.string(), z.unknown()).openapi({ description: "a SARIF 2.1.0 log" }),
            },
          },
        },
        404: fail("no check was recorded yet"),
      },
    }),
    async (c) => {
      const session = c.get("session");
      const { run, result } = await latestRun(session);
      if (c.req.valid("query").format === "sarif")
        return c.json(JSON.parse(renderSarif(result, RULES)) as Record<string, unknown>, 200, {
          "Content-Type": "application/sarif+json",
        });
      const report = JSON.parse(renderJson(result)) as z.infer<typeof CheckReport>;
      return c.json(
        { ...report, digest: run.workspaceDigest, run: { id: run.id, started_at: run.startedAt } },
        200,
      );
    },
  );

  app.openapi(
    guarded(READERS, {
      method: "get",
      path: "/v1/agreements",
      summary: "The declared agreements",
      responses: {
        200: {
          description: "every agreement, by id",
          content: { "application/json": { schema: z.object({ agreements: z.array(AgreementSummary) }) } },
        },
        400: fail("a declaration has a problem"),
      },
    }),
    (c) => {
      const { workspace } = c.get("session").declarations();
      const agreements = [...workspace.agreements.values()]
        .map((d) => agreementSummary(d.value))
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return c.json({ agreements }, 200);
    },
  );

  app.openapi(
    guarded(READERS, {
      method: "get",
      path: "/v1/agreements/{id}",
      summary: "One declared agreement, with its scope phases, retention and file",
      request: { params: z.object({ id: z.string().min(1).max(200) }) },
      responses: {
        200: { description: "the agreement", content: { "application/json": { schema: AgreementDetail } } },
        404: fail("no such agreement"),
      },
    }),
    (c) => {
      const session = c.get("session");
      const { workspace } = session.declarations();
      const id = c.req.valid("param").id.normalize("NFC");
      const a = agreementOf(workspace, id);
      const declared = workspace.agreements.get(a.id) as Declared<Agreement>;
      return c.json(agreementDetail(session.root, declared), 200);
    },
  );
}
