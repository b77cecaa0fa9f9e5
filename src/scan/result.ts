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
  /** set when the column holds digests and the hash audit ran on a sample of them (digests.ts) */
  digest?: DigestEvidence;
}

/** What the hash audit made of a sample of a digest column: counts, the shape and the forms, never a value. */
export interface DigestEvidence {
  algorithm: "md5" | "sha1" | "sha256" | "sha512";
  encoding: "hex" | "base64" | "base64url";
  /** distinct digests audited (a bounded sample from the start of the column) */
  sampled: number;
  /** of them, recovered */
  recovered: number;
  /** recovered / sampled */
  share: number;
  /** whether anyone can recover values: then the column is the personal data it hides */
  reversible: boolean;
  /** the forms that recovered values, e.g. "mobile 010-####-####" (templates, not values) */
  reversedBy: string[];
  /** what was enumerated, in words (the language in force when the scan ran) */
  tried: string[];
  /** whether the Korean mobile space was searched (not for SHA-512): only then does "none recovered" weigh */
  mobileSearched: boolean;
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
  /**
   * true when some column holds a category under `user` (data about a person), reversible digests included;
   * a digest no space reversed (a possible pseudonym or join key) is reported but does not set it
   */
  personal: boolean;
}
