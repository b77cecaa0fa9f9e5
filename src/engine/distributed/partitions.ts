// a distributed release's input cut into partitions, in file order: the part files of a folder (CSV, JSON Lines,
// Parquet; one partition each, by name) or of a `.parts` manifest (in its order), record-aligned byte ranges of one large CSV file, cut by the same block
// cutter as `share` (a quoted line break never splits a record), or runs of row groups of one Parquet file. The same pass digests every input: the digests
// make the release's id, so the same input released twice under one agreement and time is one release.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import canonicalize from "canonicalize";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { csvBlocks, lastRecordEnd } from "../../io/records/csv-blocks.js";
import { bomLength } from "../../io/records/csv-syntax.js";
import { fileChunks, formatOf, parquetRowGroups, type RecordFormat } from "../../io/records/index.js";

/** A byte range of a CSV file: records [start, end), the header being the file's bytes [0, dataStart). */
export interface ByteRange {
  start: number;
  end: number;
  dataStart: number;
}

/** One partition of a release's input. */
export interface Partition {
  /** 0-based, in file order: the released parts follow it */
  index: number;
  path: string;
  format: RecordFormat;
  /** set for a byte range of one CSV file; absent when the partition is the whole file */
  range?: ByteRange;
  /** set for row groups [from, to) of one Parquet file */
  groups?: { from: number; to: number };
}

/** An input file as the release id digests it. */
export interface InputDigest {
  name: string;
  bytes: number;
  sha256: string;
}

/** Default bytes of a partition cut from one CSV file. */
export const PARTITION_BYTES = 64 << 20;
/** Partitions of one release at most: each is a job, a part file and a line of the manifest. */
export const MAX_PARTITIONS = 4096;

/**
 * The partitions of `input` (a folder of part files, or one file) and the digests of what they read.
 * @example const { partitions, inputs } = await cutPartitions("customers.csv", { partitionBytes: 8 << 20 });
 */
export async function cutPartitions(
  input: string,
  options: { format?: RecordFormat; partitionBytes?: number } = {},
): Promise<{ partitions: Partition[]; inputs: InputDigest[] }> {
  let folder: boolean;
  try {
    folder = statSync(input).isDirectory();
  } catch {
    throw new JikimiError("input_missing", t("distributed.no_input", { input }), {
      hint: t("distributed.no_input_hint"),
    });
  }
  if (folder) return folderPartitions(input, options.format);
  if (input.endsWith(PARTS_SUFFIX)) return listedPartitions(input, partsOf(input), options.format);
  const format = formatOf(input, options.format);
  const size = Math.max(1, options.partitionBytes ?? PARTITION_BYTES);
  if (format === "parquet") return parquetGroups(input, size);
  if (format !== "csv") {
    const digest = await digestFile(input);
    return { partitions: [{ index: 0, path: input, format }], inputs: [digest] };
  }
  return csvRanges(input, size);
}

/**
 * Runs of consecutive row groups of one Parquet file, each of at least `size` compressed bytes (the last what is
 * left): a row group is the smallest unit a Parquet reader decodes, so it is never split.
 */
async function parquetGroups(
  path: string,
  size: number,
): Promise<{ partitions: Partition[]; inputs: InputDigest[] }> {
  const groups = await parquetRowGroups(path);
  const partitions: Partition[] = [];
  let from = 0;
  let bytes = 0;
  for (const [g, group] of groups.entries()) {
    bytes += group.bytes;
    if (bytes >= size || g === groups.length - 1) {
      partitions.push({ index: partitions.length, path, format: "parquet", groups: { from, to: g + 1 } });
      from = g + 1;
      bytes = 0;
    }
  }
  // a file without row groups (no rows) is one empty partition: the release still runs its guards
  if (partitions.length === 0) partitions.push({ index: 0, path, format: "parquet" });
  if (partitions.length > MAX_PARTITIONS) throw tooMany(path, partitions.length);
  return { partitions, inputs: [await digestFile(path)] };
}

/** A manifest of part files: a text file whose name ends so, one path a line (relative to its folder). */
export const PARTS_SUFFIX = ".parts";

/**
 * The part files a `.parts` manifest lists, in its order: one path a line, relative to the manifest's folder or
 * absolute; blank lines and lines starting with `#` aside.
 * @example partsOf("/srv/lake/2026-12-05.parts") // ["/srv/lake/2026-12-05/part-00000.parquet", ...]
 */
export function partsOf(manifest: string): string[] {
  let text: string;
  try {
    text = readFileSync(manifest, "utf8");
  } catch {
    throw new JikimiError("input_missing", t("distributed.no_input", { input: manifest }), {
      hint: t("distributed.no_input_hint"),
    });
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => resolve(dirname(manifest), l));
}

/** A folder's part files (hidden files aside), by name; all of one format. */
async function folderPartitions(
  dir: string,
  format: RecordFormat | undefined,
): Promise<{ partitions: Partition[]; inputs: InputDigest[] }> {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith(".") && !e.name.startsWith("_"))
    .map((e) => e.name)
    .sort();
  return listedPartitions(
    dir,
    names.map((n) => join(dir, n)),
    format,
  );
}

/** Part files, one partition each, in the order given; all of one format. */
async function listedPartitions(
  input: string,
  paths: readonly string[],
  format: RecordFormat | undefined,
): Promise<{ partitions: Partition[]; inputs: InputDigest[] }> {
  if (paths.length === 0)
    throw new JikimiError("input_missing", t("distributed.empty_folder", { input }), {
      hint: t("distributed.no_input_hint"),
    });
  if (paths.length > MAX_PARTITIONS) throw tooMany(input, paths.length);
  for (const path of paths) {
    let file = false;
    try {
      file = statSync(path).isFile();
    } catch {
      // named below
    }
    if (!file)
      throw new JikimiError("input_missing", t("distributed.no_input", { input: path }), {
        hint: t("distributed.no_input_hint"),
      });
  }
  const formats = new Set(paths.map((p) => formatOf(p, format)));
  if (formats.size > 1)
    throw new JikimiError(
      "mixed_formats",
      t("distributed.mixed_formats", { input, formats: [...formats].join(", ") }),
      { hint: t("distributed.mixed_formats_hint") },
    );
  const partitions: Partition[] = [];
  const inputs: InputDigest[] = [];
  for (const [index, path] of paths.entries()) {
    partitions.push({ index, path, format: formatOf(path, format) });
    inputs.push({ ...(await digestFile(path)), name: basename(path) });
  }
  return { partitions, inputs };
}

/** Record-aligned ranges of about `size` bytes of one CSV file, digesting it in the same pass. */
async function csvRanges(
  path: string,
  size: number,
): Promise<{ partitions: Partition[]; inputs: InputDigest[] }> {
  const hash = createHash("sha256");
  let total = 0;
  let dataStart = 0;
  let first = true;
  async function* hashed(): AsyncGenerator<Uint8Array> {
    for await (const chunk of fileChunks(path)) {
      if (first) dataStart = bomLength(chunk);
      first = false;
      hash.update(chunk);
      total += chunk.length;
      yield chunk;
    }
  }
  const ranges: ByteRange[] = [];
  let at = -1;
  let start = -1;
  for await (const block of csvBlocks(hashed(), {
    name: path,
    onHeader: (header) => {
      dataStart += header.length;
    },
  })) {
    if (at < 0) {
      at = dataStart;
      start = dataStart;
    }
    // a block starts on a record: cuts inside it at the last record end before each partition's size
    const b = block.bytes;
    const blockStart = at;
    for (;;) {
      // where to look from: the partition's start, or the block's when the partition began in an earlier block
      const from = Math.max(0, start - blockStart);
      const want = start + size - blockStart;
      if (want >= b.length) break;
      const cut = want > from ? lastRecordEnd(b.subarray(from, want)) : -1;
      if (cut < 0) break;
      ranges.push({ start, end: blockStart + from + cut + 1, dataStart });
      start = blockStart + from + cut + 1;
    }
    at = blockStart + b.length;
    if (at - start >= size) {
      ranges.push({ start, end: at, dataStart });
      start = at;
    }
  }
  // a file of a header alone is one empty partition: the release still runs its guards and records its counts
  if (at < 0) ranges.push({ start: dataStart, end: dataStart, dataStart });
  else if (at > start) ranges.push({ start, end: at, dataStart });
  if (ranges.length > MAX_PARTITIONS) throw tooMany(path, ranges.length);
  return {
    partitions: ranges.map((range, index) => ({ index, path, format: "csv", range })),
    inputs: [{ name: path, bytes: total, sha256: hash.digest("hex") }],
  };
}

function tooMany(input: string, count: number): JikimiError {
  return new JikimiError(
    "too_many_partitions",
    t("distributed.too_many", { input, count, max: MAX_PARTITIONS }),
    { hint: t("distributed.too_many_hint") },
  );
}

async function digestFile(path: string): Promise<InputDigest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fileChunks(path)) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { name: path, bytes, sha256: hash.digest("hex") };
}

/**
 * The release's id: sha256 of its agreement, release time and its inputs' sizes and digests in order, hex (not their
 * paths, which differ from host to host). The same input released under one agreement and time has one id.
 */
export function releaseId(agreement: string, releasedAt: string, inputs: readonly InputDigest[]): string {
  const text =
    canonicalize({
      format: "jikimi-distributed-release/1",
      agreement,
      released_at: releasedAt,
      inputs: inputs.map((i) => ({ bytes: i.bytes, sha256: i.sha256 })),
    }) ?? "";
  return createHash("sha256").update(text).digest("hex");
}
