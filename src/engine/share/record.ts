// room 6, record: the journal names the release's temporaries and final names, then the entry is appended to the
// ledger (one transaction) and sent to the witnesses. From the append on, the journal owns the temporaries: a run
// killed before they are placed is finished by the next run or `jikimi ledger repair`, never recorded twice.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type { HoldReason, RowCounts } from "../../ledger/entry.js";
import type { AppendResult } from "../../ledger/ledger.js";
import type { SubjectHashSet } from "../../ledger/subjects/subject-set.js";
import { writeJournal } from "../release/journal.js";
import { heldRelease } from "../release-plan.js";
import type { SharePlan } from "./plan.js";
import type { SinkRun } from "./ports.js";
import { writeOrExplain } from "./store-failure.js";
import type { ReleaseContext, ShareCounts, ShareRequest } from "./types.js";

/** What is recorded: the released file as the entry names it, and where each temporary goes. */
export interface Recorded {
  file: { name: string; bytes: number; sha256: string };
  placements: { temp: string; final: string }[];
  counts: ShareCounts;
  subjects: SubjectHashSet;
  /** the holds an override releases past (empty when nothing held it) */
  held: HoldReason[];
  /** the clock the run started with: recorded_at */
  now: Date;
}

/**
 * Writes the journal, appends the entry and tells the witnesses. `onJournal` is called once the journal exists;
 * `onCommit` once the entry is committed (the temporaries are the journal's from then on).
 */
export async function recordRelease(
  req: ShareRequest,
  s: SharePlan,
  run: SinkRun,
  mode: number,
  r: Recorded,
  steps: { onJournal(): void; onCommit(): void },
): Promise<AppendResult> {
  const a = s.plan.agreement;
  writeJournal(req.workspace.root, {
    format: "jikimi-pending/1",
    agreement: a.id,
    outDir: run.outDir,
    tmpDir: run.tmpDir,
    ...(run.stream === undefined ? {} : { stream: run.stream }),
    mode,
    time: req.at.toISOString(),
    subjects: r.counts.subjects,
    records: r.counts.released,
    file: r.file,
    files: r.placements,
  });
  steps.onJournal();
  // the release's distinct subjects: staged on disk and sorted, or the set's own table let go (the append builds the
  // dictionary's)
  const sorted = r.subjects.sorted();
  const release = {
    ...s.plan.declared,
    ...(s.consent ? { consent: s.consent.commitment } : {}),
    records: r.counts.released,
    files: [r.file],
    operator: req.operator,
    override: r.held.length > 0 ? req.override : undefined,
    ...(r.held.length > 0 && req.override !== undefined ? { overridden: r.held } : {}),
    channel: "gateway" as const,
    rows: rowCounts(r.counts),
  };
  const entry = await writeOrExplain(req.stateLocation, () => {
    if (sorted) return req.ledger.appendSorted(release, sorted, r.now);
    const count = r.subjects.size;
    // the set's buffer is not read again: a first release's dictionary numbers the subjects in it
    return req.ledger.appendHashes(release, r.subjects.take(), count, r.now, { consume: true });
  });
  steps.onCommit();
  // a fork refused by a witness throws here, loudly; the files stay with the journal
  await witnessed(req, entry, a.id);
  return entry;
}

/**
 * Sends a committed entry to the witnesses; throws `release_awaits_witnesses` when its files must wait for the
 * quorum (`ledger.witnesses.wait`), so they are placed only once a cosigned checkpoint covers it.
 */
export async function witnessed(req: ReleaseContext, entry: AppendResult, agreement: string): Promise<void> {
  if (!req.witness) return;
  await req.witness.afterAppend(entry);
  const wait = await req.witness.awaiting?.(entry.seq);
  if (wait !== undefined)
    throw new JikimiError(
      "release_awaits_witnesses",
      t("engine.share.awaits_witnesses", { seq: entry.seq, id: agreement, why: wait }),
      { hint: t("engine.share.awaits_witnesses_hint") },
    );
}

/** A run's counts as an entry records them. */
export function rowCounts(c: ShareCounts): RowCounts {
  return {
    read: c.read,
    bad: c.bad,
    out_of_scope: c.outOfScope,
    no_consent: c.noConsent,
    released: c.released,
  };
}

/**
 * Records a held release as a signed hold entry (its reasons, the run's counts, no subjects and no file) and tells
 * the witnesses, so a hold cannot be hidden any more than a release.
 * @example const entry = await recordHold(req, planned, holds, counts, now);
 */
export async function recordHold(
  req: ReleaseContext,
  s: SharePlan,
  holds: HoldReason[],
  counts: ShareCounts,
  now: Date,
  releaseId?: string,
): Promise<AppendResult> {
  const recorded = await writeOrExplain(req.stateLocation, () =>
    req.ledger.recordHold(
      heldRelease(s.plan.declared, {
        holds,
        subjects: counts.subjects,
        rows: rowCounts(counts),
        operator: req.operator,
        channel: "gateway",
        ...(releaseId === undefined ? {} : { release_id: releaseId }),
      }),
      now,
    ),
  );
  const entry: AppendResult = { ...recorded, subjects: 0, newSubjects: 0 };
  // a witness that refuses a fork throws here, loudly; a short quorum is the caller's to hear of
  if (req.witness) await req.witness.afterAppend(entry);
  return entry;
}
