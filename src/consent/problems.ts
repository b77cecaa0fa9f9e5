// problems found in consent input: row, field, code and a fix, never the row's values; all-or-nothing errors.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";

export type ProblemCode =
  | "missing"
  | "empty"
  | "wrong_type"
  | "too_long"
  | "bad_format"
  | "bad_value"
  | "in_future"
  | "unexpected_field"
  | "not_an_object"
  | "bad_json"
  | "bad_quoting"
  | "wrong_column_count"
  | "bad_header"
  | "bad_encoding"
  | "no_rows";

/** One problem: `row` is the 1-based data row (CSV), line (JSONL) or event (API); 0 is a CSV header. */
export interface ConsentProblem {
  row: number;
  field: string;
  code: ProblemCode;
  message: string;
}

/**
 * Collects problems: keeps the first `cap`, counts them all.
 * @example const list = new ProblemList(); list.add(fieldProblem("row", 3, "at", "bad_format")); list.total // 1
 */
export class ProblemList {
  readonly items: ConsentProblem[] = [];
  total = 0;
  constructor(private readonly cap = 10_000) {}

  add(problem: ConsentProblem): void {
    this.total++;
    if (this.items.length < this.cap) this.items.push(problem);
  }
}

/** How many problems an error message lists. */
export const LISTED_PROBLEMS = 20;

/**
 * Rejected consent input (exit 2): nothing was recorded. `problems` holds the first problems found (up to
 * 10,000), `total` counts them all.
 * @example try { await importConsentFile(reg, "c.csv"); } catch (e) { if (e instanceof ConsentInputError) e.problems }
 */
export class ConsentInputError extends JikimiError {
  readonly problems: readonly ConsentProblem[];
  readonly total: number;
  /** `what` names the input in the language in force, e.g. t("consent.input.file", { path }). */
  constructor(what: string, list: ProblemList) {
    const shown = list.items.slice(0, LISTED_PROBLEMS).map((p) => `  ${p.message}`);
    const more =
      list.total > shown.length ? [`  ${t("consent.input.more", { count: list.total - shown.length })}`] : [];
    super(
      "consent_input_invalid",
      [t("consent.input.rejected", { what, count: list.total }), ...shown, ...more].join("\n"),
    );
    this.problems = list.items;
    this.total = list.total;
  }
}
