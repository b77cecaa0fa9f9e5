// generalise: coarsen each value. Contract, per level ("" stays "" everywhere):
//   month: a date YYYY-MM-DD or timestamp YYYY-MM-DD[T ]hh:mm[:ss[.fff]][Z|+hh:mm] -> "YYYY-MM", the month
//          as written (a timestamp's offset is not applied); year -> "YYYY".
//   band (width w): integer fields with an integer width -> "lo-hi" with lo = floor(v / w) * w and
//          hi = lo + w - 1 ("30-39"); number fields (or a fractional width) -> the lower bound lo ("30").
//   bucket (ascending bounds b0 < ... < bk): "<b0", then "bi-(b(i+1) - 1)" on integer fields with integer
//          bounds ("10-99") or "bi-<b(i+1)" otherwise ("10-<100"), then ">=bk".
//   prefix (length n): the first n code points.
// Each level takes its own field types (GENERALISE_TYPES). A value that does not parse as the field type
// becomes "" and is reported as a row problem (not_a_date, not_a_timestamp, not_an_integer, not_a_number,
// out_of_range); the value is never reported.
import { z } from "zod";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { type ApplyContext, type CellTransform, type ColumnTransform, reporter } from "./apply-context.js";
import type { FieldType } from "./field-type.js";
import type { Transform } from "./transform.js";

const options = z.discriminatedUnion("to", [
  z.strictObject({ transform: z.literal("generalise"), to: z.enum(["month", "year"]) }),
  z.strictObject({
    transform: z.literal("generalise"),
    to: z.literal("band"),
    width: z.number().positive().describe("band width, e.g. 10 for ages 30-39"),
  }),
  z.strictObject({
    transform: z.literal("generalise"),
    to: z.literal("bucket"),
    bounds: z.array(z.number()).min(1).describe("ascending bucket boundaries"),
  }),
  z.strictObject({
    transform: z.literal("generalise"),
    to: z.literal("prefix"),
    length: z.number().int().min(1).describe("characters kept, e.g. 3 of a postal code"),
  }),
]);

export type GeneraliseOptions = z.output<typeof options>;

/** Which field types each level applies to; the loader and the gateway report a mismatch. */
export const GENERALISE_TYPES = {
  month: ["date", "timestamp"],
  year: ["date", "timestamp"],
  band: ["integer", "number"],
  bucket: ["integer", "number"],
  prefix: ["string"],
} as const satisfies Record<GeneraliseOptions["to"], readonly FieldType[]>;

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME =
  /[T ]([01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/y;
const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Whether the ten character codes at `at(0..9)` are a valid calendar date YYYY-MM-DD (proleptic Gregorian, years
 * 0000-9999); `at` gives -1 past the end. Shared by strings and UTF-8 bytes (ASCII digits are single bytes).
 */
function isDateAt(at: (i: number) => number): boolean {
  if (at(4) !== 45 || at(7) !== 45) return false;
  const d = (i: number): number => {
    const c = at(i) - 48;
    return c >= 0 && c <= 9 ? c : -1;
  };
  const y0 = d(0);
  const y1 = d(1);
  const y2 = d(2);
  const y3 = d(3);
  const m1 = d(5);
  const m2 = d(6);
  const d1 = d(8);
  const d2 = d(9);
  if (y0 < 0 || y1 < 0 || y2 < 0 || y3 < 0 || m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return false;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m1 * 10 + m2;
  const day = d1 * 10 + d2;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && !leap ? 28 : (DAYS[month - 1] as number));
}

/** Whether `s` starts with a valid calendar date YYYY-MM-DD (proleptic Gregorian, years 0000-9999). */
export function hasDatePrefix(s: string): boolean {
  return s.length >= 10 && isDateAt((i) => s.charCodeAt(i));
}

/** Whether `s` is a date, or for timestamps a date with an optional time of day and offset. */
function isDateLike(s: string, type: FieldType): boolean {
  if (!hasDatePrefix(s)) return false;
  if (s.length === 10) return true;
  if (type !== "timestamp") return false;
  TIME.lastIndex = 10;
  return TIME.test(s);
}

/** Removes binary floating-point noise from a product (0.30000000000000004 -> 0.3). */
const clean = (x: number): number => Number(x.toPrecision(12));

/** The band label of `v` for width `w`; `integers` when both are integers. */
export function bandLabel(v: number, w: number, integers: boolean): string {
  let k = Math.floor(v / w);
  if (clean((k + 1) * w) <= v) k++;
  else if (clean(k * w) > v) k--;
  const lo = clean(k * w);
  return integers ? `${lo}-${lo + w - 1}` : `${lo}`;
}

/** The bucket labels for ascending `bounds`: index i is for values with i bounds <= v. */
export function bucketLabels(bounds: readonly number[], integers: boolean): string[] {
  const labels = [`<${bounds[0]}`];
  for (let i = 1; i < bounds.length; i++) {
    const lo = bounds[i - 1] as number;
    const hi = bounds[i] as number;
    labels.push(integers ? `${lo}-${hi - 1}` : `${lo}-<${hi}`);
  }
  labels.push(`>=${bounds[bounds.length - 1]}`);
  return labels;
}

const typeCode = (type: FieldType): string =>
  type === "integer" ? "not_an_integer" : type === "number" ? "not_a_number" : `not_a_${type}`;

/**
 * The generalise column transform for a field of `type` (the caller has checked the level suits the type).
 * Throws JikimiError "transform_options" for bucket bounds that are not strictly ascending.
 * @example compileGeneralise({ transform: "generalise", to: "month" }, "date", {})(["2024-03-05"], out) // "2024-03"
 */
export function compileGeneralise(
  options: GeneraliseOptions,
  type: FieldType,
  context: ApplyContext,
): ColumnTransform {
  const report = reporter(context);
  const each = (one: (v: string, row: number) => string): ColumnTransform => {
    return (values, out) => {
      for (let i = 0; i < values.length; i++) {
        const v = values[i] ?? "";
        out[i] = v === "" ? "" : one(v, i);
      }
    };
  };
  const fail = (row: number, code: string): string => {
    report(row, code);
    return "";
  };
  /** the numeric value of `v`, or NaN after reporting the row */
  const numberOf = (v: string, row: number): number => {
    if (!(type === "integer" ? INTEGER : NUMBER).test(v)) {
      fail(row, typeCode(type));
      return Number.NaN;
    }
    const x = Number(v);
    if (type === "integer" ? !Number.isSafeInteger(x) : !Number.isFinite(x)) {
      fail(row, "out_of_range");
      return Number.NaN;
    }
    return x;
  };

  switch (options.to) {
    case "month":
    case "year": {
      const keep = options.to === "month" ? 7 : 4;
      return each((v, row) => (isDateLike(v, type) ? v.slice(0, keep) : fail(row, typeCode(type))));
    }
    case "band": {
      const w = options.width;
      const integers = type === "integer" && Number.isInteger(w);
      return each((v, row) => {
        const x = numberOf(v, row);
        return Number.isNaN(x) ? "" : bandLabel(x, w, integers);
      });
    }
    case "bucket": {
      const bounds = options.bounds;
      for (let i = 1; i < bounds.length; i++)
        if (!((bounds[i] as number) > (bounds[i - 1] as number)))
          throw new JikimiError(
            "transform_options",
            t("engine.transform.bounds", { index: i, previous: i - 1 }),
          );
      const labels = bucketLabels(bounds, type === "integer" && bounds.every((b) => Number.isInteger(b)));
      return each((v, row) => {
        const x = numberOf(v, row);
        if (Number.isNaN(x)) return "";
        let lo = 0;
        let hi = bounds.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((bounds[mid] as number) <= x) lo = mid + 1;
          else hi = mid;
        }
        return labels[lo] as string;
      });
    }
    case "prefix": {
      const n = options.length;
      return each((v) => {
        if (v.length <= n) return v;
        let end = 0;
        for (let c = 0; c < n && end < v.length; c++) {
          const u = v.charCodeAt(end);
          const next = v.charCodeAt(end + 1);
          end += u >= 0xd800 && u <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
        }
        return v.slice(0, end);
      });
    }
  }
}

/**
 * Month and year of a date field as a CellTransform: a value of exactly YYYY-MM-DD that is a calendar date keeps
 * its first 7 or 4 bytes; anything else is "" and reported, as the column transform does. Timestamps and the
 * other levels have no cell path (undefined): they go through the column transform.
 * @example compileGeneraliseCells({ transform: "generalise", to: "month" }, "date", {})
 */
export function compileGeneraliseCells(
  options: GeneraliseOptions,
  type: FieldType,
  context: ApplyContext,
): CellTransform | undefined {
  if (type !== "date" || (options.to !== "month" && options.to !== "year")) return undefined;
  const keep = options.to === "month" ? 7 : 4;
  const report = reporter(context);
  return (src, starts, ends, n, out, at) => {
    out.length = 0;
    at[0] = 0;
    out.reserve(n * keep);
    const b = out.bytes;
    let p = 0;
    for (let k = 0; k < n; k++) {
      const s = starts[k] as number;
      const e = ends[k] as number;
      if (e > s) {
        if (e - s === 10 && isDateAt((i) => src[s + i] as number))
          for (let i = 0; i < keep; i++) b[p++] = src[s + i] as number;
        else report(k, typeCode(type));
      }
      at[k + 1] = p;
    }
    out.length = p;
  };
}

/** Coarsens a value: dates to month or year, numbers to bands or buckets, strings to a prefix. */
export const generalise: Transform<typeof options> = {
  name: "generalise",
  summary: "coarsen the value: dates to month or year, numbers to bands, codes to a prefix",
  accepts: ["date", "timestamp", "integer", "number", "string"],
  options,
  exposure: "coarse",
  joinScope: "none",
  reversibleByController: false,
  narrow: (o) => ({ types: GENERALISE_TYPES[o.to], by: o.to }),
  compile: (o, { fieldType, context }) => compileGeneralise(o, fieldType, context),
  compileCells: (o, { fieldType, context }) => compileGeneraliseCells(o, fieldType, context),
};
