// what a scan returns: per column, counts and the categories found with their confidence and evidence. It never
// holds a value of the file: only column names, counts, detector ids and the hint words of the column names.

/** One category found in one column. */
export interface ColumnFinding {
  /** taxonomy key, e.g. user.contact.phone.mobile */
  category: string;
  /** the category's name in the taxonomy */
  title: string;
  /** 0..1, two decimals (rule in classify.ts) */
  confidence: number;
  level: "high" | "medium";
  /** non-empty values matching (in free text: values holding at least one match) */
  matches: number;
  /** whether the matches sit inside longer text rather than being the whole value */
  inFreeText: boolean;
  /** ids of the detectors that matched */
  detectors: string[];
  /** the column-name hint that supported the category, if any */
  hint?: string;
}

/** One column's counts and findings. */
export interface ColumnResult {
  name: string;
  /** 0-based position in the file */
  index: number;
  nonEmpty: number;
  findings: ColumnFinding[];
}

/** The result of `scanFile`. */
export interface ScanResult {
  file: string;
  format: "csv" | "jsonl" | "parquet";
  /** data rows looked at (all good rows, or the first N with a sample) */
  rows: number;
  /** rows the reader could not parse (left out, counted only) */
  badRows: number;
  /** true when --sample stopped the scan before the end of the file */
  sampled: boolean;
  columns: ColumnResult[];
  /** true when some column holds a category under `user` (data about a person) */
  personal: boolean;
}
