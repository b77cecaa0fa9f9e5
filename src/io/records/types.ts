// the shape every record reader yields and every writer takes: batches of rows of strings, plus per-row errors.

/** File formats the gateway reads and writes. */
export type RecordFormat = "csv" | "jsonl" | "parquet";

/**
 * A problem with one record. Errors are data: `message` names the row, line and column and the fix,
 * never a field value. `row` is the 1-based data row (the header is not a row); `line` the 1-based
 * physical line where the record starts (the CSV header is line 1).
 */
export interface RecordError {
  code:
    | "field_count"
    | "bad_quote"
    | "bad_encoding"
    | "bad_json"
    | "not_object"
    | "missing_key"
    | "unknown_key"
    | "nested_value";
  row: number;
  line: number;
  column?: string;
  message: string;
}

/**
 * Consecutive records of a file. `rows` holds the good records only, each with one string per column
 * (an empty field is ""). `bad[k]` describes a record left out of `rows`, and `badRows[k]` holds its fields as
 * far as they could be read (for a quarantine file; never put them in a message). The batch covers data rows
 * `firstRow` .. `firstRow + rows.length + bad.length - 1`; `rowNumber(batch, i)` gives the row of `rows[i]`.
 */
export interface RecordBatch {
  firstRow: number;
  columns: string[];
  rows: string[][];
  bad: RecordError[];
  badRows: string[][];
}

/** The data row number of `batch.rows[i]`, accounting for the bad records left out before it. */
export function rowNumber(batch: RecordBatch, i: number): number {
  let row = batch.firstRow + i;
  for (const e of batch.bad) if (e.row <= row) row++;
  return row;
}

/** Builds batches of at most `size` records (good or bad). */
export class BatchBuilder {
  rows: string[][] = [];
  bad: RecordError[] = [];
  badRows: string[][] = [];
  readonly done: RecordBatch[] = [];
  private firstRow = 1;

  constructor(
    public columns: string[],
    private readonly size: number,
  ) {}

  /** Call after adding a record: closes the batch when full. */
  check(): void {
    if (this.rows.length + this.bad.length >= this.size) this.flush();
  }

  /** Closes the current batch if it holds any record. */
  flush(): void {
    const n = this.rows.length + this.bad.length;
    if (n === 0) return;
    this.done.push({
      firstRow: this.firstRow,
      columns: this.columns,
      rows: this.rows,
      bad: this.bad,
      badRows: this.badRows,
    });
    this.firstRow += n;
    this.rows = [];
    this.bad = [];
    this.badRows = [];
  }

  /** Takes the closed batches. */
  take(): RecordBatch[] {
    return this.done.splice(0);
  }
}
