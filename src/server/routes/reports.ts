// the reports over HTTP: the inspection report, the records of processing and the privacy-policy tables (DPO,
// regulator) and a person's statement of provision (the person
// with their subject token; a DPO answering a person's request, the key in the body). Each is rendered in the format
// asked for (json, html, md, pdf, xlsx) and the language of ?lang or Accept-Language; a statement is recorded in the
// access log like a history read, and never names the person.
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { LANGUAGES, withLanguage } from "../../public/base.js";
import {
  declarationsReport,
  dpia,
  inspection,
  MEDIA_TYPES,
  REPORT_FORMATS,
  type Report,
  type ReportFormat,
  renderReport,
  statement,
} from "../../public/report.js";
import { type Principal, recordAccess } from "../../public/server.js";
import type { WorkspaceSession } from "../../public/workspace.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";
import { LEDGER_READERS } from "./ledger.js";
import { subjectHash } from "./subjects.js";

const Rendering = z.object({
  format: z
    .enum(REPORT_FORMATS)
    .default("json")
    .openapi({ description: "json (the exact figures) or a document" }),
  lang: z
    .enum(LANGUAGES)
    .optional()
    .openapi({ description: "the document's language (default: Accept-Language)" }),
});

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .openapi({ description: "YYYY-MM-DD" });

const InspectionQuery = Rendering.extend({
  from: Day.optional(),
  to: Day.optional(),
  recipient: z.string().min(1).max(200).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  agreement: z.string().min(1).max(200).optional(),
  parts: z.enum(["all", "summary"]).default("all").openapi({
    description:
      "json only: summary leaves out the lists of releases and anomalies (their counts stay in totals): the dashboard's overview",
  }),
});

/** Every format a report is answered in, for the OpenAPI document. */
const rendered = (description: string) => ({
  description,
  content: {
    "application/json": { schema: z.record(z.string(), z.unknown()).openapi({ description: "the figures" }) },
    "text/html": { schema: z.string().openapi({ description: "a self-contained page" }) },
    "text/markdown": { schema: z.string() },
    "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
    [MEDIA_TYPES.xlsx]: { schema: z.string().openapi({ format: "binary" }) },
  },
});

const refused = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

/** The report in `format`, in the language asked for, as the answer. */
async function answer<D>(
  c: Context,
  made: Report<D>,
  query: { format: ReportFormat; lang?: "ko" | "en" | undefined },
  name: string,
): Promise<Response> {
  // the figures as compact JSON (the CLI's files are indented for reading; a browser parses half the bytes here)
  if (query.format === "json") return c.json(made.data as object, 200);
  const chromium = process.env.JIKIMI_CHROMIUM;
  const render = () =>
    renderReport(query.format, made.data, made.document, {
      pdf: chromium ? { executablePath: chromium } : {},
    });
  const out = query.lang === undefined ? await render() : await withLanguage(query.lang, render);
  const headers: Record<string, string> = { "Content-Type": MEDIA_TYPES[query.format] };
  if (query.format === "pdf" || query.format === "xlsx")
    headers["Content-Disposition"] = `attachment; filename="${name}.${query.format}"`;
  return c.body(typeof out === "string" ? out : new Uint8Array(out), 200, headers);
}

/** A person's statement, recorded as read. */
async function statementOf(session: WorkspaceSession, who: Principal, subjectKey: string) {
  await recordAccess(session.store.accessLog, who, {
    action: "subject_statement",
    subject: subjectHash(session, subjectKey),
  });
  return statement(session, subjectKey);
}

/** Registers the report routes. */
export function registerReports(app: ServerApp): void {
  app.openapi(
    // operators read the ledger's releases already (GET /v1/releases); the dashboard's overview is this report
    guarded(LEDGER_READERS, {
      method: "get",
      path: "/v1/reports/inspection",
      summary:
        "The inspection report: every release in a period, totals, anomalies, findings and the verification",
      request: { query: InspectionQuery },
      responses: {
        200: rendered("the report, computed at the stored signed checkpoint"),
        400: refused("a bad filter or format"),
        403: refused("a token of another role"),
      },
    }),
    async (c) => {
      const { format, lang, parts, ...filter } = c.req.valid("query");
      if (parts === "summary" && format !== "json")
        throw apiError("invalid_request", { where: "query.parts (summary is for format=json)" });
      const made = await inspection(c.get("session"), filter);
      if (parts === "summary") {
        const { releases: _r, anomalies: _a, ...summary } = made.data;
        return c.json(summary, 200);
      }
      return answer(c, made, { format, lang }, "inspection");
    },
  );

  for (const [kind, path, summary] of [
    [
      "ropa",
      "/v1/reports/records-of-processing",
      "Records of processing activities (GDPR Art. 30(1)), from the declarations as they are now",
    ],
    [
      "policy",
      "/v1/reports/privacy-policy",
      "The privacy policy's tables (PIPA Art. 30(1), 28-8(2)): third parties, entrustment, cross-border transfer",
    ],
  ] as const)
    app.openapi(
      guarded(["dpo", "regulator"], {
        method: "get",
        path,
        summary,
        request: { query: Rendering },
        responses: {
          200: rendered("the report"),
          400: refused("a declaration has a problem, or a bad format"),
          403: refused("a token of another role"),
        },
      }),
      async (c) => answer(c, declarationsReport(c.get("session"), kind), c.req.valid("query"), kind),
    );

  app.openapi(
    guarded(["dpo", "regulator"], {
      method: "get",
      path: "/v1/reports/dpia/{agreement}",
      summary:
        "One agreement's impact view: findings, volume of every release, what changed between versions (the file risk is the CLI's)",
      request: { params: z.object({ agreement: z.string().min(1).max(200) }), query: Rendering },
      responses: {
        200: rendered("the view"),
        403: refused("a token of another role"),
        404: refused("no such agreement, declared or released"),
      },
    }),
    async (c) =>
      answer(
        c,
        await dpia(c.get("session"), c.req.valid("param").agreement.normalize("NFC")),
        c.req.valid("query"),
        "dpia",
      ),
  );

  app.openapi(
    guarded(["subject"], {
      method: "get",
      path: "/v1/subjects/me/statement",
      summary: "The person's statement of who received their data in the last 3 years, in plain words",
      request: { query: Rendering },
      responses: { 200: rendered("the statement"), 403: refused("a token of another role") },
    }),
    async (c) => {
      const who = c.get("principal");
      if (who.kind !== "subject") throw apiError("forbidden_role", { role: who.role, allowed: "subject" });
      const made = await statementOf(c.get("session"), who, who.subjectKey);
      return answer(c, made, c.req.valid("query"), "statement");
    },
  );

  app.openapi(
    guarded(["dpo"], {
      method: "post",
      path: "/v1/subjects/statement",
      summary: "One person's statement of provision, for a DPO answering the person's request",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: Rendering.extend({
                subject_key: z
                  .string()
                  .min(1)
                  .max(256)
                  .openapi({ description: "never echoed back or logged" }),
              }).openapi("StatementRequest"),
            },
          },
        },
      },
      responses: {
        200: rendered("the statement"),
        400: refused("no subject key, or a bad format"),
        403: refused("a token of another role"),
      },
    }),
    async (c) => {
      const { subject_key, ...query } = c.req.valid("json");
      const made = await statementOf(c.get("session"), c.get("principal"), subject_key);
      return answer(c, made, query, "statement");
    },
  );
}
