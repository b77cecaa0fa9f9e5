// the release of a distributed run, once every partition is done: the parent job merges the partitions' counts and
// subjects (a k-way merge of sorted runs), applies the guards and gates to the whole, and either holds (the staging
// folder removed, the hold recorded as `share` records it) or appends exactly one ledger entry, then places the
// parts beside one signed manifest listing every part and its digest. The append is idempotent on the release's id
// (agreement, released_at, input digests): a retried parent, or the same release enqueued twice, records once and
// finishes the placing the first one left; the staging folder is its journal until it is removed.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { signerFrom } from "../../crypto/signing.js";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { manifestPath, occupied, occupiedError, placeFile, writeManifest } from "../../io/release-files.js";
import { spillFolder } from "../../io/spill-files.js";
import type { RowCounts } from "../../ledger/entry.js";
import type { StoredEntry } from "../../ledger/ledger.js";
import type { SortedHashes } from "../../ledger/subjects/staged.js";
import { RiskAccumulator } from "../../risk/index.js";
import { blockPlanner } from "../share/block-plan.js";
import {
  describeHold,
  digestGate,
  type Hold,
  riskGates,
  timeGuards,
  volumeGuards,
} from "../share/gates/index.js";
import { planShare, type SharePlan } from "../share/plan.js";
import { recordHold, rowCounts, witnessed } from "../share/record.js";
import { writeOrExplain } from "../share/store-failure.js";
import {
  noCounts,
  QUARANTINE_LIST,
  type QuarantinedRow,
  type ReleaseContext,
  type ShareCounts,
  type ShareResult,
} from "../share/types.js";
import { PARTITION_FORMAT, type PartitionResult, partFiles, readPartition } from "./partition-job.js";
import { mergeRunFiles, stagedSubjects } from "./subject-runs.js";

/** Distinct values of each un-keyed released field the hash audit samples (as `share`). */
const PROBE_SAMPLE = 4096;

/** What the release's (parent) job is given. */
export interface ReleaseTask {
  releaseId: string;
  agreement: string;
  /** released_at, ISO 8601 */
  at: string;
  staging: string;
  /** the folder the parts and the manifest go to (shared storage) */
  outDir: string;
  partitions: number;
  expect: { agreementDigest: string; consentHead?: string };
}

/** A finished distributed release: `share`'s answer, with the parts placed. */
export interface DistributedResult extends ShareResult {
  releaseId: string;
  /** the parts' final paths, in order */
  parts: string[];
}

/** The names a release's files take in its folder. */
export function releaseNames(agreement: string, at: string, releaseId: string, partitions: number) {
  const base = `${agreement}-${at.slice(0, 10)}-${releaseId.slice(0, 12)}`;
  return {
    file: `${base}.csv`,
    parts: Array.from({ length: partitions }, (_, i) => `${base}.part-${String(i).padStart(5, "0")}.csv`),
    quarantine: `${base}.csv.quarantine.csv`,
  };
}

/**
 * Finishes a distributed release whose partitions are all done.
 * @example const r = await finishRelease(context, task);
 */
export async function finishRelease(req: ReleaseContext, task: ReleaseTask): Promise<DistributedResult> {
  const planned = await planShare(req);
  const a = planned.plan.agreement;
  if (planned.plan.declared.agreement.digest !== task.expect.agreementDigest)
    throw new JikimiError("release_changed", t("distributed.agreement_changed", { id: a.id }), {
      hint: t("distributed.changed_hint"),
    });
  const now = req.now ?? new Date();
  const names = releaseNames(a.id, task.at, task.releaseId, task.partitions);
  const final = join(task.outDir, names.file);
  // recorded already (a retried parent, a second enqueue): finish the placing, never gate or record again
  const earlier = await req.ledger.entryOfRelease(a.id, task.releaseId);
  if (earlier !== undefined && (earlier.kind === "hold" || occupied(manifestPath(final)))) {
    rmSync(task.staging, { recursive: true, force: true });
    return recordedResult(earlier, final, names, task);
  }
  const results: PartitionResult[] = [];
  for (let i = 0; i < task.partitions; i++) {
    const r = readPartition(task.staging, i);
    if (r?.releaseId !== task.releaseId)
      throw new JikimiError(
        "partition_missing",
        t("distributed.partition_missing", { index: i + 1, id: task.releaseId }),
        { hint: t("distributed.partition_missing_hint") },
      );
    if (r.format !== PARTITION_FORMAT)
      throw new JikimiError(
        "release_changed",
        t("distributed.partition_version", { index: i + 1, id: task.releaseId, format: String(r.format) }),
        { hint: t("distributed.partition_version_hint") },
      );
    results.push(r);
  }
  const counts = noCounts();
  for (const r of results) {
    counts.read += r.counts.read;
    counts.bad += r.counts.bad;
    counts.outOfScope += r.counts.outOfScope;
    counts.noConsent += r.counts.noConsent;
    counts.released += r.counts.released;
  }
  const subjects = mergeRunFiles(
    results.map((r) => partFiles(task.staging, r.index).subjects),
    spillFolder(stagedSubjects(task.staging)),
  );
  try {
    return await finishMerged(req, task, { planned, earlier, names, final, now, results, counts, subjects });
  } finally {
    subjects.dispose();
  }
}

/** The rest of `finishRelease` once the partitions' subjects are merged (staged on disk). */
async function finishMerged(
  req: ReleaseContext,
  task: ReleaseTask,
  m: {
    planned: SharePlan;
    earlier: Awaited<ReturnType<ReleaseContext["ledger"]["entryOfRelease"]>>;
    names: ReturnType<typeof releaseNames>;
    final: string;
    now: Date;
    results: PartitionResult[];
    counts: ShareCounts;
    subjects: SortedHashes;
  },
): Promise<DistributedResult> {
  const { planned, earlier, names, final, now, results, counts, subjects } = m;
  const a = planned.plan.agreement;
  counts.subjects = subjects.count;
  const quarantined = offsetRows(results);
  const parts = results.map((r, i) => ({ name: names.parts[i] as string, ...r.output }));
  // a part an earlier attempt of this parent placed is read where it went
  const partPath = (i: number) => {
    const staged = partFiles(task.staging, i).output;
    return occupied(staged) ? staged : join(task.outDir, names.parts[i] as string);
  };
  const whole = await concatenated(results.map((_, i) => partPath(i)));
  const file = { name: names.file, bytes: whole.bytes, sha256: whole.sha256 };

  let holds: Hold[] = [];
  let result: ShareResult = { counts, held: [], sample: [], quarantined };
  if (earlier === undefined) {
    const timeHeld = await timeGuards(planned.plan, req.ledger, now);
    const volume = await volumeGuards(planned.plan, req.ledger, counts.subjects);
    const measured = a.risk
      ? mergedRisk(task.staging, results, a.risk.quasi_identifiers)?.report()
      : undefined;
    const risk = a.risk && measured ? riskGates(a.risk, measured) : [];
    const planner = blockPlanner(req, planned, task.staging);
    const audit = await digestGate(mergedProbes(results), planner.unkeyed, req.signal);
    holds = [...timeHeld, ...volume.holds, ...risk, ...audit.holds];
    result = {
      counts,
      held: holds.map(describeHold),
      previous: volume.previous,
      sample: [],
      quarantined,
      ...(measured ? { risk: { k: measured.k, uniqueShare: measured.uniqueShare } } : {}),
      ...(audit.findings.length > 0 ? { digests: audit.findings } : {}),
    };
    if (holds.length > 0 && req.override === undefined) {
      const hold = await recordHold(req, planned, holds, counts, now, task.releaseId);
      rmSync(task.staging, { recursive: true, force: true });
      return { ...result, hold, releaseId: task.releaseId, parts: [] };
    }
    // every final name must be free before the entry exists: nothing is replaced after it
    for (const path of [...names.parts, names.quarantine].map((n) => join(task.outDir, n)))
      if (occupied(path)) throw occupiedError(path);
    if (occupied(manifestPath(final))) throw occupiedError(manifestPath(final));
  }
  // the append is idempotent on the release id: after an earlier attempt's append this returns that entry
  const entry = await writeOrExplain(req.stateLocation, () =>
    req.ledger.appendSorted(
      {
        ...planned.plan.declared,
        ...(planned.consent ? { consent: planned.consent.commitment } : {}),
        records: counts.released,
        files: [file],
        operator: req.operator,
        override: holds.length > 0 ? req.override : undefined,
        ...(holds.length > 0 && req.override !== undefined ? { overridden: holds } : {}),
        channel: "gateway",
        rows: rowCounts(counts),
        release_id: task.releaseId,
      },
      subjects,
      now,
    ),
  );
  await witnessed(req, entry, a.id);
  const placed = placeParts(task, parts, entry.seq);
  const quarantine =
    counts.bad > 0 ? placeQuarantine(req, task, results, names.quarantine, entry.seq) : undefined;
  const manifest = writeManifest(
    {
      seq: entry.seq,
      root: entry.root,
      file,
      parts,
      agreement: a.id,
      time: task.at,
      subjects: counts.subjects,
      records: counts.released,
      signer: req.signer ?? signerFrom(req.keyring.active("ledger-signing")),
    },
    { outDir: task.outDir, tmpDir: task.staging, mode: req.outputMode ?? 0o600 },
  );
  rmSync(task.staging, { recursive: true, force: true });
  return {
    ...result,
    entry,
    output: final,
    manifest,
    ...(quarantine ? { quarantine } : {}),
    releaseId: task.releaseId,
    parts: placed,
  };
}

/** The answer for a release recorded and placed before (from its signed entry). */
function recordedResult(
  earlier: StoredEntry,
  final: string,
  names: ReturnType<typeof releaseNames>,
  task: ReleaseTask,
): DistributedResult {
  const body = earlier.body as { rows?: RowCounts; subjects: number | { count: number } } | undefined;
  const rows = body?.rows;
  const subjects = typeof body?.subjects === "number" ? body.subjects : (body?.subjects?.count ?? 0);
  const counts = rows
    ? {
        read: rows.read,
        bad: rows.bad,
        outOfScope: rows.out_of_scope,
        noConsent: rows.no_consent,
        released: rows.released,
        subjects,
      }
    : noCounts();
  const base = { counts, held: [], sample: [], quarantined: [], releaseId: task.releaseId };
  if (earlier.kind === "hold") return { ...base, parts: [] };
  return {
    ...base,
    output: final,
    manifest: manifestPath(final),
    parts: names.parts.map((n) => join(task.outDir, n)),
  };
}

/** The parts moved into the folder; a part already there from an earlier attempt must be the same bytes. */
function placeParts(
  task: ReleaseTask,
  parts: { name: string; bytes: number; sha256: string }[],
  seq: number,
): string[] {
  const after = t("distributed.after_recorded", { seq, id: task.releaseId });
  return parts.map((p, i) => {
    const final = join(task.outDir, p.name);
    const staged = partFiles(task.staging, i).output;
    if (occupied(final)) {
      if (!occupied(staged) && statSync(final).size === p.bytes) return final;
      throw occupiedError(final, after);
    }
    placeFile(staged, final, after);
    return final;
  });
}

/** The release's quarantine report: one header, each part's rows renumbered from the release's first row. */
function placeQuarantine(
  req: ReleaseContext,
  task: ReleaseTask,
  results: PartitionResult[],
  name: string,
  seq: number,
): string {
  const final = join(task.outDir, name);
  if (occupied(final)) return final;
  const lines = ["row,field,code\n"];
  let before = 0;
  for (const r of results) {
    if (r.quarantineBytes > 0) {
      const text = readFileSync(partFiles(task.staging, r.index).quarantine, "utf8");
      for (const line of text.split("\n").slice(1)) {
        if (line === "") continue;
        const comma = line.indexOf(",");
        lines.push(`${before + Number(line.slice(0, comma))}${line.slice(comma)}\n`);
      }
    }
    before += r.counts.read;
  }
  // written whole: a line per bad row, a few bytes each
  const temp = join(task.staging, `quarantine.${randomBytes(6).toString("hex")}.tmp`);
  writeFileSync(temp, lines.join(""), { mode: req.outputMode ?? 0o600, flag: "wx" });
  placeFile(temp, final, t("distributed.after_recorded", { seq, id: task.releaseId }));
  return final;
}

/** The first QUARANTINE_LIST rows set aside, numbered in the whole input. */
function offsetRows(results: PartitionResult[]): QuarantinedRow[] {
  const out: QuarantinedRow[] = [];
  let before = 0;
  for (const r of results) {
    for (const q of r.quarantined) if (out.length < QUARANTINE_LIST) out.push({ ...q, row: before + q.row });
    before += r.counts.read;
  }
  return out;
}

/** The hash audit's sample over all partitions in order (each partition sampled as `share` samples a file). */
function mergedProbes(results: PartitionResult[]): Set<string>[] {
  const out: Set<string>[] = [];
  for (const r of results)
    r.probes.forEach((values, p) => {
      const kept = out[p] ?? new Set<string>();
      out[p] = kept;
      for (const v of values) if (kept.size < PROBE_SAMPLE) kept.add(v);
    });
  return out;
}

/** The partitions' risk classes as one accumulator. */
function mergedRisk(staging: string, results: PartitionResult[], qi: string[]): RiskAccumulator | undefined {
  let all: RiskAccumulator | undefined;
  for (const r of results) {
    const part = r.risk
      ? RiskAccumulator.fromBytes(readFileSync(partFiles(staging, r.index).risk))
      : new RiskAccumulator(qi);
    if (all === undefined) all = part;
    else all.merge(part);
  }
  return all;
}

/** The size and sha256 of the parts read in order: the released file the entry names. */
async function concatenated(paths: string[]): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for (const path of paths)
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  return { bytes, sha256: hash.digest("hex") };
}
