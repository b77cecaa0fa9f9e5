// what a compiled transform works with: the column function's shape, the keys it may get, and how it
// reports a row it cannot transform. Contract: a problem names the row, the field and a code, never the value.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";

/**
 * One compiled transform over a batch column: writes `out[i]` for every `i < values.length` (one string
 * per row, "" for empty). Never throws for a bad value when the context has a `problems` sink.
 */
export type ColumnTransform = (values: readonly string[], out: string[]) => void;

/**
 * A column transform from field bytes straight to CSV-ready cell bytes, for the share gateway's byte tables: row k's
 * field is `src[starts[k], ends[k])` (valid UTF-8) and its cell goes to `out.bytes[at[k], at[k + 1])`, cells back to
 * back from `out.length` 0 (the sink is emptied first). Equal, byte for byte, to the column transform's output
 * written as CSV; problems are reported with the row index k, as the column transform reports them.
 */
export type CellTransform = (
  src: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  n: number,
  out: CellSink,
  at: Int32Array,
) => void;

/** A growing byte buffer the cells are written to (transforms/column-codec.ts's ByteSink). */
export interface CellSink {
  bytes: Uint8Array;
  /** a DataView over `bytes` (for writes of 2 or 4 bytes at once); read again after `reserve` */
  readonly view: DataView;
  length: number;
  reserve(more: number): void;
}

/** Key bytes already derived for (agreement, recipient, field key scope); only keyed transforms use them. */
export interface TransformKeys {
  /** 32 bytes, the HMAC-SHA256 key of a pseudonym */
  pseudonym?: Uint8Array;
  /** 64 bytes (AES-256-SIV) or 32 bytes (AES-128-SIV), the key of a token */
  token?: Uint8Array;
}

/** A row the transform could not handle; its output is "". Never carries the value. */
export interface RowProblem {
  /** index of the row within the batch passed to the column transform */
  row: number;
  field: string;
  /** snake_case: not_a_date, not_a_timestamp, not_an_integer, not_a_number, out_of_range, normalised_empty */
  code: string;
}

/** Where the problems of a compiled transform go. */
export type ProblemSink = (problem: RowProblem) => void;

/** The field a transform is compiled for, and where its row problems go. */
export interface ApplyContext {
  /** field name used in problems; defaults to "?" */
  field?: string;
  /** without a sink, the first row problem throws JikimiError "transform_value_problem" (without the value) */
  problems?: ProblemSink;
}

/** Binds a context to a `(row, code)` reporter. */
export function reporter(context: ApplyContext): (row: number, code: string) => void {
  const field = context.field ?? "?";
  const sink = context.problems;
  if (sink) return (row, code) => sink({ row, field, code });
  return (row, code) => {
    throw new JikimiError(
      "transform_value_problem",
      t("engine.transform.value_problem", { row, field, code }),
      {
        hint: t("engine.transform.value_problem_hint"),
      },
    );
  };
}

/**
 * The key a keyed transform was compiled with; a missing one is a gateway bug, reported without any key bytes.
 * @example compilePseudonym(options, requireKey(key, "pseudonym", context), context)
 */
export function requireKey(
  key: Uint8Array | undefined,
  transform: string,
  context: ApplyContext,
): Uint8Array {
  if (key) return key;
  throw new JikimiError(
    "transform_key_missing",
    t("engine.transform.key_missing", { transform, field: context.field ?? "?" }),
  );
}
