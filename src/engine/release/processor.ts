// one block of records through an agreement: type check -> scope -> subject hash -> consent -> transforms ->
// CSV bytes. Runs the same on the main thread and in worker threads (the plan is plain data, keys included:
// it never leaves the process). A block's result carries block-local record and line numbers; the caller adds
// the offsets of the blocks before it. Nothing here ever puts a value into a message.
import { hmacBatch, hmacKey } from "../../crypto/sha256/index.js";
import { JikimiError } from "../../errors.js";
import { compileScope } from "../../expr/compile.js";
import type { CelExpr } from "../../expr/validate.js";
import { t } from "../../i18n/index.js";
import { tableOfCsvBlock } from "../../io/records/csv-table.js";
import { csvField } from "../../io/records/csv-writer.js";
import { type FieldTable, fieldEnd, fieldStart, fieldText } from "../../io/records/field-table.js";
import { lookupShared, NOT_FOUND, type SharedDictionary } from "../../ledger/subjects/dictionary.js";
import { SUBJECT_HASH_BYTES } from "../../ledger/subjects/subject-hasher.js";
import type { FieldType } from "../../model/dataset.js";
import { ByteSink, copyBytes, utf8Into, viewOf } from "../../transforms/column-codec.js";
import {
  type CellTransform,
  compileCellTransform,
  compileTransform,
  type TransformKeys,
  type RowProblem as TransformProblem,
  transformNamed,
} from "../../transforms/index.js";
import type { FieldCheck } from "../typecheck.js";
import { compileBlockCheck } from "./byte-check.js";
import { SCOPE_FALSE, SCOPE_TRUE } from "./scope-kernel.js";

/** One released field: its input column, transform and derived keys. */
export interface PlannedField {
  name: string;
  column: number;
  transform: string;
  options: unknown;
  keys: TransformKeys;
  type: FieldType;
}

/** Everything a thread needs to process blocks of one release (structured-clone safe). */
export interface ReleasePlan {
  columns: string[];
  checks: Record<string, FieldCheck>;
  /** the scope expression of the phase in force, and the dataset's field types */
  scope?: { expr: CelExpr; types: [string, FieldType][] };
  subjectColumn: number;
  /** the ledger-subjects key: released subjects are HMAC-SHA256(key, subject key) truncated to 16 bytes */
  subjectKey: Uint8Array;
  /** who consented as of the release time: a bitset over dictionary indexes, and the dictionary */
  consent?: { bits: Uint8Array; dictionary: SharedDictionary };
  fields: PlannedField[];
  /** output rows to return as strings (dry run sample) */
  sample: number;
  /** indexes into `fields` of the quasi-identifiers whose released values the re-identification gate needs */
  quasiIdentifiers?: number[];
  /** indexes into `fields` of un-keyed fields whose values are sampled for the hash audit */
  probe?: number[];
}

/** Values of each probed field a block returns at most (the gate samples across the whole file). */
export const PROBE_PER_BLOCK = 32;

/** A record that was not released because of what it holds; block-local numbers, never values. */
export interface RowIssue {
  /** 0-based record index within the block */
  record: number;
  /** 0-based physical line within the block, or -1 when not known */
  line: number;
  code: string;
  field?: string;
  expected?: string;
  /** fields found, for a record with the wrong field count */
  fields?: number;
}

/** What one block gave. */
export interface BlockResult {
  /** CSV lines of the released rows (no header) */
  out: Uint8Array<ArrayBuffer>;
  /** 16-byte subject hashes of the released rows, in row order (repeats possible) */
  hashes: Uint8Array<ArrayBuffer>;
  released: number;
  outOfScope: number;
  noConsent: number;
  records: number;
  lines: number;
  issues: RowIssue[];
  sample: string[][];
  /** the released values of the plan's quasi-identifiers, row after row (rows x quasi-identifiers) */
  qi: string[];
  /** per probed field, up to PROBE_PER_BLOCK non-empty released values */
  probe: string[][];
  /** the CSV block's buffer, handed back once the block is done with so the reader fills it again (`BlockBuffers`) */
  input?: ArrayBuffer;
}

const SEP = 44;
const NL = 10;

/** Appends one CSV cell: plain ASCII in one pass; anything else quoted as needed and UTF-8 encoded. */
function encodeCell(sink: ByteSink, v: string): void {
  const n = v.length;
  sink.reserve(n);
  const b = sink.bytes;
  let p = sink.length;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 0x80 || c === 44 || c === 34 || c === 10 || c === 13) {
      utf8Into(sink, csvField(v));
      return;
    }
    b[p++] = c;
  }
  sink.length = p;
}

/** [0, 1, ..., n - 1] */
const iota = (n: number): Int32Array => {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
};

/** One transformed column's cells for a block: packed bytes, row k's at [at[k], at[k + 1]). */
interface Cells {
  bytes: Uint8Array;
  view: DataView;
  at: Int32Array;
}

/** Runs of kept fields that sit side by side in the input too: copied as one byte span, commas included. */
interface Span {
  kind: "span";
  from: number;
  to: number;
}
interface Computed {
  kind: "computed";
  index: number;
}

/**
 * Refuses a plan that points a field or the subject key at no column of the header (a negative index from a
 * failed lookup, or one past the end): read as offsets, such an index gives a neighbouring column's bytes.
 * Also refuses quasi-identifier and probe entries that name no planned field.
 */
export function checkPlanColumns(plan: ReleasePlan): void {
  const width = plan.columns.length;
  const outside = (i: number, n: number) => !Number.isInteger(i) || i < 0 || i >= n;
  const hint = t("engine.plan.column_hint");
  if (outside(plan.subjectColumn, width))
    throw new JikimiError(
      "plan_column_missing",
      t("engine.plan.subject_column", { column: plan.subjectColumn, width }),
      { hint },
    );
  for (const f of plan.fields)
    if (outside(f.column, width))
      throw new JikimiError(
        "plan_column_missing",
        t("engine.plan.field_column", { name: f.name, column: f.column, width }),
        { hint },
      );
  for (const [what, list] of [
    [t("engine.plan.quasi_identifier"), plan.quasiIdentifiers ?? []],
    [t("engine.plan.probe"), plan.probe ?? []],
  ] as const)
    for (const j of list)
      if (outside(j, plan.fields.length))
        throw new JikimiError(
          "plan_field_missing",
          t("engine.plan.not_released", { what, index: j, count: plan.fields.length }),
          { hint: t("engine.plan.not_released_hint") },
        );
}

/** A plan compiled for one thread: a block's table in, its result out; `csvTable` makes a CSV block's table. */
export type CompiledPlan = ((t: FieldTable) => BlockResult) & { csvTable(bytes: Uint8Array): FieldTable };

/**
 * Compiles a plan into a block function. The function reuses buffers: one per thread.
 * @example const run = compilePlan(plan); const result = run(run.csvTable(bytes));
 */
export function compilePlan(plan: ReleasePlan): CompiledPlan {
  checkPlanColumns(plan);
  const check = compileBlockCheck(
    plan.columns,
    plan.checks,
    plan.scope ? { expr: plan.scope.expr, types: new Map(plan.scope.types) } : undefined,
  );
  // the columns the scope reads are the only ones decoded for every row: record them while compiling
  const read = new Set<number>();
  class Recording extends Map<string, number> {
    override get(name: string): number | undefined {
      const i = super.get(name);
      if (i !== undefined) read.add(i);
      return i;
    }
  }
  const index = new Recording(plan.columns.map((c, i) => [c, i]));
  const scope = plan.scope ? compileScope(plan.scope.expr, new Map(plan.scope.types), index) : undefined;
  // the row the scope sees decodes a field only when the expression reads it (`a && b` often never reads b)
  let current: FieldTable | undefined;
  let currentRow = 0;
  const scopeRow = { length: plan.columns.length } as unknown as string[];
  for (const c of read)
    Object.defineProperty(scopeRow, c, { get: () => fieldText(current as FieldTable, currentRow, c) });

  let pending: TransformProblem[] = [];
  // layout of an output line: spans of kept fields, or computed (transformed) fields
  /** each transformed field's path from its bytes to cells where the transform has one, else its column transform */
  const computed: {
    field: PlannedField;
    run: { cells: CellTransform } | { fn: (v: readonly string[], o: string[]) => void };
  }[] = [];
  const layout: (Span | Computed)[] = [];
  for (const f of plan.fields) {
    const def = transformNamed(f.transform);
    if (!def) throw new Error(`unknown transform ${f.transform}`);
    if (def.passthrough === true) {
      const last = layout[layout.length - 1];
      if (last?.kind === "span" && last.to === f.column - 1) last.to = f.column;
      else layout.push({ kind: "span", from: f.column, to: f.column });
      continue;
    }
    // a value a transform cannot take sets its row aside (the block collects them per run in `pending`)
    const context = { field: f.name, problems: (p: TransformProblem) => pending.push(p) };
    const cells = compileCellTransform(def, f.options, f.keys, f.type, context);
    computed.push({
      field: f,
      run: cells ? { cells } : { fn: compileTransform(def, f.options, f.keys, f.type, context) },
    });
    layout.push({ kind: "computed", index: computed.length - 1 });
  }
  const qiFields = plan.quasiIdentifiers ?? [];
  const probeFields = plan.probe ?? [];
  const sources = plan.fields.map((f) => {
    const at = computed.findIndex((c) => c.field === f);
    return { column: f.column, computed: at < 0 ? undefined : at };
  });
  const subjectKey = hmacKey(plan.subjectKey);
  const keySink = new ByteSink(1 << 16);
  let offsets = new Uint32Array(1024);
  let macs = new Uint8Array(1024 * 32);
  let identity = iota(1024);
  const bits = plan.consent?.bits;
  // output buffers reused block after block; each result gets an exact copy it can take to another thread
  const outSink = new ByteSink(1 << 20);
  const cellSinks: ByteSink[] = [];
  const takeOut = (sink: ByteSink): Uint8Array<ArrayBuffer> => {
    const copy = sink.bytes.slice(0, sink.length);
    sink.bytes.fill(0, 0, sink.length);
    return copy;
  };
  const dictionary = plan.consent?.dictionary;

  const block = (t: FieldTable): BlockResult => {
    const issues: RowIssue[] = t.bad.map((b) => ({
      record: b.record,
      line: b.line,
      code: b.code,
      ...(b.column === undefined ? {} : { field: b.column }),
      ...(b.fields === undefined ? {} : { fields: b.fields }),
    }));
    let outOfScope = 0;
    let noConsent = 0;
    const candidates: number[] = [];
    check.prepare(t);
    for (let r = 0; r < t.rows; r++) {
      const problem = check.row(t, r);
      if (problem) {
        issues.push({
          record: t.record[r] as number,
          line: -1,
          code: problem.code,
          field: problem.field,
          expected: problem.expected,
        });
        continue;
      }
      if (scope) {
        // the kernel decided most rows' scope on their bytes; the rest are evaluated on decoded fields
        const known = check.scope(r);
        if (known === SCOPE_FALSE) {
          outOfScope++;
          continue;
        }
        if (known !== SCOPE_TRUE) {
          current = t;
          currentRow = r;
          if (!scope(scopeRow)) {
            outOfScope++;
            continue;
          }
        }
      }
      candidates.push(r);
    }

    // subject hashes of the candidates
    const m = candidates.length;
    if (offsets.length < m + 1) offsets = new Uint32Array(2 * (m + 1));
    if (macs.length < m * 32) macs = new Uint8Array(2 * m * 32);
    const b = t.bytes;
    const bView = viewOf(b);
    const sc = plan.subjectColumn;
    for (let k = 0; k < m; k++) {
      const r = candidates[k] as number;
      const s = fieldStart(t, r, sc);
      const e = fieldEnd(t, r, sc);
      keySink.reserve(e - s);
      keySink.length = copyBytes(keySink.view, keySink.length, bView, s, e);
      offsets[k + 1] = keySink.length;
    }
    if (m > 0) hmacBatch(subjectKey, keySink.bytes, offsets.subarray(0, m + 1), macs);
    keySink.wipe();

    // consent: the subject's dictionary index must be in the as-of set
    let keep = candidates;
    // where each kept row's subject MAC is in `macs`: itself unless consent set rows aside
    if (identity.length < m) identity = iota(2 * m);
    let macAt: number[] | Int32Array = identity;
    if (bits && dictionary) {
      const words = new Uint32Array(4);
      keep = [];
      const at: number[] = [];
      for (let k = 0; k < m; k++) {
        for (let w = 0, o = k * 32; w < 4; w++, o += 4)
          words[w] =
            ((macs[o] as number) |
              ((macs[o + 1] as number) << 8) |
              ((macs[o + 2] as number) << 16) |
              ((macs[o + 3] as number) << 24)) >>>
            0;
        const idx = lookupShared(dictionary, words, 0);
        if (
          idx !== NOT_FOUND &&
          idx >> 3 < bits.length &&
          ((bits[idx >> 3] as number) & (1 << (idx & 7))) !== 0
        ) {
          keep.push(candidates[k] as number);
          at.push(k);
        } else noConsent++;
      }
      macAt = at;
    }

    // transforms, column by column over the kept rows
    pending = [];
    const n = keep.length;
    // a column with a cell path goes from its bytes to its cells; the others are decoded, transformed as strings
    // and written as CSV cells. Problems come out of both before the rows they set aside are counted.
    const results: (string[] | undefined)[] = [];
    const cells = computed.map(({ field, run }, j) => {
      const sink = cellSinks[j] ?? new ByteSink(1 << 16);
      cellSinks[j] = sink;
      sink.length = 0;
      const at = new Int32Array(n + 1);
      if ("cells" in run) {
        const starts = new Int32Array(n);
        const ends = new Int32Array(n);
        for (let k = 0; k < n; k++) {
          starts[k] = fieldStart(t, keep[k] as number, field.column);
          ends[k] = fieldEnd(t, keep[k] as number, field.column);
        }
        run.cells(b, starts, ends, n, sink, at);
        results.push(undefined);
        return { bytes: sink.bytes, view: sink.view, at };
      }
      const values = new Array<string>(n);
      for (let k = 0; k < n; k++) values[k] = fieldText(t, keep[k] as number, field.column);
      const column = new Array<string>(n);
      run.fn(values, column);
      results.push(column);
      for (let k = 0; k < n; k++) {
        encodeCell(sink, column[k] as string);
        at[k + 1] = sink.length;
      }
      return { bytes: sink.bytes, view: sink.view, at };
    });
    /** a transformed value as text (a cell path's cells are ASCII: hex or base64url) */
    const textOf = (j: number, k: number): string => {
      const column = results[j];
      if (column) return column[k] as string;
      const c = cells[j] as Cells;
      return Buffer.from(
        c.bytes.buffer,
        c.bytes.byteOffset + (c.at[k] as number),
        (c.at[k + 1] as number) - (c.at[k] as number),
      ).toString("latin1");
    };
    const dropped = new Set<number>();
    for (const p of pending) {
      if (dropped.has(p.row)) continue;
      dropped.add(p.row);
      issues.push({
        record: t.record[keep[p.row] as number] as number,
        line: -1,
        code: p.code,
        field: p.field,
      });
    }

    const out = outSink;
    out.length = 0;
    const hashes = new Uint8Array((n - dropped.size) * SUBJECT_HASH_BYTES);
    const hashWords = new Uint32Array(hashes.buffer);
    const macWords = new Uint32Array(macs.buffer, 0, m * 8);
    const sample: string[][] = [];
    const qiOut: string[] = [];
    const probeOut: string[][] = probeFields.map(() => []);
    let released = 0;
    for (let k = 0; k < n; k++) {
      if (dropped.size > 0 && dropped.has(k)) continue;
      const r = keep[k] as number;
      if (t.verbatim) {
        // room for the whole line first, then plain copies
        let size = layout.length + 1;
        for (const piece of layout)
          if (piece.kind === "span") size += fieldEnd(t, r, piece.to) - fieldStart(t, r, piece.from);
          else {
            const c = cells[piece.index] as Cells;
            size += (c.at[k + 1] as number) - (c.at[k] as number);
          }
        out.reserve(size);
        const ov = out.view;
        let p = out.length;
        for (let j = 0; j < layout.length; j++) {
          const piece = layout[j] as Span | Computed;
          if (j > 0) ov.setUint8(p++, SEP);
          if (piece.kind === "span")
            p = copyBytes(ov, p, bView, fieldStart(t, r, piece.from), fieldEnd(t, r, piece.to));
          else {
            const c = cells[piece.index] as Cells;
            p = copyBytes(ov, p, c.view, c.at[k] as number, c.at[k + 1] as number);
          }
        }
        ov.setUint8(p++, NL);
        out.length = p;
      } else {
        for (let j = 0; j < layout.length; j++) {
          const piece = layout[j] as Span | Computed;
          if (j > 0) {
            out.reserve(1);
            out.bytes[out.length++] = SEP;
          }
          if (piece.kind === "span")
            for (let c = piece.from; c <= piece.to; c++) {
              if (c > piece.from) {
                out.reserve(1);
                out.bytes[out.length++] = SEP;
              }
              encodeCell(out, fieldText(t, r, c));
            }
          else {
            const c = cells[piece.index] as Cells;
            const e = c.at[k + 1] as number;
            out.reserve(e - (c.at[k] as number));
            for (let i = c.at[k] as number; i < e; i++) out.bytes[out.length++] = c.bytes[i] as number;
          }
        }
        out.reserve(1);
        out.bytes[out.length++] = NL;
      }
      // the MAC's first 16 bytes, a word at a time (both arrays start at offset 0, so the words are aligned)
      const mw = (macAt[k] as number) * 8;
      const hw = released * (SUBJECT_HASH_BYTES / 4);
      for (let i = 0; i < SUBJECT_HASH_BYTES / 4; i++) hashWords[hw + i] = macWords[mw + i] as number;
      released++;
      if (released < PROBE_PER_BLOCK)
        probeFields.forEach((j, p) => {
          const src = sources[j] as { column: number; computed: number | undefined };
          const v = src.computed === undefined ? fieldText(t, r, src.column) : textOf(src.computed, k);
          if (v !== "") probeOut[p]?.push(v);
        });
      for (const j of qiFields) {
        const src = sources[j] as { column: number; computed: number | undefined };
        qiOut.push(src.computed === undefined ? fieldText(t, r, src.column) : textOf(src.computed, k));
      }
      if (sample.length < plan.sample)
        sample.push(
          sources.map((src) =>
            src.computed === undefined ? fieldText(t, r, src.column) : textOf(src.computed, k),
          ),
        );
    }
    for (const c of cells) c.bytes.fill(0, 0, c.at[n] as number);
    macs.fill(0, 0, m * 32);
    return {
      out: takeOut(out),
      hashes,
      released,
      outOfScope,
      noConsent,
      records: t.records,
      lines: t.lines,
      issues,
      sample,
      qi: qiOut,
      probe: probeOut,
    };
  };
  // a plain block is indexed where the check kernel reads it; any other goes through the tokeniser
  return Object.assign(block, {
    csvTable: (bytes: Uint8Array) => check.table(bytes) ?? tableOfCsvBlock(bytes, plan.columns),
  });
}
