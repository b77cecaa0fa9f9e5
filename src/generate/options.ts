// generate options: parse the CLI's strings, validate, and infer the format; every failure names the flag and fix.
import { extname } from "node:path";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { type Format, KINDS, type Kind } from "./chunk.js";

/** Largest --rows per kind: ids are HB + 10 digits and P + 12 digits. */
export const MAX_ROWS: Record<Kind, number> = { customers: 9_999_999_999, payments: 999_999_999_999 };
/** Default number of customers that payments reference. */
export const DEFAULT_CUSTOMERS = 1_000_000;

/** Raw command-line values, as commander hands them over. */
export interface RawGenerateArgs {
  kind: string;
  rows: string;
  out: string;
  seed?: string | undefined;
  format?: string | undefined;
  customers?: string | undefined;
  threads?: string | undefined;
}

/** Checked options for a run (the output is a path, or "-" for stdout). */
export interface ParsedGenerateArgs {
  kind: Kind;
  rows: number;
  seed: number;
  format: Format;
  customers: number;
  out: string;
  threads: number | undefined;
}

/** Parses a whole number, allowing `_` or `,` separators; undefined when it is not one. */
export function parseWholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d[\d_,]*$/.test(trimmed)) return undefined;
  const value = Number(trimmed.replace(/[_,]/g, ""));
  return Number.isSafeInteger(value) ? value : undefined;
}

/** The flags that take a whole number. */
export type WholeFlag = "--rows" | "--seed" | "--customers" | "--threads";

/** Returns value if it is a whole number in [min, max], else throws a JikimiError naming the flag. */
export function checkWhole(
  flag: WholeFlag,
  value: number,
  min: number,
  max: number,
  example: string,
  shown = String(value),
): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new JikimiError(
      `invalid_${flag.slice(2) as "rows" | "seed" | "customers" | "threads"}`,
      t("generate.options.not_whole", {
        flag,
        min: min.toLocaleString("en-US"),
        max: max.toLocaleString("en-US"),
        shown,
      }),
      { hint: t("generate.options.not_whole_hint", { flag, example }) },
    );
  }
  return value;
}

function wholeNumber(flag: WholeFlag, text: string, min: number, max: number, example: string): number {
  return checkWhole(flag, parseWholeNumber(text) ?? Number.NaN, min, max, example, text);
}

/** Checks the kind name. */
export function checkKind(kind: string): Kind {
  const known = KINDS.find((k) => k === kind);
  if (known === undefined) {
    throw new JikimiError("unknown_kind", t("generate.options.unknown_kind", { kind }), {
      hint: t("generate.options.unknown_kind_hint"),
    });
  }
  return known;
}

/** The format from --output-format, or else from the --output extension (.csv, .jsonl/.ndjson; stdout: csv). */
export function resolveFormat(out: string, format: string | undefined): Format {
  const wanted = format ?? (out === "-" ? "csv" : extname(out).toLowerCase().replace(".", ""));
  if (wanted === "csv") return "csv";
  if (wanted === "jsonl" || wanted === "ndjson") return "jsonl";
  if (format !== undefined)
    throw new JikimiError("invalid_format", t("generate.options.bad_format", { format }));
  throw new JikimiError("unknown_format", t("generate.options.unknown_format", { out }), {
    hint: t("generate.options.unknown_format_hint"),
  });
}

/** Turns raw CLI values into checked options, or throws a JikimiError (exit code 2). */
export function parseGenerateArgs(raw: RawGenerateArgs): ParsedGenerateArgs {
  const kind = checkKind(raw.kind);
  if (raw.out.trim() === "") throw new JikimiError("invalid_out", t("generate.options.no_output"));
  return {
    kind,
    rows: wholeNumber("--rows", raw.rows, 1, MAX_ROWS[kind], "100000"),
    seed: raw.seed === undefined ? 1 : wholeNumber("--seed", raw.seed, 0, Number.MAX_SAFE_INTEGER, "42"),
    format: resolveFormat(raw.out, raw.format),
    customers:
      raw.customers === undefined
        ? DEFAULT_CUSTOMERS
        : wholeNumber("--customers", raw.customers, 1, MAX_ROWS.customers, "1000000"),
    out: raw.out,
    threads: raw.threads === undefined ? undefined : wholeNumber("--threads", raw.threads, 0, 64, "2"),
  };
}
