// the shape of `jikimi scan --format json`, as a zod schema consumers and tests can parse it with. Its keys are
// snake_case like every JSON the CLI prints (docs/cli.md); the library's ScanResult keeps its camelCase names and
// json.ts converts.
import { z } from "zod";

const Count = z.number().int().nonnegative();

/** What the hash audit made of a digest column's sample: counts and forms only. */
export const DigestEvidenceSchema = z.strictObject({
  algorithm: z.enum(["md5", "sha1", "sha256", "sha512"]),
  encoding: z.enum(["hex", "base64", "base64url"]),
  sampled: Count,
  recovered: Count,
  share: z.number().min(0).max(1),
  reversible: z.boolean(),
  reversed_by: z.array(z.string().min(1)),
  tried: z.array(z.string().min(1)),
  mobile_searched: z.boolean(),
});

export const ColumnFindingSchema = z.strictObject({
  category: z.string().min(1),
  title: z.string(),
  confidence: z.number().min(0).max(1),
  level: z.enum(["high", "medium"]),
  matches: Count,
  in_free_text: z.boolean(),
  detectors: z.array(z.string().min(1)).min(1),
  hint: z.string().optional(),
  digest: DigestEvidenceSchema.optional(),
});

export const ColumnSchema = z.strictObject({
  name: z.string(),
  index: Count,
  non_empty: Count,
  findings: z.array(ColumnFindingSchema),
});

/** A scan report: the file, how much of it was read, and every column with its findings. */
export const ScanReportSchema = z.strictObject({
  jikimi: z.string().min(1),
  file: z.string().min(1),
  format: z.enum(["csv", "jsonl", "parquet"]),
  rows: Count,
  bad_rows: Count,
  sampled: z.boolean(),
  personal: z.boolean(),
  summary: z.strictObject({ columns: Count, columns_with_findings: Count, findings: Count }),
  columns: z.array(ColumnSchema),
});

export type ScanReport = z.infer<typeof ScanReportSchema>;
