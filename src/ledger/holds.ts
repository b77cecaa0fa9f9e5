// why a release was held, as data (entry.ts's HoldReason) and in words: the ledger's own time rules, and the one
// place that words any hold from the catalogue (the share gates', a recorded release's missing consent). The data
// goes into a hold entry's body; the words into messages and reports, in the language in force.
import { t } from "../i18n/index.js";
import type { HoldReason } from "./entry.js";

const DAY_MS = 86_400_000;

/** A time rule's hold. */
export type TimeHold = Extract<HoldReason, { code: "release_time" }>;

/**
 * Why a release time is refused without an override: in the future, before the chain's last release, or older
 * than the back-dating window.
 * @example releaseTimeHolds("2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", undefined, 7)[0]?.rule // "future"
 */
export function releaseTimeHolds(
  releasedAt: string,
  recordedAt: string,
  previousReleasedAt: string | undefined,
  backdateDays: number,
): TimeHold[] {
  const at = Date.parse(releasedAt);
  const now = Date.parse(recordedAt);
  const held: TimeHold[] = [];
  const hold = (rule: TimeHold["rule"], limit: string, days?: number): TimeHold => ({
    code: "release_time",
    rule,
    measured: releasedAt,
    limit,
    ...(days === undefined ? {} : { days }),
  });
  if (at > now) held.push(hold("future", recordedAt));
  if (previousReleasedAt !== undefined && at < Date.parse(previousReleasedAt))
    held.push(hold("before_previous", previousReleasedAt));
  if (now - at > backdateDays * DAY_MS) held.push(hold("back_dated", recordedAt, backdateDays));
  return held;
}

const percent = (share: number, digits: number) => (share * 100).toFixed(digits);

/**
 * A hold in the language in force; never a record's value.
 * @example describeHold({ code: "max_subjects", measured: 1200, limit: 1000 }) // "1200 subjects exceed max_subjects 1000"
 */
export function describeHold(h: HoldReason): string {
  switch (h.code) {
    case "not_valid":
      return h.limit.until
        ? t("engine.plan.valid_between", { from: h.limit.from, until: h.limit.until, day: h.measured })
        : t("engine.plan.valid_from", { from: h.limit.from, day: h.measured });
    case "release_time":
      if (h.rule === "future")
        return t("ledger.time.future", { releasedAt: h.measured, recordedAt: h.limit });
      if (h.rule === "before_previous")
        return t("ledger.time.before_previous", { releasedAt: h.measured, previous: h.limit });
      return t("ledger.time.backdated", { releasedAt: h.measured, recordedAt: h.limit, days: h.days ?? 0 });
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
      return t("engine.share.min_k", { qi: h.quasi_identifiers.join(", "), count: h.measured, min: h.limit });
    case "max_unique_share":
      return t("engine.share.unique_share", {
        qi: h.quasi_identifiers.join(", "),
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
    case "no_consent":
      return t("engine.record.no_consent", {
        missing: h.measured,
        count: h.subjects,
        purpose: h.purpose,
        at: h.as_of,
      });
  }
}
