// the share pipeline: stream a dataset through one agreement and release only what it allows, as rooms in order
// (share/): source -> plan -> blocks (worker threads: type check, scope, consent, transforms) -> gates (time,
// volume, risk, hash audit) -> sink (temporaries, placed under final names) -> record (journal, ledger append).
// Files, stdin, locks and signals come in as adapters (share/ports.ts). Nothing is written or recorded when the
// run fails; a held run writes nothing and is recorded as a signed hold entry (its reasons and counts).
import { randomBytes } from "node:crypto";
import { type Signer, signerFrom } from "../crypto/signing.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { csvField } from "../io/records/csv-writer.js";
import { privateTmp } from "../io/release-files.js";
import { spillFolder } from "../io/spill-files.js";
import type { AppendResult } from "../ledger/ledger.js";
import { clearJournal, describeRecovery, recoverRelease } from "./release/journal.js";
import { blockPlanner } from "./share/block-plan.js";
import { runBlocks } from "./share/blocks.js";
import { describeHold, digestGate, riskGates, timeGuards, volumeGuards } from "./share/gates/index.js";
import { outputMode } from "./share/output-mode.js";
import { planShare } from "./share/plan.js";
import type { HeldLock, PendingOutput, RunLocks } from "./share/ports.js";
import { recordHold, recordRelease } from "./share/record.js";
import { interrupted } from "./share/rows.js";
import { draftRelease, ensureVacant, type FinalNames, placeRelease } from "./share/sink.js";
import { Tally } from "./share/tally.js";
import { noCounts, type ShareRequest, type ShareResult } from "./share/types.js";

export type {
  HeldLock,
  PendingOutput,
  RecordSource,
  ReleaseSink,
  RunLocks,
  SinkRun,
} from "./share/ports.js";
export {
  type DigestFinding,
  QUARANTINE_LIST,
  type QuarantinedRow,
  type ShareCounts,
  type ShareRequest,
  type ShareResult,
} from "./share/types.js";

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Runs one release. Throws JikimiError for unusable input (exit 2) or an agreement with check errors (exit 1);
 * returns `held` reasons (exit 3) without writing anything, the hold recorded as a signed hold entry (`hold`).
 * @example const r = await share({ workspace, agreement: "nsf-credit-feed", source: fileSource("customers.csv"), sink: folderSink(out, root), locks, ... });
 */
export async function share(req: ShareRequest): Promise<ShareResult> {
  const planned = await planShare(req);
  const a = planned.plan.agreement;
  const now = req.now ?? new Date();
  const timeHeld = await timeGuards(planned.plan, req.ledger, now);
  // a release time the ledger would refuse is held before a row is read (a dry run still counts), and recorded
  if (timeHeld.length > 0 && req.override === undefined && !req.dryRun) {
    const hold = await recordHold(req, planned, timeHeld, noCounts(), now);
    return { counts: noCounts(), held: timeHeld.map(describeHold), hold, sample: [], quarantined: [] };
  }
  const format = req.source.format();
  const input = req.source.describe();
  const planner = blockPlanner(req, planned, input);
  const mode = outputMode(req.outputMode);
  const dryRun = req.dryRun === true;
  const runId = randomBytes(4).toString("hex");
  const root = req.workspace.root;
  const lock = takeRunLock(req.locks, a.id);
  let output: PendingOutput | undefined;
  let tally: Tally | undefined;
  /** set once the ledger entry is committed: from then on the journal, not this run, owns the temporaries */
  let committed = false;
  let journal = false;
  try {
    // an earlier run killed between its append and its placement is finished (or undone) first
    const recovered = await recoverRelease(
      root,
      a.id,
      req.ledger,
      () => logSigner(req),
      req.witness?.awaiting,
    );
    if (recovered?.action === "waiting")
      throw new JikimiError("release_awaits_witnesses", describeRecovery(recovered));
    // room 1, source -> room 3, blocks: read, transform on the worker threads, add up in file order into the drafts
    const run = req.sink.begin(a.id, runId, dryRun);
    const drafts = draftRelease(run, req.sink.describe(), mode, dryRun);
    output = drafts.output;
    const header = Buffer.from(`${planner.released.map(csvField).join(",")}\n`);
    tally = new Tally({
      input,
      reject: a.on_bad_row === "reject",
      quasiIdentifiers: a.risk?.quasi_identifiers,
      output,
      openReport: drafts.report,
      signal: req.signal,
      onProgress: req.onProgress,
      // past a bound, the distinct subjects go to the run's private temporaries (a dry run's: the workspace's)
      spill: {
        place: spillFolder(dryRun || run.tmpDir === "" ? privateTmp(root) : run.tmpDir),
        ...(req.subjectsInMemory === undefined ? {} : { at: req.subjectsInMemory }),
      },
    });
    await runBlocks({
      source: req.source,
      format,
      planner,
      tally,
      onStart: async () => {
        await output?.write(header);
      },
      threads: req.threads,
      maxLineBytes: req.maxLineBytes,
      signal: req.signal,
    });
    if (output) await output.close();
    const report = tally.report;
    if (report) await report.close();

    // room 4, gates: volume on the distinct subjects, risk and the hash audit on the released values
    const counts = tally.counts;
    counts.subjects = tally.subjects.size;
    const volume = await volumeGuards(planned.plan, req.ledger, counts.subjects);
    const measured = tally.risk?.report();
    const risk = a.risk && measured ? riskGates(a.risk, measured) : [];
    const audit = await digestGate(tally.probes, planner.unkeyed, req.signal);
    const holds = [...timeHeld, ...volume.holds, ...risk, ...audit.holds];
    const held = holds.map(describeHold);
    const result: ShareResult = {
      counts,
      held,
      previous: volume.previous,
      sample: tally.sample,
      quarantined: tally.quarantined,
      ...(recovered ? { recovered } : {}),
      ...(measured ? { risk: { k: measured.k, uniqueShare: measured.uniqueShare } } : {}),
      ...(audit.findings.length > 0 ? { digests: audit.findings } : {}),
    };
    if (dryRun || (held.length > 0 && req.override === undefined)) {
      output?.discard();
      report?.discard();
      // a held run is recorded as a signed hold entry (a dry run records nothing)
      return dryRun ? result : { ...result, hold: await recordHold(req, planned, holds, counts, now) };
    }
    if (req.signal?.aborted) throw interrupted();

    // room 5, sink (names checked) -> room 6, record (journal, append, witnesses) -> the sink places the files
    const out = output as PendingOutput;
    const fileName = `${a.id}-${day(req.at)}-${runId}.csv`;
    const final = run.finalPath(fileName);
    const names: FinalNames = {
      fileName,
      final,
      quarantine: `${final}.quarantine.csv`,
      manifest: req.sink.manifestOf(final),
    };
    ensureVacant(run, names, report !== undefined);
    const file = { name: fileName, bytes: out.bytes, sha256: out.sha256() };
    const entry: AppendResult = await recordRelease(
      req,
      planned,
      run,
      mode,
      {
        file,
        placements: [
          { temp: out.path, final },
          ...(report ? [{ temp: report.path, final: names.quarantine }] : []),
        ],
        counts,
        subjects: tally.subjects,
        held: holds,
        now,
      },
      {
        onJournal: () => {
          journal = true;
        },
        onCommit: () => {
          committed = true;
        },
      },
    );
    const placed = await placeRelease(run, {
      names,
      output: out,
      report,
      entry,
      file,
      agreement: a.id,
      time: req.at.toISOString(),
      subjects: counts.subjects,
      records: counts.released,
      signer: logSigner(req),
      mode,
    });
    clearJournal(root, a.id);
    journal = false;
    // a stream that failed after the append: the release is recorded and complete, its file kept in the workspace
    run.confirm();
    return {
      ...result,
      output: placed.output,
      entry,
      manifest: placed.manifest,
      ...(report ? { quarantine: names.quarantine } : {}),
    };
  } catch (error) {
    if (!committed) {
      output?.discard();
      tally?.report?.discard();
      if (journal) clearJournal(root, a.id);
    }
    throw error;
  } finally {
    // the staged subjects (if any) go whatever happened: the ledger holds them once committed
    tally?.subjects.dispose();
    lock.release();
  }
}

/** The agreement's run lock, or `share_running` naming the holder. */
function takeRunLock(locks: RunLocks, agreement: string): HeldLock {
  const got = locks.take(agreement);
  if (!("busy" in got)) return got;
  throw new JikimiError(
    "share_running",
    got.owner
      ? t("engine.share.running_by", { id: agreement, owner: got.owner })
      : t("engine.share.running", { id: agreement }),
    { hint: t("engine.share.running_hint") },
  );
}

/** The signer of manifests: the request's, or the keyring's signing key for a workspace from before the split. */
function logSigner(req: ShareRequest): Signer {
  return req.signer ?? signerFrom(req.keyring.active("ledger-signing"));
}
