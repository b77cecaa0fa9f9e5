// mask: keep the first keep_start and last keep_end characters, replace the rest with `char`.
// Contract: characters are Unicode code points (Hangul and emoji count as one), the output has as many code
// points as the input, and at least one is masked: when keep_start + keep_end would cover the whole value,
// keep_end is reduced first, then keep_start (a 2-letter name with 1 + 1 kept becomes "홍*"). "" stays "".
import { z } from "zod";
import type { ColumnTransform } from "./apply-context.js";
import type { Transform } from "./transform.js";

const options = z.strictObject({
  transform: z.literal("mask"),
  keep_start: z.number().int().min(0).default(0),
  keep_end: z.number().int().min(0).default(0),
  char: z.string().length(1).default("*"),
});

export type MaskOptions = z.output<typeof options>;

const SURROGATE = /[\uD800-\uDFFF]/;

/** How many leading and trailing code points of an `n`-code-point value stay visible. */
export function maskKept(n: number, keepStart: number, keepEnd: number): [start: number, end: number] {
  if (n === 0) return [0, 0];
  const start = Math.min(keepStart, n - 1);
  return [start, Math.min(keepEnd, n - 1 - start)];
}

/**
 * The mask column transform.
 * @example compileMask({ transform: "mask", keep_start: 3, keep_end: 4, char: "*" })(["010-1234-5678"], out)
 * // out[0] === "010******5678"
 */
export function compileMask(options: MaskOptions): ColumnTransform {
  const { keep_start: keepStart, keep_end: keepEnd, char } = options;
  const runs: string[] = [""];
  const run = (n: number): string => {
    while (runs.length <= n) runs.push(`${runs[runs.length - 1]}${char}`);
    return runs[n] as string;
  };
  const one = (v: string): string => {
    if (v === "") return "";
    if (!SURROGATE.test(v)) {
      const [s, e] = maskKept(v.length, keepStart, keepEnd);
      return (
        v.slice(0, s) +
        (v.length > 256 ? char.repeat(v.length - s - e) : run(v.length - s - e)) +
        v.slice(v.length - e)
      );
    }
    const cps = Array.from(v);
    const [s, e] = maskKept(cps.length, keepStart, keepEnd);
    return cps.slice(0, s).join("") + char.repeat(cps.length - s - e) + cps.slice(cps.length - e).join("");
  };
  return (values, out) => {
    for (let i = 0; i < values.length; i++) out[i] = one(values[i] ?? "");
  };
}

/** Hides all but a few leading or trailing characters. */
export const mask: Transform<typeof options> = {
  name: "mask",
  summary: "replace all but the first and last few characters with a mask character",
  accepts: ["string"],
  options,
  exposure: "partial",
  joinScope: "none",
  reversibleByController: false,
  compile: (o) => compileMask(o),
};
