// gate: risk.max_unique_share, the share of released records alone in their quasi-identifier group.
import type { Agreement } from "../../../model/workspace.js";
import type { RiskReport } from "../../../risk/index.js";
import type { Hold } from "./hold.js";

/** A hold when the released file's unique share exceeds `max_unique_share`. */
export function uniqueShareGate(limits: NonNullable<Agreement["risk"]>, r: RiskReport): Hold | undefined {
  const max = limits.max_unique_share;
  return max !== undefined && r.uniqueShare > max
    ? {
        code: "max_unique_share",
        measured: r.uniqueShare,
        limit: max,
        quasi_identifiers: limits.quasi_identifiers,
      }
    : undefined;
}
