// guard: volume.max_growth, how much larger than the previous release of the agreement a release may be.
import type { Hold } from "./hold.js";

/** A hold when `subjects` grew past `max` (a share: 0.2 is 20%) over `previous`; no previous, no hold. */
export function maxGrowthGuard(
  subjects: number,
  previous: number | undefined,
  max: number | undefined,
): Hold | undefined {
  if (max === undefined || previous === undefined || previous <= 0) return undefined;
  const growth = subjects / previous - 1;
  return growth > max ? { code: "max_growth", measured: growth, limit: max, subjects, previous } : undefined;
}
