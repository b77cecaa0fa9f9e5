// gate: risk.min_k, the smallest group of released records sharing one combination of quasi-identifiers.
import type { Agreement } from "../../../model/workspace.js";
import type { RiskReport } from "../../../risk/index.js";
import type { Hold } from "./hold.js";

/** A hold when the released file's k is below `min_k` (an empty file has no groups to measure). */
export function minKGate(limits: NonNullable<Agreement["risk"]>, r: RiskReport): Hold | undefined {
  const min = limits.min_k;
  return min !== undefined && r.records > 0 && r.k < min
    ? { code: "min_k", measured: r.k, limit: min, quasi_identifiers: limits.quasi_identifiers }
    : undefined;
}
