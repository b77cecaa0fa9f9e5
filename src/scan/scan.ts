// scanFile: stream a CSV, JSON Lines or Parquet file, count per column how many non-empty values each detector
// matches (whole value, or inside free text), then classify each column (classify.ts). State per column is a
// fixed set of counters, so memory does not grow with the file; a line over 32 MiB is refused before it is read
// whole. Columns of digests are then audited on a bounded sample (digests.ts). Nothing returned or thrown holds a
// value of the file.

import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { workerFile } from "../built.js";
import { JikimiError } from "../errors.js";
import { currentLanguage, t } from "../i18n/index.js";
import { onThreads } from "../io/records/block-threads.js";
import { headerColumns } from "../io/records/csv-blocks.js";
import type { RecordBatch, RecordFormat } from "../io/records/index.js";
import { fileChunks, formatOf, readCsv, readJsonl, readParquet } from "../io/records/index.js";
import { DEFAULT_CATEGORIES } from "../taxonomy/default-categories.js";
import { isWithin } from "../taxonomy/index.js";
import { type ColumnCounts, classifyColumn, newCounts, REPORT_AT } from "./classify.js";
import type { Detector, StartClass } from "./detector.js";
import { DETECTORS } from "./detectors/index.js";
import {
  addDigestFindings,
  countsAsPersonal,
  type DigestAuditOptions,
  DigestWindow,
  type WindowState,
} from "./digests.js";
import { FREE_TEXT_DETECTORS, findInText, isFreeText } from "./free-text.js";
import { firstHint, prepareName } from "./hints.js";
import type { ScanResult } from "./result.js";
import type { ScanReply, ScanWorkerInit } from "./scan-worker.js";

/** Options of `scanFile`. */
export interface ScanOptions {
  /** the file's format; default: from its extension */
  format?: RecordFormat;
  /** look at the first N data rows only */
  sample?: number;
  signal?: AbortSignal;
  /** longest physical line accepted in CSV and JSON Lines; default 32 MiB */
  maxLineBytes?: number;
  /** how digest columns are audited (threads, spaces) */
  digests?: DigestAuditOptions;
  /**
   * threads counting a CSV file of PARALLEL_FROM bytes or more (no --sample), in record-aligned blocks merged in file
   * order: the same result as one thread; default one per core
   */
  threads?: number;
  /** for tests: the block size and the file size from which blocks go to worker threads */
  internals?: { blockBytes?: number; parallelFrom?: number };
}

/** A CSV file this large (bytes) is counted on worker threads: below it, starting them costs more than it saves. */
export const PARALLEL_FROM = 16 << 20;
/** Bytes of whole records per block sent to a worker. */
const BLOCK_BYTES = 4 << 20;

const MAX_LINE = 32 << 20;
const CLASSES: readonly StartClass[] = ["digit", "plus", "latin", "hangul", "other"];

/**
 * Scans a file for personal data.
 * @example const result = await scanFile("customers.csv", { sample: 10_000 }); result.columns[2].findings
 */
export async function scanFile(path: string, options: ScanOptions = {}): Promise<ScanResult> {
  const format = formatOf(path, options.format);
  const scanner = new ColumnScanner();
  const limit = options.sample ?? Number.POSITIVE_INFINITY;
  let rows = 0;
  let badRows = 0;
  let sampled = false;
  const threads = threadsFor(path, format, options);
  if (threads > 1) ({ rows, badRows } = await countOnThreads(path, scanner, threads, options));
  else
    for await (const batch of batches(path, format, options.maxLineBytes ?? MAX_LINE)) {
      options.signal?.throwIfAborted();
      scanner.columns(batch.columns);
      badRows += batch.bad.length;
      const take = Math.min(batch.rows.length, limit - rows);
      scanner.add(batch.rows, take);
      rows += take;
      if (rows >= limit) {
        sampled = true;
        break;
      }
    }
  const columns = scanner.result();
  await addDigestFindings(
    columns,
    scanner.digestWindows(),
    { ...options.digests, ...(options.signal === undefined ? {} : { signal: options.signal }) },
    titleOf,
  );
  return {
    file: path,
    format,
    rows,
    badRows,
    sampled,
    columns,
    personal: columns.some((c) =>
      c.findings.some((f) => isWithin(f.category, "user") && countsAsPersonal(f)),
    ),
  };
}

/** Threads for counting: 1 unless a CSV file is large enough, read whole, and the built worker is there. */
function threadsFor(path: string, format: RecordFormat, options: ScanOptions): number {
  const wanted = options.threads ?? availableParallelism();
  if (wanted <= 1 || format !== "csv" || options.sample !== undefined || path === "-") return 1;
  if (!existsSync(fileURLToPath(WORKER))) return 1;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return 1; // the reader names the problem
  }
  return size >= (options.internals?.parallelFrom ?? PARALLEL_FROM) ? wanted : 1;
}

const WORKER = workerFile("scan/scan-worker.js");

/**
 * Counts a CSV file on `threads` worker threads: the main thread cuts record-aligned blocks (csvBlocks, bytes only),
 * each worker counts a block with its own scanner, and the parts are merged in file order, so the counts and the
 * digest windows are the ones one pass would have made.
 */
async function countOnThreads(
  path: string,
  scanner: ColumnScanner,
  threads: number,
  options: ScanOptions,
): Promise<{ rows: number; badRows: number }> {
  const max = options.maxLineBytes ?? MAX_LINE;
  let rows = 0;
  let badRows = 0;
  await onThreads<ScanReply>({
    source: guardLines(fileChunks(path), path, max),
    name: path,
    worker: WORKER,
    threads,
    blockBytes: options.internals?.blockBytes ?? BLOCK_BYTES,
    maxLineBytes: max,
    signal: options.signal,
    init: (header) => {
      scanner.columns(headerColumns(header, path));
      return { header, name: path, language: currentLanguage() } satisfies ScanWorkerInit;
    },
    onReply: (r) => {
      scanner.merge(r.part);
      rows += r.rows;
      badRows += r.bad;
    },
  });
  return { rows, badRows };
}

function batches(path: string, format: RecordFormat, maxLine: number): AsyncIterable<RecordBatch> {
  if (format === "parquet") return readParquet(path, { name: path });
  const source = guardLines(fileChunks(path), path, maxLine);
  return format === "csv" ? readCsv(source, { name: path }) : readJsonl(source, { name: path });
}

/** Passes chunks through, throwing `line_too_long` once a physical line passes `max` bytes. */
async function* guardLines(
  source: AsyncIterable<Uint8Array>,
  name: string,
  max: number,
): AsyncGenerator<Uint8Array> {
  let open = 0;
  let offset = 0;
  for await (const chunk of source) {
    const lf = chunk.lastIndexOf(10);
    open = lf < 0 ? open + chunk.length : chunk.length - lf - 1;
    if (open > max) {
      throw new JikimiError(
        "line_too_long",
        t("scan.errors.line_too_long", { file: name, mib: max >> 20, offset: offset + chunk.length }),
        { hint: t("scan.errors.line_too_long_hint") },
      );
    }
    offset += chunk.length;
    yield chunk;
  }
}

const LONG = 64;

/** Class index 0..4 of a first character (the order of CLASSES). */
function classIndex(code: number): number {
  if (code >= 48 && code <= 57) return 0;
  if (code === 43) return 1;
  if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return 2;
  if (code >= 0xac00 && code <= 0xd7a3) return 3;
  return 4;
}

/** A scanner's counts and digest windows as data, to be merged into another scanner. */
export interface ScannerPart {
  counts: ColumnCounts[];
  windows: WindowState[];
}

/** Per-column counters fed batch by batch. */
export class ColumnScanner {
  private names: string[] = [];
  private counts: ColumnCounts[] = [];
  /** per column, then per (first-character class, length capped at LONG): the detectors worth running */
  private tables: { table: Detector[][]; ids: number[][] }[] = [];
  private windows: DigestWindow[] = [];

  constructor(private readonly detectors: readonly Detector[] = DETECTORS) {}

  /**
   * The detectors worth running on a column. A category whose detectors' weights add up to less than REPORT_AT
   * (postal codes, account ids, bank accounts) can only be reported under a column-name hint (classify.ts), so its
   * detectors run only on columns named like it: the result is the same, the work is not.
   */
  private tableFor(name: string): { table: Detector[][]; ids: number[][] } {
    const prepared = prepareName(name);
    const unhinted = new Map<string, number>();
    const hinted = new Set<string>();
    for (const d of this.detectors) {
      unhinted.set(d.category, (unhinted.get(d.category) ?? 0) + (d.weight ?? 1));
      if (firstHint(prepared, d.nameHints) !== undefined) hinted.add(d.category);
    }
    const useful = (d: Detector) => hinted.has(d.category) || (unhinted.get(d.category) ?? 0) >= REPORT_AT;
    const table: Detector[][] = [];
    const ids: number[][] = [];
    for (const cls of CLASSES) {
      for (let len = 0; len <= LONG; len++) {
        const ks: number[] = [];
        this.detectors.forEach((d, k) => {
          const [lo, hi] = d.lengths;
          if (useful(d) && d.starts.includes(cls) && hi >= len && (len === LONG || lo <= len)) ks.push(k);
        });
        ids.push(ks);
        table.push(ks.map((k) => this.detectors[k] as Detector));
      }
    }
    return { table, ids };
  }

  /** Sets the columns (once; a later batch must have the same). */
  columns(names: string[]): void {
    if (this.names.length > 0) return;
    this.names = names;
    this.counts = names.map(() => newCounts(this.detectors.length, FREE_TEXT_DETECTORS.length));
    this.tables = names.map((n) => this.tableFor(n));
    this.windows = names.map(() => new DigestWindow());
  }

  /** Per column, the values of a digest length among its first non-empty values (digests.ts). */
  digestWindows(): readonly DigestWindow[] {
    return this.windows;
  }

  /** What was counted since the columns were set or the last drain; then starts afresh (the tables are kept). */
  drain(): ScannerPart {
    const part = { counts: this.counts, windows: this.windows };
    this.counts = this.names.map(() => newCounts(this.detectors.length, FREE_TEXT_DETECTORS.length));
    this.windows = this.names.map(() => new DigestWindow());
    return part;
  }

  /** Adds a part counted elsewhere (another thread) over the rows that follow those counted so far. */
  merge(part: ScannerPart): void {
    this.counts.forEach((c, col) => {
      const p = part.counts[col] as ColumnCounts;
      c.nonEmpty += p.nonEmpty;
      for (let k = 0; k < c.matches.length; k++) {
        c.matches[k] = (c.matches[k] as number) + (p.matches[k] as number);
        c.min[k] = Math.min(c.min[k] as number, p.min[k] as number);
        c.max[k] = Math.max(c.max[k] as number, p.max[k] as number);
      }
      for (let k = 0; k < c.freeText.length; k++)
        c.freeText[k] = (c.freeText[k] as number) + (p.freeText[k] as number);
      (this.windows[col] as DigestWindow).follow(part.windows[col] as WindowState);
    });
  }

  /** Counts the first `take` rows. */
  add(rows: string[][], take: number): void {
    for (let col = 0; col < this.counts.length; col++) {
      const { table, ids } = this.tables[col] as { table: Detector[][]; ids: number[][] };
      const counts = this.counts[col] as ColumnCounts;
      const { matches, min, max, freeText } = counts;
      const window = this.windows[col] as DigestWindow;
      const bump = (k: number) => {
        freeText[k] = (freeText[k] ?? 0) + 1;
      };
      let nonEmpty = 0;
      for (let r = 0; r < take; r++) {
        let v = (rows[r] as string[])[col] ?? "";
        if (v.length === 0) continue;
        if (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32) {
          v = v.trim();
          if (v.length === 0) continue;
        }
        nonEmpty++;
        if (window.left > 0) window.add(v);
        const slot = classIndex(v.charCodeAt(0)) * (LONG + 1) + Math.min(v.length, LONG);
        const list = table[slot] as Detector[];
        const ks = ids[slot] as number[];
        let any = false;
        for (let i = 0; i < list.length; i++) {
          const d = list[i] as Detector;
          if (!d.test(v)) continue;
          any = true;
          const k = ks[i] as number;
          matches[k] = (matches[k] ?? 0) + 1;
          if (d.feature) {
            const f = d.feature(v);
            if (f < (min[k] ?? 0)) min[k] = f;
            if (f > (max[k] ?? 0)) max[k] = f;
          }
        }
        if (!any && isFreeText(v)) findInText(v, bump);
      }
      counts.nonEmpty += nonEmpty;
    }
  }

  /** Classifies every column. */
  result(): ScanResult["columns"] {
    return this.names.map((name, index) => {
      const counts = this.counts[index] as ColumnCounts;
      return {
        name,
        index,
        nonEmpty: counts.nonEmpty,
        findings: classifyColumn(name, counts, this.detectors, FREE_TEXT_DETECTORS, titleOf),
      };
    });
  }
}

const TITLES = new Map(DEFAULT_CATEGORIES.map((c) => [c.key, c]));

/** A category's name in the default taxonomy, in Korean when Korean is in force and the taxonomy has it. */
export function titleOf(category: string): string {
  const c = TITLES.get(category);
  if (c === undefined) return category;
  return (currentLanguage() === "ko" ? c.name_ko : undefined) ?? c.name;
}
