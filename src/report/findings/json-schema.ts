// the shape of `jikimi check --format json` output, as zod schemas consumers and tests can parse it with.
import { z } from "zod";

const Position = {
  /** workspace-relative, forward slashes */
  file: z.string().min(1),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
};

export const ArticleSchema = z.strictObject({
  /** stable id, e.g. "pipa17_2" */
  id: z.string().min(1),
  law: z.enum(["PIPA", "CIA", "GDPR", "Guidance"]),
  /** stable English reference, e.g. "Art. 17(1)2" */
  ref: z.string().min(1),
  /** short title in the report's language */
  title: z.string(),
  /** law and reference in the report's language, e.g. "개인정보 보호법 제17조제1항제2호" */
  citation: z.string().min(1),
});

export const FindingSchema = z.strictObject({
  code: z.string().min(1),
  severity: z.enum(["error", "warning", "gap"]),
  title: z.string(),
  ...Position,
  path: z.string(),
  subject: z.strictObject({
    kind: z.enum(["agreement", "dataset", "recipient", "purpose", "workspace"]),
    id: z.string(),
  }),
  articles: z.array(ArticleSchema),
  message: z.string(),
  fix: z.string(),
  trace: z.array(z.string()),
});

const Count = z.number().int().nonnegative();

/** A check report: version, workspace, day, counts and every finding in file/line order. */
export const CheckReportSchema = z.strictObject({
  jikimi: z.string().min(1),
  workspace: z.string(),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  summary: z.strictObject({ errors: Count, warnings: Count, gaps: Count, agreements: Count }),
  findings: z.array(FindingSchema),
});

export const LoadIssueSchema = z.strictObject({
  ...Position,
  code: z.string().min(1),
  path: z.string(),
  message: z.string(),
  hint: z.string(),
});

/** A failed load: `ok: false` and every problem found, in file/line order. */
export const LoadIssuesReportSchema = z.strictObject({
  jikimi: z.string().min(1),
  ok: z.literal(false),
  workspace: z.string(),
  issues: z.array(LoadIssueSchema),
});

export type CheckReport = z.infer<typeof CheckReportSchema>;
export type LoadIssuesReport = z.infer<typeof LoadIssuesReportSchema>;
