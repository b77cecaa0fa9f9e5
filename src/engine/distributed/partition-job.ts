// one partition of a distributed release, on whichever worker took its job: the same rooms as `share` (plan ->
// blocks -> tally) over the partition's records, into the release's staging folder on shared storage: its part of
// the released file, its subjects as a sorted run of keyed hashes, its quarantine lines, its risk classes and its
// hash-audit sample, then a small result file written last (its presence says the partition is done). Each file
// is written under a temporary name and renamed into place, so a retried job (its worker killed) leaves the same
// bytes: the output of a partition depends on nothing but its records, the agreement and the keys.
import { randomBytes } from "node:crypto";
import { createReadStream, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { fileSize } from "../../io/record-source.js";
import { csvField } from "../../io/records/csv-writer.js";
import { fileChunks, openReader } from "../../io/records/index.js";
import { TempOutput } from "../../io/release-files.js";
import { spillFolder } from "../../io/spill-files.js";
import type { ReleasePlan as BlockPlan } from "../release/processor.js";
import { type BlockPlanner, blockPlanner } from "../share/block-plan.js";
import { runBlocks } from "../share/blocks.js";
import { planShare, type SharePlan } from "../share/plan.js";
import type { RecordSource } from "../share/ports.js";
import { Tally } from "../share/tally.js";
import type { QuarantinedRow, ReleaseContext, ShareCounts } from "../share/types.js";
import type { Partition } from "./partitions.js";
import { stagedSubjects, writePrivate, writeRun } from "./subject-runs.js";

/** What a partition's job is given (no key material: the worker derives keys from its own keyring). */
export interface PartitionTask {
  releaseId: string;
  agreement: string;
  /** released_at, ISO 8601 */
  at: string;
  /** the release's staging folder (shared storage), created by the enqueuer */
  staging: string;
  partition: Partition;
  /** what the enqueuer planned: a worker that plans differently (declarations edited, consent moved) refuses */
  expect: { agreementDigest: string; consentHead?: string };
}

/**
 * The version of what a partition leaves: /2 sorts its subject run in the dictionary's order (/1: byte order). A
 * release refuses partitions of another version (a worker of another jikimi), whose runs would not merge.
 */
export const PARTITION_FORMAT = "jikimi-partition/2";

/** What a finished partition left in the staging folder (its `.json`); local row numbers. */
export interface PartitionResult {
  format: typeof PARTITION_FORMAT;
  releaseId: string;
  index: number;
  /** `subjects`: distinct within the partition */
  counts: ShareCounts;
  /** physical lines read (the header included) */
  lines: number;
  output: { bytes: number; sha256: string };
  /** rows set aside, numbered from 1 within the partition (the release adds the rows before it) */
  quarantined: QuarantinedRow[];
  /** bytes of the partition's quarantine lines (0: none) */
  quarantineBytes: number;
  /** distinct sampled values of each un-keyed released field (the hash audit), in the partition's order */
  probes: string[][];
  /** whether a risk accumulator was written */
  risk: boolean;
}

/** The files of partition `index` in a staging folder. */
export function partFiles(staging: string, index: number) {
  const base = join(staging, `p-${String(index).padStart(5, "0")}`);
  return {
    output: `${base}.csv`,
    subjects: `${base}.subjects`,
    quarantine: `${base}.quarantine.csv`,
    risk: `${base}.risk`,
    result: `${base}.json`,
  };
}

/**
 * What a worker plans once per release and reuses for each of its partitions: the release's plan (the agreement,
 * its keys, consent as of the release time) and the block plan of each header (the consent bitset and the shared
 * dictionary). Loading those is most of a small partition's time. The last few releases are kept.
 */
export class PlanCache {
  private readonly releases = new Map<
    string,
    { planned?: Promise<SharePlan>; blocks: Map<string, Promise<BlockPlan>>; inputs?: unknown }
  >();

  constructor(private readonly keep = 2) {}

  /** The release's plan, made by `make` on first use. */
  planned(releaseId: string, make: () => Promise<SharePlan>): Promise<SharePlan> {
    const held = this.of(releaseId);
    if (!held.planned) {
      const planned = make();
      planned.catch(() => this.releases.delete(releaseId));
      held.planned = planned;
    }
    return held.planned;
  }

  /**
   * What the release's plan is made from (the workspace's declarations, read from disk), made by `make` once per
   * release: a partition after the first neither reads nor validates the YAML again.
   */
  inputs<T>(releaseId: string, make: () => T): T {
    const held = this.of(releaseId);
    if (held.inputs === undefined) held.inputs = make();
    return held.inputs as T;
  }

  /** A planner whose block plans are made once per header for the release. */
  planner(releaseId: string, planner: BlockPlanner): BlockPlanner {
    const blocks = this.releases.get(releaseId)?.blocks ?? new Map<string, Promise<BlockPlan>>();
    return {
      ...planner,
      planFor: (header) => {
        const key = header.join("\u0000");
        let plan = blocks.get(key);
        if (!plan) {
          plan = planner.planFor(header);
          // a header that fails to plan (a missing column) is not kept: its error is the job's
          plan.catch(() => blocks.delete(key));
          blocks.set(key, plan);
        }
        return plan;
      },
    };
  }

  private of(releaseId: string) {
    let held = this.releases.get(releaseId);
    if (!held) {
      held = { blocks: new Map() };
      this.releases.set(releaseId, held);
      for (const id of this.releases.keys()) if (this.releases.size > this.keep) this.releases.delete(id);
    }
    return held;
  }
}

/** Reads a finished partition's result, or undefined when it is not done. */
export function readPartition(staging: string, index: number): PartitionResult | undefined {
  let text: string;
  try {
    text = readFileSync(partFiles(staging, index).result, "utf8");
  } catch {
    return undefined;
  }
  return JSON.parse(text) as PartitionResult;
}

/** The partition's records: a byte range (with the file's header in front), row groups, or a whole file. */
export function partitionSource(p: Partition): RecordSource {
  const range = p.range;
  const groups = p.groups;
  const name = range
    ? t("distributed.range", { path: p.path, start: range.start, end: range.end })
    : groups
      ? t("distributed.row_groups", { path: p.path, from: groups.from + 1, to: groups.to })
      : p.path;
  return {
    describe: () => name,
    format: () => p.format,
    bytes: () => (range ? rangeChunks(p.path, range.dataStart, range.start, range.end) : fileChunks(p.path)),
    batches: () => openReader(p.path, p.format, groups ? { rowGroups: groups } : {}),
    size: () => (range ? range.end - range.start : fileSize(p.path)),
  };
}

async function* rangeChunks(
  path: string,
  header: number,
  start: number,
  end: number,
): AsyncGenerator<Uint8Array> {
  try {
    if (header > 0) yield* createReadStream(path, { start: 0, end: header - 1 });
    if (end > start) yield* createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 20 });
  } catch (e) {
    throw new JikimiError("input_unreadable", t("distributed.unreadable", { input: path }), {
      hint: t("distributed.unreadable_hint"),
      cause: e,
    });
  }
}

/**
 * Runs one partition into the staging folder; returns its result (also written as its `.json`).
 * @example const r = await runPartition(context, task);
 */
export async function runPartition(
  req: ReleaseContext,
  task: PartitionTask,
  cache: PlanCache = new PlanCache(),
): Promise<PartitionResult> {
  const planned = await cache.planned(task.releaseId, () => planShare(req));
  const digest = planned.plan.declared.agreement.digest;
  if (digest !== task.expect.agreementDigest)
    throw new JikimiError("release_changed", t("distributed.agreement_changed", { id: task.agreement }), {
      hint: t("distributed.changed_hint"),
    });
  if ((planned.consent?.commitment.head ?? undefined) !== task.expect.consentHead)
    throw new JikimiError("release_changed", t("distributed.consent_changed", { id: task.agreement }), {
      hint: t("distributed.changed_hint"),
    });
  const source = partitionSource(task.partition);
  const input = source.describe();
  const planner = cache.planner(task.releaseId, blockPlanner(req, planned, input));
  const a = planned.plan.agreement;
  const files = partFiles(task.staging, task.partition.index);
  // this attempt's temporaries: another attempt of the same job (a worker thought dead) never writes into them
  const attempt = randomBytes(6).toString("hex");
  const temp = (path: string) => `${path}.${attempt}.tmp`;
  const mode = req.outputMode ?? 0o600;
  const output = new TempOutput(temp(files.output), t("distributed.part_file"), mode);
  let report: TempOutput | undefined;
  const written: string[] = [output.path];
  let tally: Tally | undefined;
  try {
    tally = new Tally({
      input,
      reject: a.on_bad_row === "reject",
      quasiIdentifiers: a.risk?.quasi_identifiers,
      output,
      openReport: () => {
        report = new TempOutput(temp(files.quarantine), t("distributed.part_file"), mode);
        written.push(report.path);
        return report;
      },
      signal: req.signal,
      onProgress: req.onProgress,
      // past a bound, the partition's subjects are staged in the release's (private) staging folder
      spill: { place: spillFolder(stagedSubjects(task.staging)) },
    });
    const header = Buffer.from(`${planner.released.map(csvField).join(",")}\n`);
    await runBlocks({
      source,
      format: task.partition.format,
      planner,
      tally,
      // the released file's header goes at the top of the first part only: the parts in order are the file
      onStart: async () => {
        if (task.partition.index === 0) await output.write(header);
      },
      threads: req.threads,
      maxLineBytes: req.maxLineBytes,
      signal: req.signal,
    });
    await output.close();
    // a part's quarantine lines start with the report's header line; the release keeps one over all parts
    if (report) await (report as TempOutput).close();
    const subjects = temp(files.subjects);
    written.push(subjects);
    const counts = { ...tally.counts, subjects: writeRun(subjects, tally.subjects, mode) };
    const risk = tally.risk?.toBytes();
    if (risk) {
      written.push(temp(files.risk));
      writePrivate(temp(files.risk), risk, mode);
      renameSync(temp(files.risk), files.risk);
    }
    renameSync(output.path, files.output);
    if (report) renameSync((report as TempOutput).path, files.quarantine);
    renameSync(subjects, files.subjects);
    const result: PartitionResult = {
      format: PARTITION_FORMAT,
      releaseId: task.releaseId,
      index: task.partition.index,
      counts,
      lines: tally.at.lines,
      output: { bytes: output.bytes, sha256: output.sha256() },
      quarantined: tally.quarantined,
      quarantineBytes: report ? (report as TempOutput).bytes : 0,
      probes: tally.probes.map((s) => [...s]),
      risk: risk !== undefined,
    };
    written.push(temp(files.result));
    writePrivate(temp(files.result), Buffer.from(`${JSON.stringify(result)}\n`), mode);
    renameSync(temp(files.result), files.result);
    return result;
  } catch (error) {
    output.discard();
    (report as TempOutput | undefined)?.discard();
    for (const path of written) rmSync(path, { force: true });
    throw error;
  } finally {
    tally?.subjects.dispose();
  }
}
