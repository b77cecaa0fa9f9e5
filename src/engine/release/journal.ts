// the release journal: `.jikimi/tmp/<agreement>.pending.json` names a release's temporaries, their final names and
// the file's digest between the ledger append and the files' placement. A run killed there leaves it; the next run
// of the agreement (under its lock) or `jikimi ledger repair` finishes the placement when the entry was committed
// (same file name and sha256), or deletes the temporaries when it was not. A streamed release (stdout, a download)
// cannot be streamed again once its run is gone: its file is kept at its final path in the workspace, and said so.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { Signer } from "../../crypto/signing.js";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import {
  DEFAULT_OUTPUT_MODE,
  makePrivate,
  manifestPath,
  occupied,
  placeFile,
  privateTmp,
  syncFolder,
  writeManifest,
  writeTemp,
} from "../../io/release-files.js";
import { ID_PATTERN } from "../../model/common.js";

const PendingSchema = z.strictObject({
  format: z.literal("jikimi-pending/1"),
  agreement: z.string().regex(ID_PATTERN),
  outDir: z.string(),
  tmpDir: z.string(),
  /** the stream the released file was going to (its final path is then where it is kept if undelivered) */
  stream: z.string().optional(),
  mode: z.number().int().min(0).max(0o777),
  time: z.string(),
  subjects: z.number().int().min(0),
  records: z.number().int().min(0),
  /** the released file as the ledger entry names it */
  file: z.strictObject({ name: z.string(), bytes: z.number().int().min(0), sha256: z.string() }),
  /** every temporary and its final path: the released file first, then the quarantine report */
  files: z.array(z.strictObject({ temp: z.string(), final: z.string() })).min(1),
});
export type PendingRelease = z.infer<typeof PendingSchema>;

/** The journal's path of an agreement. */
export const journalPath = (root: string, agreement: string) =>
  join(privateTmp(root), `${agreement}.pending.json`);

/** Writes the journal atomically (temporary, fsync, rename), mode 0600, before the ledger append. */
export function writeJournal(root: string, p: PendingRelease): void {
  const dir = privateTmp(root);
  const tmp = writeTemp(
    dir,
    `${p.agreement}.pending-${randomBytes(6).toString("hex")}.tmp`,
    `${JSON.stringify(p, null, 2)}\n`,
    0o600,
  );
  try {
    renameSync(tmp, journalPath(root, p.agreement));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(dir);
}

/** Removes an agreement's journal. */
export function clearJournal(root: string, agreement: string): void {
  rmSync(journalPath(root, agreement), { force: true });
}

/** The agreements with a journal in the workspace. */
export function pendingAgreements(root: string): string[] {
  try {
    return readdirSync(privateTmp(root))
      .filter((n) => n.endsWith(".pending.json"))
      .map((n) => n.slice(0, -".pending.json".length))
      .sort();
  } catch {
    return [];
  }
}

function readJournal(root: string, agreement: string): PendingRelease | undefined {
  const path = journalPath(root, agreement);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  let parsed: ReturnType<typeof PendingSchema.safeParse>;
  try {
    parsed = PendingSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = PendingSchema.safeParse(undefined);
  }
  if (!parsed.success || parsed.data.agreement !== agreement)
    throw new JikimiError("journal_corrupt", t("engine.journal.corrupt", { path }), {
      hint: t("engine.journal.corrupt_hint", { id: agreement }),
    });
  return parsed.data;
}

/** What recovery did with an interrupted release. */
export interface Recovery {
  agreement: string;
  /** completed: the entry was committed, its files are now in place; discarded: not committed, temporaries deleted;
   * waiting: committed, but its files stay out of place until the witnesses' quorum covers it */
  action: "completed" | "discarded" | "waiting";
  /** why a waiting release waits */
  reason?: string;
  /** the committed entry */
  seq?: number;
  /** final paths placed now (the released file, the quarantine report, the manifest) */
  placed: string[];
  /** final paths that were already in place */
  present: string[];
  /** final paths whose temporary is gone and which are not in place (the entry's file is lost: release again) */
  missing: string[];
  /** a streamed release: the stream, and where its file is kept when it may not have reached the stream whole */
  stream?: { name: string; kept?: string };
}

/** What recovery needs of the ledger: the agreement's entries (newest first) and the root at a size. */
export interface RecoveryLedger {
  entries(options: { agreement?: string; limit?: number }): object[] | Promise<object[]>;
  root(size?: number): string | Promise<string>;
}

/** How many of an agreement's latest entries are searched for the journal's file. */
const SEARCH = 50;

async function committedSeq(ledger: RecoveryLedger, p: PendingRelease): Promise<number | undefined> {
  for (const e of await ledger.entries({ agreement: p.agreement, limit: SEARCH })) {
    // an entry is the body itself or `{ seq, body }` (a pruned entry has no body, and no file to finish)
    type Files = { files?: { name?: unknown; sha256?: unknown }[] };
    const entry = e as Files & { seq?: unknown; body?: Files };
    const f = (entry.body ?? entry).files?.[0];
    if (typeof entry.seq === "number" && f?.sha256 === p.file.sha256 && f.name === p.file.name)
      return entry.seq;
  }
  return undefined;
}

/**
 * Finishes or undoes an interrupted release of `agreement` (call under its lock); undefined when there is no
 * journal. A file already at a final name that is not the release's stops it with an error naming the path.
 */
export async function recoverRelease(
  root: string,
  agreement: string,
  ledger: RecoveryLedger,
  signer: () => Signer,
  /** why a committed entry may not be placed yet (it awaits the witnesses' quorum), or undefined */
  awaiting?: (seq: number) => string | undefined | Promise<string | undefined>,
): Promise<Recovery | undefined> {
  const p = readJournal(root, agreement);
  if (!p) return undefined;
  const seq = await committedSeq(ledger, p);
  const report: Recovery = {
    agreement,
    action: seq === undefined ? "discarded" : "completed",
    placed: [],
    present: [],
    missing: [],
  };
  if (seq === undefined) {
    for (const f of p.files) rmSync(f.temp, { force: true });
    clearJournal(root, agreement);
    return report;
  }
  report.seq = seq;
  const wait = await awaiting?.(seq);
  if (wait !== undefined) return { ...report, action: "waiting", reason: wait };
  const after = t("engine.share.after_repair", { seq, id: agreement });
  if (p.stream !== undefined) {
    report.stream = { name: p.stream };
    makePrivate(p.outDir);
  }
  for (const [i, f] of p.files.entries()) {
    // a streamed file is kept once its stream failed, and its temporary removed only once it was streamed whole
    const kept = i === 0 ? report.stream : undefined;
    if (occupied(f.temp)) {
      placeFile(f.temp, f.final, after);
      report.placed.push(f.final);
      if (kept) kept.kept = f.final;
    } else if (occupied(f.final)) {
      report.present.push(f.final);
      if (kept) kept.kept = f.final;
    } else if (!kept) report.missing.push(f.final);
  }
  const release = p.files[0]?.final ?? join(p.outDir, p.file.name);
  const manifest = manifestPath(release);
  if (occupied(manifest)) report.present.push(manifest);
  else {
    writeManifest(
      {
        seq,
        root: await ledger.root(seq + 1),
        file: p.file,
        agreement,
        time: p.time,
        subjects: p.subjects,
        records: p.records,
        signer: signer(),
      },
      {
        outDir: p.outDir,
        tmpDir: p.tmpDir,
        mode: p.stream === undefined ? p.mode : DEFAULT_OUTPUT_MODE,
        after,
      },
    );
    report.placed.push(manifest);
  }
  clearJournal(root, agreement);
  return report;
}

/** A recovery as one line for the CLI. */
export function describeRecovery(r: Recovery): string {
  if (r.action === "discarded") return t("engine.journal.discarded", { id: r.agreement });
  if (r.action === "waiting")
    return t("engine.journal.waiting", { seq: r.seq ?? 0, id: r.agreement, why: r.reason ?? "" });
  const parts = [t("engine.journal.finished", { id: r.agreement, seq: r.seq ?? 0 })];
  if (r.placed.length > 0) parts.push(t("engine.journal.placed", { files: r.placed.join(", ") }));
  if (r.missing.length > 0) parts.push(t("engine.journal.missing", { files: r.missing.join(", ") }));
  if (r.stream?.kept !== undefined)
    parts.push(t("engine.journal.kept", { stream: r.stream.name, path: r.stream.kept }));
  else if (r.stream) parts.push(t("engine.journal.streamed", { stream: r.stream.name }));
  return parts.join("; ");
}
