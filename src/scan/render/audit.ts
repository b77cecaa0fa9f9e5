// the hash audit of one column (`jikimi audit-hash`) as text for people: the verdict, the counts, what was tried and
// what each form recovered. Counts and form names only: never a value, a digest or a recovered plaintext. Labels are
// in the language in force and aligned in terminal cells.
import { t } from "../../i18n/index.js";
import { padEnd, widest } from "../../i18n/width.js";
import type { AuditResult } from "../hash-audit.js";

const n = (x: number) => x.toLocaleString("en-US");

const ALGORITHM_NAMES = { md5: "MD5", sha1: "SHA-1", sha256: "SHA-256", sha512: "SHA-512" } as const;

/**
 * Renders an audit of `column` of `file` (`rows` records read, `bad` malformed ones skipped) as text.
 * @example process.stdout.write(renderAuditText("feed.csv", "phone_md5", result, 300, 0))
 */
export function renderAuditText(
  file: string,
  column: string,
  r: AuditResult,
  rows: number,
  bad: number,
): string {
  const labels = {
    rows: t("scan.audit_text.rows"),
    values: t("scan.audit_text.values"),
    recovered: t("scan.audit_text.recovered"),
    time: t("scan.audit_text.time"),
  };
  const width = Math.max(14, widest(Object.values(labels)) + 2);
  const row = (label: string, value: string) => `  ${padEnd(label, width)}${value}`;
  const forms = Object.keys(r.byForm);
  const formWidth = Math.max(28, widest(forms));
  const lines = [
    t("scan.audit_text.head", {
      file,
      column,
      algorithm: ALGORITHM_NAMES[r.shape.algorithm],
      encoding: r.shape.encoding,
    }),
    `  ${r.verdict}`,
    "",
    row(labels.rows, n(rows) + (bad > 0 ? t("scan.audit_text.malformed", { count: bad, n: n(bad) }) : "")),
    row(labels.values, t("scan.audit_text.values_line", { values: n(r.values), distinct: n(r.distinct) })),
    row(
      labels.recovered,
      t("scan.audit_text.recovered_line", {
        count: r.reversed,
        n: n(r.reversed),
        percent: `${(100 * r.share).toFixed(1)}%`,
      }),
    ),
    row(labels.time, t("scan.audit_text.seconds", { seconds: r.seconds.toFixed(1) })),
    `  ${t("scan.audit_text.tried")}`,
    ...r.tried.map((line) => `    ${line}`),
    ...(r.stoppedEarly ? [`    ${t("scan.audit_text.stopped")}`] : []),
    `  ${t("scan.audit_text.by_form")}`,
    ...Object.entries(r.byForm).map(([form, k]) => `    ${padEnd(form, formWidth)} ${n(k)}`),
  ];
  return `${lines.join("\n")}\n`;
}
