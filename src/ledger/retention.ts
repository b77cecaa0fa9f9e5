// retention: entries are kept at least 3 years (Credit Information Act Art. 20(2)); past the policy, `jikimi
// ledger prune` appends a signed prune event (Ledger.prune) and removes the listed bodies and subject sets.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { durationDays } from "../model/common.js";
import { MIN_RETENTION_DAYS } from "./ledger.js";

export { MIN_RETENTION_DAYS };

/** A retention rule like "5y" as days, never under 3 years; refuses a rule it cannot read. */
export function retentionOf(rule: string): { rule: string; days: number } {
  if (!/^\d+[ymd]$/.test(rule))
    throw new JikimiError("bad_retention", t("ledger.errors.bad_retention", { rule }), {
      hint: t("ledger.errors.bad_retention_hint"),
    });
  return { rule, days: Math.max(durationDays(rule), MIN_RETENTION_DAYS) };
}
