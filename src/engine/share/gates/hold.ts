// a hold: why a guard or gate keeps a release back, as data (what was measured against which limit); `describeHold`
// is the one place that turns it into words from the catalogue.
import { t } from "../../../i18n/index.js";

/** One reason a release is held: nothing is written or recorded without an override. */
export type Hold =
  | { code: "not_valid"; measured: string; limit: { from: string; until?: string } }
  | { code: "release_time"; measured: string; limit: string; reason: string }
  | { code: "max_subjects"; measured: number; limit: number }
  | { code: "max_growth"; measured: number; limit: number; subjects: number; previous: number }
  | { code: "max_releases_per_day"; measured: number; limit: number; day: string }
  | { code: "min_k"; measured: number; limit: number; quasiIdentifiers: string[] }
  | { code: "max_unique_share"; measured: number; limit: number; quasiIdentifiers: string[] }
  | {
      code: "reversible_digests";
      measured: number;
      limit: 0;
      field: string;
      algorithm: string;
      distinct: number;
      seconds: number;
    };

const percent = (share: number, digits: number) => (share * 100).toFixed(digits);

/**
 * A hold in the language in force; never a record's value.
 * @example describeHold({ code: "max_subjects", measured: 1200, limit: 1000 }) // "1200 subjects exceed max_subjects 1000"
 */
export function describeHold(h: Hold): string {
  switch (h.code) {
    case "not_valid":
      return h.limit.until
        ? t("engine.plan.valid_between", { from: h.limit.from, until: h.limit.until, day: h.measured })
        : t("engine.plan.valid_from", { from: h.limit.from, day: h.measured });
    case "release_time":
      // the ledger words its own time rules (they are its append's refusals too)
      return h.reason;
    case "max_subjects":
      return t("engine.plan.max_subjects", { subjects: h.measured, max: h.limit });
    case "max_growth":
      return t("engine.plan.max_growth", {
        subjects: h.subjects,
        percent: percent(h.measured, 0),
        previous: h.previous,
        max: percent(h.limit, 0),
      });
    case "max_releases_per_day":
      return t("engine.plan.per_day", { count: h.measured, day: h.day, max: h.limit });
    case "min_k":
      return t("engine.share.min_k", { qi: h.quasiIdentifiers.join(", "), count: h.measured, min: h.limit });
    case "max_unique_share":
      return t("engine.share.unique_share", {
        qi: h.quasiIdentifiers.join(", "),
        share: percent(h.measured, 1),
        max: percent(h.limit, 1),
      });
    case "reversible_digests":
      return t("engine.share.digest_hold", {
        field: h.field,
        algorithm: h.algorithm,
        reversed: h.measured,
        distinct: h.distinct,
        seconds: h.seconds.toFixed(1),
      });
  }
}
