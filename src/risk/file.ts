// re-identification risk of a file: CSV is cut into blocks and indexed in place (the share gateway's byte
// scanner), and only the quasi-identifier and sensitive fields are looked at, as bytes interned to integers,
// never as strings; JSON Lines and Parquet go through their readers' string rows.

import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { csvBlocks, headerColumns } from "../io/records/csv-blocks.js";
import { tableOfCsvBlock } from "../io/records/csv-table.js";
import { BlockError, fieldEnd, fieldStart } from "../io/records/field-table.js";
import { fileChunks, formatOf, openReader, stdinOf } from "../io/records/index.js";
import type { RecordFormat } from "../io/records/types.js";
import { RiskAccumulator, type RiskReport } from "./accumulator.js";
import type { ByteInterner } from "./tables.js";

/** Options of `riskOfFile`. */
export interface RiskFileOptions {
  qi: string[];
  sensitive?: string;
  format?: RecordFormat;
  /** rank every subset of the QIs in `riskiest` (default: the full QI set only) */
  subsets?: boolean;
  /** the population the file was drawn from, with the same QI columns: enables journalist risk */
  population?: string;
  populationFormat?: RecordFormat;
  /** where a path of "-" reads from (the adapter passes its stdin) */
  stdin?: AsyncIterable<Uint8Array>;
}

/** A risk report plus what was left out of it. */
export interface RiskAnalysis {
  report: RiskReport;
  /** records of the file left out (wrong field count, bad quoting or encoding) */
  badRecords: number;
  /** population records read, when a population was given */
  populationRecords?: number;
  /** population records left out */
  populationBadRecords?: number;
}

/**
 * The risk figures of a file's records over the quasi-identifiers `qi`.
 * Throws JikimiError (exit 2) for a missing, empty or binary file and for a column the file lacks.
 * @example await riskOfFile("release.csv", { qi: ["birth_date", "postal_code"], subsets: true })
 */
export async function riskOfFile(path: string, options: RiskFileOptions): Promise<RiskReport> {
  return (await analyseRisk(path, options)).report;
}

/** `riskOfFile` with the counts of records left out. */
export async function analyseRisk(path: string, options: RiskFileOptions): Promise<RiskAnalysis> {
  const acc = new RiskAccumulator(
    options.qi,
    options.sensitive === undefined ? {} : { sensitive: options.sensitive },
  );
  const q = options.qi.length;
  const sens = acc.sensitiveInterner;
  const wanted = sens === undefined ? [...options.qi] : [...options.qi, options.sensitive as string];
  const interners = sens === undefined ? acc.interners : [...acc.interners, sens];
  const read = await internFile(path, options.format, wanted, interners, true, options.stdin, (ids) =>
    acc.addIds(ids, sens === undefined ? -1 : (ids[q] as number)),
  );
  const out: RiskAnalysis = {
    report: acc.report({ subsets: options.subsets === true }),
    badRecords: read.bad,
  };
  if (options.population !== undefined) {
    const pop = await internFile(
      options.population,
      options.populationFormat,
      options.qi,
      acc.interners,
      false,
      options.stdin,
      (ids, missing) => acc.populationIds(missing ? undefined : ids),
    );
    out.report = acc.report({ subsets: options.subsets === true });
    out.populationRecords = acc.populationSize;
    out.populationBadRecords = pop.bad;
  }
  return out;
}

/** The column indexes of `wanted` in `columns`; throws `unknown_column` naming the file's columns. */
export function columnIndexes(name: string, columns: readonly string[], wanted: readonly string[]): number[] {
  return wanted.map((w) => {
    const i = columns.indexOf(w);
    if (i < 0)
      throw new JikimiError(
        "unknown_column",
        t("risk.errors.unknown_column", { file: name, column: w, columns: columns.join(", ") }),
      );
    return i;
  });
}

/**
 * Streams a file and interns the fields of the columns `wanted` (interners[j] for wanted[j]); calls
 * `onRecord(ids, missing)` per good record, `missing` telling that some value was not interned (insert false).
 * The ids array is reused from record to record.
 */
async function internFile(
  path: string,
  format: RecordFormat | undefined,
  wanted: readonly string[],
  interners: readonly ByteInterner[],
  insert: boolean,
  stdin: AsyncIterable<Uint8Array> | undefined,
  onRecord: (ids: Int32Array, missing: boolean) => void,
): Promise<{ records: number; bad: number }> {
  const kind = formatOf(path, format);
  const name = path === "-" ? "stdin" : path;
  const ids = new Int32Array(wanted.length);
  let records = 0;
  let bad = 0;
  if (kind === "csv") {
    let columns: string[] = [];
    let at: number[] = [];
    const blocks = csvBlocks(path === "-" ? stdinOf(stdin) : fileChunks(path), {
      name,
      onHeader: (header) => {
        columns = headerColumns(header, name);
        at = columnIndexes(name, columns, wanted);
      },
    });
    let firstRecord = 0;
    for await (const block of blocks) {
      let table: ReturnType<typeof tableOfCsvBlock>;
      try {
        table = tableOfCsvBlock(block.bytes, columns);
      } catch (e) {
        if (e instanceof BlockError)
          throw new JikimiError(
            "unterminated_quote",
            t("risk.errors.unterminated_quote", { file: name, record: firstRecord + e.record + 1 }),
            { hint: t("risk.errors.unterminated_quote_hint") },
          );
        throw e;
      }
      firstRecord += table.records;
      bad += table.bad.length;
      const bytes = table.bytes;
      for (let r = 0; r < table.rows; r++) {
        let missing = false;
        for (let j = 0; j < at.length; j++) {
          const f = at[j] as number;
          const id = (interners[j] as ByteInterner).idOfBytes(
            bytes,
            fieldStart(table, r, f),
            fieldEnd(table, r, f),
            insert,
          );
          if (id < 0) missing = true;
          ids[j] = id;
        }
        onRecord(ids, missing);
      }
      records += table.rows;
    }
    if (columns.length === 0)
      throw new JikimiError("empty_file", t("risk.errors.empty_file", { file: name }), {
        hint: t("risk.errors.empty_file_hint"),
      });
    return { records, bad };
  }
  let at: number[] | undefined;
  for await (const batch of openReader(path, kind, stdin === undefined ? {} : { stdin })) {
    at ??= columnIndexes(name, batch.columns, wanted);
    bad += batch.bad.length;
    for (const row of batch.rows) {
      let missing = false;
      for (let j = 0; j < at.length; j++) {
        const id = (interners[j] as ByteInterner).idOfString(row[at[j] as number] ?? "", insert);
        if (id < 0) missing = true;
        ids[j] = id;
      }
      onRecord(ids, missing);
    }
    records += batch.rows.length;
  }
  return { records, bad };
}
