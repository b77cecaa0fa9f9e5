// guard: volume.max_subjects, the distinct people one release may hold.
import type { Hold } from "./hold.js";

/** A hold when `subjects` exceeds `max`. */
export function maxSubjectsGuard(subjects: number, max: number | undefined): Hold | undefined {
  return max !== undefined && subjects > max
    ? { code: "max_subjects", measured: subjects, limit: max }
    : undefined;
}
