// room 5, sink: the release's temporaries (the released file, the quarantine report) are drafted in the sink while
// the blocks run; after the gates pass, the final names are checked before the append and the files are placed (or
// streamed), with the signed manifest, after it.

import type { Signer } from "../../crypto/signing.js";
import { t } from "../../i18n/index.js";
import type { AppendResult } from "../../ledger/ledger.js";
import type { PendingOutput, SinkRun } from "./ports.js";

/** The names one run releases under. */
export interface FinalNames {
  /** the released file's name in the sink: agreement, day and run id */
  fileName: string;
  final: string;
  quarantine: string;
  manifest: string;
}

/** The run's drafts: the released file (none in a dry run) and the quarantine report (opened at the first bad row). */
export interface Drafts {
  output: PendingOutput | undefined;
  report: () => PendingOutput | undefined;
}

/**
 * The drafts of a run; the final names are known before the append (the ledger's seq is not known yet).
 * @example const d = draftRelease(run, "/srv/out", 0o600, dryRun);
 */
export function draftRelease(run: SinkRun, where: string, mode: number, dryRun: boolean): Drafts {
  return {
    output: dryRun ? undefined : run.draft("csv", t("engine.share.release_file", { dir: where }), mode),
    report: () =>
      dryRun ? undefined : run.draft("quarantine", t("engine.share.quarantine_file", { dir: where }), mode),
  };
}

/** Nothing may sit at a final name: checked before the append, and again (atomically) by the placing after it. */
export function ensureVacant(run: SinkRun, names: FinalNames, report: boolean): void {
  const paths = [names.final, names.manifest, ...(report ? [names.quarantine] : [])];
  run.ensureVacant(paths, t("engine.share.after_nothing"));
}

/** Where a recorded release went: the released file (a path, or the stream's name) and its manifest. */
export interface Placed {
  output: string;
  manifest: string;
}

/** Places (or streams) the files of a recorded release and writes its signed manifest. */
export async function placeRelease(
  run: SinkRun,
  p: {
    names: FinalNames;
    output: PendingOutput;
    report: PendingOutput | undefined;
    entry: AppendResult;
    file: { name: string; bytes: number; sha256: string };
    agreement: string;
    time: string;
    subjects: number;
    records: number;
    signer: Signer;
    mode: number;
  },
): Promise<Placed> {
  const after = t("engine.share.after_repair", { seq: p.entry.seq, id: p.agreement });
  const output = await run.place(p.output, p.names.final, after);
  if (p.report) await run.place(p.report, p.names.quarantine, after);
  const manifest = run.manifest(
    {
      seq: p.entry.seq,
      root: p.entry.root,
      file: p.file,
      agreement: p.agreement,
      time: p.time,
      subjects: p.subjects,
      records: p.records,
      signer: p.signer,
    },
    p.mode,
    after,
  );
  return { output, manifest };
}
