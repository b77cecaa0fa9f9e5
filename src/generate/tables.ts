// lookup tables built once per thread: zero-padded numbers, day strings, weighted-pick tables.
import type { Sfc32 } from "./prng.js";

function padded(count: number, width: number): string[] {
  const out = new Array<string>(count);
  for (let i = 0; i < count; i++) out[i] = String(i).padStart(width, "0");
  return out;
}

/** "00".."99". */
export const PAD2: readonly string[] = padded(100, 2);
/** "0000".."9999". */
export const PAD4: readonly string[] = padded(10000, 4);

/** Zero-padded 10 digits for 0 <= n < 1e10. @example pad10(7) // "0000000007" */
export function pad10(n: number): string {
  const hi = Math.floor(n / 1e8);
  const rest = n - hi * 1e8;
  const mid = Math.floor(rest / 1e4);
  return (PAD2[hi] as string) + (PAD4[mid] as string) + (PAD4[rest - mid * 1e4] as string);
}

/** Zero-padded 12 digits for 0 <= n < 1e12. @example pad12(7) // "000000000007" */
export function pad12(n: number): string {
  const hi = Math.floor(n / 1e8);
  const rest = n - hi * 1e8;
  const mid = Math.floor(rest / 1e4);
  return (PAD4[hi] as string) + (PAD4[mid] as string) + (PAD4[rest - mid * 1e4] as string);
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date. @example epochDay("1970-01-02") // 1 */
export function epochDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

/** First and last day that any generated date can take. */
export const FIRST_DAY = epochDay("1938-06-02");
export const LAST_DAY = epochDay("2024-05-31");

const DAY_COUNT = LAST_DAY - FIRST_DAY + 1;
const days = new Array<string>(DAY_COUNT);
const years = new Uint16Array(DAY_COUNT);
for (let i = 0; i < DAY_COUNT; i++) {
  const iso = new Date((FIRST_DAY + i) * MS_PER_DAY).toISOString().slice(0, 10);
  days[i] = iso;
  years[i] = Number(iso.slice(0, 4));
}

/** "YYYY-MM-DD" of an epoch day in [FIRST_DAY, LAST_DAY]. */
export function dayString(day: number): string {
  return days[day - FIRST_DAY] as string;
}

/** Calendar year of an epoch day in [FIRST_DAY, LAST_DAY]. */
export function dayYear(day: number): number {
  return years[day - FIRST_DAY] as number;
}

const PICK_BITS = 12;
const PICK_SHIFT = 32 - PICK_BITS;

/** A weighted choice resolved with one table lookup per draw (1/4096 resolution). */
export class WeightedPick {
  private readonly table: Uint16Array;

  /** weights need not sum to 1; every positive weight gets at least one slot. */
  constructor(weights: readonly number[]) {
    const size = 1 << PICK_BITS;
    const total = weights.reduce((sum, w) => sum + w, 0);
    const slots = weights.map((w) => (w > 0 ? Math.max(1, Math.floor((w / total) * size)) : 0));
    let used = slots.reduce((sum, s) => sum + s, 0);
    const order = weights.map((_, i) => i).sort((x, y) => (weights[y] ?? 0) - (weights[x] ?? 0));
    for (let k = 0; used !== size; k = (k + 1) % order.length) {
      const i = order[k] as number;
      const step = used < size ? 1 : (slots[i] ?? 0) > 1 ? -1 : 0;
      slots[i] = (slots[i] ?? 0) + step;
      used += step;
    }
    this.table = new Uint16Array(size);
    let at = 0;
    slots.forEach((s, i) => {
      this.table.fill(i, at, at + s);
      at += s;
    });
  }

  /** An index into the weights, drawn from rng. */
  pick(rng: Sfc32): number {
    return this.table[rng.next() >>> PICK_SHIFT] as number;
  }
}
