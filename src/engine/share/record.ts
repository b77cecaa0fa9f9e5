// room 6, record: the journal names the release's temporaries and final names, then the entry is appended to the
// ledger (one transaction) and sent to the witnesses. From the append on, the journal owns the temporaries: a run
// killed before they are placed is finished by the next run or `jikimi ledger repair`, never recorded twice.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type { AppendResult } from "../../ledger/ledger.js";
import type { SubjectHashSet } from "../../ledger/subjects/dictionary.js";
import { writeJournal } from "../release/journal.js";
import type { SharePlan } from "./plan.js";
import type { SinkRun } from "./ports.js";
import { writeOrExplain } from "./store-failure.js";
import type { ShareCounts, ShareRequest } from "./types.js";

/** What is recorded: the released file as the entry names it, and where each temporary goes. */
export interface Recorded {
  file: { name: string; bytes: number; sha256: string };
  placements: { temp: string; final: string }[];
  counts: ShareCounts;
  subjects: SubjectHashSet;
  /** set when the release goes out held, under an override */
  held: boolean;
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
  const entry = await writeOrExplain(req.stateLocation, () =>
    req.ledger.appendHashes(
      {
        ...s.plan.declared,
        ...(s.consent ? { consent: s.consent.commitment } : {}),
        records: r.counts.released,
        files: [r.file],
        operator: req.operator,
        override: r.held ? req.override : undefined,
        channel: "gateway",
      },
      r.subjects.bytes(),
      r.subjects.size,
      r.now,
    ),
  );
  steps.onCommit();
  if (req.witness) {
    // a fork refused by a witness throws here, loudly; the files stay with the journal
    await req.witness.afterAppend(entry);
    const wait = await req.witness.awaiting?.(entry.seq);
    if (wait !== undefined)
      throw new JikimiError(
        "release_awaits_witnesses",
        t("engine.share.awaits_witnesses", { seq: entry.seq, id: a.id, why: wait }),
        { hint: t("engine.share.awaits_witnesses_hint") },
      );
  }
  return entry;
}
