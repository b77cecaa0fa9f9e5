// guard: the agreement's validity on the release day.
import type { Agreement } from "../../../model/workspace.js";
import type { Hold } from "./hold.js";

/** A hold when `day` (YYYY-MM-DD) is outside the agreement's `valid` range. */
export function validityGuard(a: Agreement, day: string): Hold | undefined {
  const { from, until } = a.valid;
  if (day >= from && (until === undefined || day < until)) return undefined;
  return { code: "not_valid", measured: day, limit: until === undefined ? { from } : { from, until } };
}
