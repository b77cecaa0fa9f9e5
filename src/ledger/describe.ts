// what a person reads of the ledger: their releases (a subject's history, a receipt's releases) as lines of
// aligned columns in the language in force (Hangul counts two cells, so columns are padded with string-width),
// and the count under them ("1 release", "제공 1건"). Texts come from the message catalogue (src/i18n).
import { t } from "../i18n/index.js";
import { table } from "../i18n/width.js";
import type { SubjectRelease } from "./ledger.js";
import type { ReleaseSummary } from "./receipts/receipt.js";

/**
 * A receipt's releases, one aligned line each: date, recipient (country), purposes, basis, fields, entry.
 * @example releaseLines(report.releases) // ["2024-05-31  Orbit Payments Pte. Ltd. (SG)  purposes: nsf-scoring  ..."]
 */
export function releaseLines(releases: readonly ReleaseSummary[]): string[] {
  return table(
    releases.map((r) => [
      r.released_at.slice(0, 10),
      t("ledger.release.recipient", { recipient: r.recipient, country: r.country }),
      t("ledger.release.purposes", { purposes: r.purposes.join(", ") }),
      t("ledger.release.basis", { basis: r.legal_basis }),
      t("ledger.release.fields", { fields: r.fields.join(", ") }),
      t("ledger.release.entry", { seq: r.seq }),
    ]),
  );
}

/**
 * A subject's history (Ledger.subjectHistory), one aligned line per release, oldest first; none gives the line
 * saying no release contained the subject.
 * @example historyLines(await ledger.subjectHistory("HB0000000042")) // ["2024-05-31  Orbit Payments Pte. Ltd. (SG)  nsf-scoring  basis: consent  ..."]
 */
export function historyLines(history: readonly SubjectRelease[]): string[] {
  if (history.length === 0) return [t("ledger.history.none")];
  return table(
    history.map((r) => [
      r.released_at.slice(0, 10),
      t("ledger.release.recipient", { recipient: r.recipient, country: r.country }),
      t("ledger.history.purposes", { purposes: r.purposes.join(", ") }),
      t("ledger.release.basis", { basis: r.legal_basis }),
      t("ledger.release.fields", { fields: r.fields.join(", ") }),
      t("ledger.release.agreement", { agreement: r.agreement, version: r.version, seq: r.seq }),
    ]),
  );
}

/**
 * The line under a history: how many releases, and how long the lookup took.
 * @example historyTotal(1, 0.42) // "1 release (0.4 ms)"; in Korean "제공 1건 (0.4 ms)"
 */
export function historyTotal(count: number, ms: number): string {
  return t("ledger.history.total", { releases: t("common.releases", { count }), ms: ms.toFixed(1) });
}
