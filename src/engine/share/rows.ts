// why a record was set aside or refused, in words: the row (and line), the field, and how to mend it; never the
// record's values.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";

/** Where a record is: its row, and its line when the format has lines. */
export function where(row: number, line: number | undefined): string {
  return line === undefined ? t("engine.share.row", { row }) : t("engine.share.row_line", { row, line });
}

/** Why a record was set aside, and how to mend it; never the value. */
export function describeIssue(issue: { code: string; expected?: string; fields?: number }): string {
  switch (issue.code) {
    case "field_count":
      return issue.fields === undefined
        ? t("engine.row.field_count_unknown")
        : t("engine.row.field_count", { fields: issue.fields });
    case "bad_quote":
      return t("engine.row.bad_quote");
    case "bad_encoding":
      return t("engine.row.bad_encoding");
    case "wrong_type":
      return t("engine.row.wrong_type", { expected: issue.expected ?? t("engine.row.declared_type") });
    case "missing_value":
      return t("engine.row.missing_value");
    case "bad_json":
    case "not_object":
      return t("engine.row.not_json");
    case "missing_key":
    case "unknown_key":
      return t("engine.row.keys_differ");
    case "nested_value":
      return t("engine.row.nested");
    default:
      return t("engine.row.transform", { code: issue.code });
  }
}

/** A bad record under `on_bad_row: reject`: the run stops naming it. */
export function badRowError(
  input: string,
  at: string,
  issue: { code: string; field?: string; expected?: string; fields?: number },
): JikimiError {
  return new JikimiError(
    "bad_row",
    t("engine.share.bad_row", {
      input,
      where: at,
      field: issue.field ? t("engine.share.in_field", { field: issue.field }) : "",
      why: describeIssue(issue),
    }),
    { hint: t("engine.share.bad_row_hint") },
  );
}

/** A quoted CSV field still open at the end of the input. */
export function unterminatedError(input: string, at: string, column: string | undefined): JikimiError {
  return new JikimiError(
    "unterminated_quote",
    t("engine.share.unterminated_quote", {
      input,
      where: at,
      column: column === undefined ? "" : t("engine.share.in_column", { column }),
    }),
    { hint: t("engine.share.unterminated_quote_hint") },
  );
}

/** The run was stopped (SIGINT/SIGTERM) before its ledger append. */
export const interrupted = () => new JikimiError("interrupted", t("engine.share.interrupted"));
