// guard: volume.max_releases_per_day, counted over the agreement's releases on the release day.
import type { Hold } from "./hold.js";

/** A hold when `count` releases already happened on `day` and the limit is `max`. */
export function perDayGuard(count: number, day: string, max: number | undefined): Hold | undefined {
  return max !== undefined && count >= max
    ? { code: "max_releases_per_day", measured: count, limit: max, day }
    : undefined;
}
