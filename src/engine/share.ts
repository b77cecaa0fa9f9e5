// the share pipeline: stream a dataset through one agreement and release only what it allows.
// read (record-aligned blocks) -> worker threads: type check -> scope (the phase valid at `at`) -> consent (as of
// `at`) -> declared fields -> transforms under derived keys -> CSV bytes; the main thread puts the blocks back in
// order, writes them to a temporary file while hashing, collects the distinct subjects, then applies the guards,
// appends to the ledger (a journal covers the step from the append to the placement) and links the outputs into
// place with a signed manifest. Nothing is written or recorded when the run fails or is held.

import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { ConsentRegistry } from "../consent/index.js";
import { isDigitAlgorithm } from "../crypto/digits/index.js";
import type { Keyring } from "../crypto/keyring.js";
import { type Signer, signerFrom } from "../crypto/signing.js";
import { ExitCode, JikimiError } from "../errors.js";
import { fieldsRead } from "../expr/validate.js";
import { t } from "../i18n/index.js";
import { csvBlocks, headerColumns, RecordTooLong } from "../io/records/csv-blocks.js";
import { csvField } from "../io/records/csv-writer.js";
import { fileChunks, formatOf, openReader, type RecordFormat } from "../io/records/index.js";
import type { AppendResult, Ledger } from "../ledger/ledger.js";
import { type SubjectDictionary, SubjectHashSet } from "../ledger/subjects/dictionary.js";
import type { SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { Agreement, Workspace } from "../model/workspace.js";
import { RiskAccumulator, type RiskReport } from "../risk/index.js";
import { auditDigests, auditDigestsWith, type DigestShape, digestShape } from "../scan/hash-audit.js";
import { describeOwner, takeLock } from "../store/lock.js";
import { describeMissing, mapHeader, neededFields } from "./columns.js";
import { consentCommitment } from "./consent-commitment.js";
import {
  clearJournal,
  describeRecovery,
  type Recovery,
  recoverRelease,
  writeJournal,
} from "./release/journal.js";
import {
  DEFAULT_OUTPUT_MODE,
  manifestPath,
  occupied,
  occupiedError,
  outputError,
  placeFile,
  removeTemps,
  TempOutput,
  tempFolder,
  tempFolders,
  writeManifest,
} from "./release/output.js";
import { ReleasePool } from "./release/pool.js";
import type { BlockResult, ReleasePlan } from "./release/processor.js";
import { BlockError, tableFromRows } from "./release/table.js";
import { planRelease, timeHolds, volumeHolds } from "./release-plan.js";

export interface ShareRequest {
  workspace: Workspace;
  agreement: string;
  input: string;
  format?: RecordFormat;
  outDir: string;
  at: Date;
  operator: string;
  dryRun?: boolean;
  override?: string;
  keyring: Keyring;
  /** witnessing: after the append, the new checkpoint goes to the witnesses; with `awaiting`, the output is placed
   * only once a checkpoint covering the entry holds the quorum (otherwise it waits for `jikimi ledger repair`) */
  witness?: {
    afterAppend(entry: AppendResult): Promise<void>;
    awaiting?: (seq: number) => string | undefined;
  };
  /** signs the manifest beside the output (the log signing key; default: the keyring's, for older workspaces) */
  signer?: Signer;
  ledger: Ledger;
  consent: ConsentRegistry;
  subjects: SubjectDictionary;
  hasher: SubjectHasher;
  /** called after each block with the records and input bytes read so far */
  onProgress?: (rows: number, bytes: number) => void;
  /** worker threads (default: one per core, at most 8); 0 runs on the calling thread */
  threads?: number;
  /** set when the run must stop (SIGINT/SIGTERM): the release is abandoned before the ledger append */
  signal?: AbortSignal;
  /** the clock (default: now): recorded_at, and the reference for the back-dating rules */
  now?: Date;
  /** mode of the released file, quarantine report and manifest (default 0o600) */
  outputMode?: number;
  /** longest CSV record accepted, in bytes (default 32 MiB) */
  maxLineBytes?: number;
}

/** A row set aside under `on_bad_row: quarantine`: where and why, never the values. */
export interface QuarantinedRow {
  row: number;
  field?: string;
  code: string;
}

/** read = bad + outOfScope + noConsent + released. */
export interface ShareCounts {
  read: number;
  bad: number;
  outOfScope: number;
  noConsent: number;
  released: number;
  subjects: number;
}

export interface ShareResult {
  counts: ShareCounts;
  /** the reasons a release was held (nothing written, nothing recorded) */
  held: string[];
  previous?: number;
  output?: string;
  entry?: AppendResult;
  /** dry run: the first rows as they would leave */
  sample: string[][];
  /** the first QUARANTINE_LIST rows set aside (all of them are in the report file beside the output) */
  quarantined: QuarantinedRow[];
  /** the quarantine report written beside the output, when rows were set aside */
  quarantine?: string;
  /** the released file's re-identification figures over the agreement's quasi-identifiers, when it declares them */
  risk?: { k: number; uniqueShare: number };
  /** released un-keyed fields that look like digests, and how many sampled values the hash audit recovered */
  digests?: DigestFinding[];
  /** what this run did first with a release of the agreement interrupted earlier (killed after its ledger append) */
  recovered?: Recovery;
  /** the signed manifest beside the output */
  manifest?: string;
}

/** A released column of digests found by sampling, audited before release. */
export interface DigestFinding {
  field: string;
  algorithm: string;
  sampled: number;
  reversed: number;
}

/** Distinct values of each un-keyed released field the hash audit samples. */
const PROBE_SAMPLE = 4096;

/** Quarantined rows kept in memory for the result; the report file holds them all. */
export const QUARANTINE_LIST = 10_000;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Where a block's records and lines start in the file (0-based counts of what came before). */
interface Origin {
  rows: number;
  lines: number;
}

/** The consent as of the release time as a bitset over dictionary indexes, in shared memory. */
function consentBits(set: { toUint32Array(): Uint32Array; maximum(): number | undefined; isEmpty: boolean }) {
  const max = set.isEmpty ? 0 : (set.maximum() ?? 0);
  const bits = new Uint8Array(new SharedArrayBuffer((max >> 3) + 1));
  for (const i of set.toUint32Array()) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
  return bits;
}

/**
 * Runs one release. Throws JikimiError for unusable input (exit 2) or an agreement with check errors (exit 1);
 * returns `held` reasons (exit 3) without writing or recording anything.
 * @example const r = await share({ workspace, agreement: "nsf-credit-feed", input: "customers.csv", ... });
 */
export async function share(req: ShareRequest): Promise<ShareResult> {
  // names typed on a command line may come decomposed (NFD); declared ids are NFC
  const agreementId = req.agreement.normalize("NFC");
  const doc = req.workspace.agreements.get(agreementId);
  if (!doc)
    throw new JikimiError("unknown_agreement", t("engine.share.unknown_agreement", { id: agreementId }), {
      hint: t("engine.share.see_agreements"),
    });
  const now = req.now ?? new Date();
  // one plan for the gateway and `ledger record`: check errors refuse, the phase at released_at, derived keys
  const plan = planRelease({
    workspace: req.workspace,
    agreement: agreementId,
    at: req.at,
    keyring: req.keyring,
    agreementBytes: readFileSync(join(req.workspace.root, doc.file)),
  });
  const a = plan.agreement;
  const phase = plan.phase;
  const dataset = req.workspace.datasets.get(a.dataset)?.value;
  if (!dataset) throw new JikimiError("workspace_incomplete", t("engine.share.no_dataset"));
  const datasetFile = req.workspace.datasets.get(a.dataset)?.file ?? `datasets/${a.dataset}.yaml`;
  // consent as of released_at, with what the entry commits to (the chain head it was computed from)
  const consentNow = a.consent
    ? consentCommitment(req.consent, a.consent.purpose, plan.declared.released_at)
    : undefined;
  const timeHeld = timeHolds(plan, req.ledger, now);
  // a release time the ledger would refuse is held before a row is read (a dry run still counts)
  if (timeHeld.length > 0 && req.override === undefined && !req.dryRun)
    return {
      counts: { read: 0, bad: 0, outOfScope: 0, noConsent: 0, released: 0, subjects: 0 },
      held: timeHeld,
      sample: [],
      quarantined: [],
    };
  const format = formatOf(req.input, req.format);
  const name = req.input === "-" ? "stdin" : req.input;
  const released = Object.entries(a.fields);
  /** released fields without a key: the hash audit samples them */
  const unkeyed = released
    .filter(([, rel]) => rel.transform.name !== "pseudonym" && rel.transform.name !== "token")
    .map(([f]) => f);
  const checks = Object.fromEntries(
    Object.entries(dataset.fields).map(([k, f]) => [k, { type: f.type, nullable: f.nullable }]),
  );
  const subjectEntry = req.keyring.byId(req.hasher.keyId);
  if (!subjectEntry?.secret)
    throw new JikimiError("key_missing", t("engine.share.key_missing", { id: req.hasher.keyId }), {
      hint: t("engine.share.key_missing_hint"),
    });
  const subjectKey = Buffer.from(subjectEntry.secret, "base64");

  // the columns a release reads: the subject key, the released fields, the fields the scope in force reads
  const needed = neededFields(
    dataset.subject_key,
    released.map(([f]) => f),
    phase ? fieldsRead(phase.expr) : [],
  );

  /** The plan for a header (once per file: no per-row work); throws for missing or repeated columns. */
  const planFor = (header: string[]): ReleasePlan => {
    const mapped = mapHeader(header, dataset, needed);
    if (mapped.missing.length > 0)
      throw new JikimiError(
        "missing_column",
        t("engine.columns.missing", { input: name, columns: describeMissing(mapped.missing) }),
        { hint: t("engine.columns.missing_hint", { file: datasetFile }) },
      );
    if (mapped.duplicated.length > 0)
      throw new JikimiError(
        "missing_column",
        t("engine.columns.duplicated", { input: name, columns: mapped.duplicated.join(", ") }),
        { hint: t("engine.columns.duplicated_hint") },
      );
    const columns = mapped.columns;
    const index = new Map(columns.map((c, i) => [c, i]));
    // every needed field has its column now (mapHeader refused otherwise)
    const columnOf = (field: string): number => index.get(field) as number;
    const consent = consentNow
      ? { bits: consentBits(consentNow.set), dictionary: req.subjects.shared() }
      : undefined;
    return {
      columns,
      checks,
      ...(phase
        ? {
            scope: {
              expr: phase.expr,
              types: Object.entries(dataset.fields).map(([k, f]) => [k, f.type] as [string, typeof f.type]),
            },
          }
        : {}),
      subjectColumn: columnOf(dataset.subject_key),
      subjectKey,
      ...(consent ? { consent } : {}),
      fields: released.map(([field, rel]) => {
        const keys = plan.keys.get(field) ?? {};
        return {
          name: field,
          column: columnOf(field),
          transform: rel.transform.name,
          options: rel.options,
          keys,
          type: Object.hasOwn(dataset.fields, field) ? (dataset.fields[field]?.type ?? "string") : "string",
        };
      }),
      sample: req.dryRun ? 5 : 0,
      ...(a.risk
        ? { quasiIdentifiers: a.risk.quasi_identifiers.map((q) => released.findIndex(([f]) => f === q)) }
        : {}),
      // every released field without a key is sampled: a column of bare digests must not leave
      probe: unkeyed.map((f) => released.findIndex(([name]) => name === f)),
    };
  };

  const counts: ShareCounts = { read: 0, bad: 0, outOfScope: 0, noConsent: 0, released: 0, subjects: 0 };
  const mode = req.outputMode ?? DEFAULT_OUTPUT_MODE;
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o777 || (mode & 0o400) === 0)
    throw new JikimiError(
      "bad_output_mode",
      t("engine.share.bad_output_mode", { mode: Number.isInteger(mode) ? mode.toString(8) : String(mode) }),
      { hint: t("engine.share.bad_output_mode_hint") },
    );
  // the final names are known before the append: agreement, day and a run id (the ledger's seq is not known yet)
  const runId = randomBytes(4).toString("hex");
  const fileName = `${a.id}-${day(req.at)}-${runId}.csv`;
  const final = join(req.outDir, fileName);
  const quarantineName = `${final}.quarantine.csv`;
  const subjects = new SubjectHashSet();
  // the re-identification gate measures the file as it will leave: the released values of the quasi-identifiers
  const risk = a.risk ? new RiskAccumulator(a.risk.quasi_identifiers) : undefined;
  const qiCount = a.risk?.quasi_identifiers.length ?? 0;
  const probes: Set<string>[] = [];
  const sample: string[][] = [];
  const quarantined: QuarantinedRow[] = [];
  const reportLines: string[] = [];
  const root = req.workspace.root;
  const lock = takeLock(
    join(root, ".jikimi", "locks", a.id),
    (owner) =>
      new JikimiError(
        "share_running",
        owner
          ? t("engine.share.running_by", { id: a.id, owner: describeOwner(owner) })
          : t("engine.share.running", { id: a.id }),
        { hint: t("engine.share.running_hint") },
      ),
  );
  let output: TempOutput | undefined;
  let report: TempOutput | undefined;
  let pool: ReleasePool | undefined;
  /** set once the ledger entry is committed: from then on the journal, not this run, owns the temporaries */
  let committed = false;
  let journal = false;
  const queue: Promise<BlockResult>[] = [];
  let recovered: Recovery | undefined;
  try {
    // an earlier run killed between its append and its placement is finished (or undone) first
    recovered = recoverRelease(root, a.id, req.ledger, () => logSigner(req), req.witness?.awaiting);
    if (recovered?.action === "waiting")
      throw new JikimiError("release_awaits_witnesses", describeRecovery(recovered), {
        exitCode: ExitCode.held,
      });
    // the lock is ours, so any other temporary of this agreement belongs to a dead run
    removeTemps(tempFolders(root, req.outDir), a.id);
    removeLegacyTemps(req.outDir, a.id);
    const tmpDir = req.dryRun ? "" : tempFolder(root, req.outDir);
    const tmpOf = (what: string) => join(tmpDir, `${a.id}.${runId}.${what}.tmp`);
    if (!req.dryRun) {
      try {
        output = new TempOutput(tmpOf("csv"), t("engine.share.release_file", { dir: req.outDir }), mode);
      } catch (e) {
        throw outputError(tmpDir, e);
      }
    }
    const interrupted = () =>
      new JikimiError("interrupted", t("engine.share.interrupted"), { exitCode: 130 });
    let bytesRead = 0;
    /** Takes one block's result, in file order. */
    const at: Origin = { rows: 0, lines: 0 };
    const consume = async (r: BlockResult): Promise<void> => {
      if (req.signal?.aborted) throw interrupted();
      const issues = r.issues.length > 1 ? [...r.issues].sort((x, y) => x.record - y.record) : r.issues;
      for (const issue of issues) {
        const row = at.rows + issue.record + 1;
        if (a.on_bad_row === "reject") {
          const where =
            issue.line >= 0
              ? t("engine.share.row_line", { row, line: at.lines + issue.line + 1 })
              : t("engine.share.row", { row });
          throw new JikimiError(
            "bad_row",
            t("engine.share.bad_row", {
              input: name,
              where,
              field: issue.field ? t("engine.share.in_field", { field: issue.field }) : "",
              why: describeIssue(issue),
            }),
            { hint: t("engine.share.bad_row_hint") },
          );
        }
        counts.bad++;
        const q: QuarantinedRow = { row, code: issue.code, ...(issue.field ? { field: issue.field } : {}) };
        if (quarantined.length < QUARANTINE_LIST) quarantined.push(q);
        reportLines.push(`${row},${csvField(q.field ?? "")},${q.code}\n`);
      }
      if (report === undefined && reportLines.length > 0 && !req.dryRun) {
        report = new TempOutput(
          tmpOf("quarantine"),
          t("engine.share.quarantine_file", { dir: req.outDir }),
          mode,
        );
        await report.write(Buffer.from("row,field,code\n"));
      }
      if (report && reportLines.length > 0) await report.write(Buffer.from(reportLines.join("")));
      reportLines.length = 0;
      counts.read += r.records;
      counts.outOfScope += r.outOfScope;
      counts.noConsent += r.noConsent;
      counts.released += r.released;
      subjects.add(r.hashes, r.released);
      if (risk) for (let i = 0; i < r.released; i++) risk.add(r.qi.slice(i * qiCount, (i + 1) * qiCount));
      r.probe.forEach((values, p) => {
        const kept = probes[p] ?? new Set<string>();
        probes[p] = kept;
        for (const v of values) if (kept.size < PROBE_SAMPLE) kept.add(v);
      });
      for (const row of r.sample) if (sample.length < 5) sample.push(row);
      if (output && r.out.length > 0) await output.write(r.out);
      at.rows += r.records;
      at.lines += r.lines;
      req.onProgress?.(counts.read, bytesRead);
    };
    const threads = req.threads ?? Math.min(8, availableParallelism());
    // blocks read ahead: enough to keep every thread busy, few enough to keep memory flat
    const inFlight = Math.max(2, threads * 2);
    /** Takes results in file order until at most `limit` are in flight. */
    const drain = async (limit: number) => {
      while (queue.length > limit) {
        let r: BlockResult;
        try {
          r = await (queue.shift() as Promise<BlockResult>);
        } catch (e) {
          if (e instanceof BlockError)
            throw new JikimiError(
              "unterminated_quote",
              t("engine.share.unterminated_quote", {
                input: name,
                where: t("engine.share.row_line", {
                  row: at.rows + e.record + 1,
                  line: at.lines + e.line + 1,
                }),
                column: e.column === undefined ? "" : t("engine.share.in_column", { column: e.column }),
              }),
              { hint: t("engine.share.unterminated_quote_hint") },
            );
          throw e;
        }
        await consume(r);
      }
    };
    const begin = async (columns: string[]): Promise<ReleasePool> => {
      const started = new ReleasePool(planFor(columns), threads);
      pool = started;
      await output?.write(Buffer.from(`${released.map(([f]) => csvField(f)).join(",")}\n`));
      return started;
    };
    if (format === "csv") {
      // CSV: record-aligned byte blocks go to the threads as they are
      let columns: string[] = [];
      const source = req.input === "-" ? process.stdin : fileChunks(req.input);
      try {
        for await (const block of untilAborted(
          csvBlocks(source, {
            name,
            ...(req.maxLineBytes === undefined ? {} : { maxLineBytes: req.maxLineBytes }),
            onHeader: (header) => {
              columns = headerColumns(header, name);
              for (const byte of header) if (byte === 10) at.lines++;
            },
          }),
          req.signal,
          interrupted,
        )) {
          if (req.signal?.aborted) throw interrupted();
          pool ??= await begin(columns);
          bytesRead += block.bytes.length;
          queue.push(pool.submit({ kind: "csv", bytes: block.bytes }));
          await drain(inFlight);
        }
      } catch (e) {
        if (!(e instanceof RecordTooLong)) throw e;
        // the long record follows every block handed out: once they are counted, its row and line are known
        await drain(0);
        throw e.at(at.rows + 1, at.lines + 1);
      }
      pool ??= await begin(columns);
    } else {
      for await (const batch of untilAborted(openReader(req.input, format), req.signal, interrupted)) {
        if (req.signal?.aborted) throw interrupted();
        pool ??= await begin(batch.columns);
        // records the reader could not read stay in the table's `bad`; the rest are packed for the threads
        const recordOf = (i: number) => {
          let row = batch.firstRow + i;
          for (const e of batch.bad) if (e.row <= row) row++;
          return row - batch.firstRow;
        };
        const table = tableFromRows(batch.rows, recordOf, batch.columns.length, {
          bad: batch.bad.map((e) => ({
            record: e.row - batch.firstRow,
            line: -1,
            code: e.code,
            ...(e.column === undefined ? {} : { column: e.column }),
          })),
          records: batch.rows.length + batch.bad.length,
          lines: 0,
        });
        queue.push(pool.submit({ kind: "table", table }));
        await drain(inFlight);
      }
    }
    await drain(0);
    // the workers' memory goes back before the ledger append builds its own tables
    await pool?.close();

    if (output) await output.close();
    if (report) await report.close();
    counts.subjects = subjects.size;
    const { held: volumeHeld, previous } = volumeHolds(plan, req.ledger, counts.subjects);
    const held = [...timeHeld, ...volumeHeld];
    const measured = risk?.report();
    if (a.risk && measured) held.push(...riskHolds(a.risk, measured));
    // the hash audit: a sampled released column of bare digests that can be reversed holds the release
    const digests: DigestFinding[] = [];
    for (const [p, values] of probes.entries()) {
      const field = unkeyed[p] ?? "?";
      const sample = [...values];
      const shape = digestShape(sample);
      if (!shape) continue;
      const audit = await gateAudit(sample, shape, req.signal);
      digests.push({ field, algorithm: shape.algorithm, sampled: audit.distinct, reversed: audit.reversed });
      if (audit.reversed > 0)
        held.push(
          t("engine.share.digest_hold", {
            field,
            algorithm: shape.algorithm,
            reversed: audit.reversed,
            distinct: audit.distinct,
            seconds: audit.seconds.toFixed(1),
          }),
        );
    }
    const result = {
      counts,
      held,
      previous,
      sample,
      quarantined,
      ...(recovered ? { recovered } : {}),
      ...(measured ? { risk: { k: measured.k, uniqueShare: measured.uniqueShare } } : {}),
      ...(digests.length > 0 ? { digests } : {}),
    };
    if (req.dryRun || (held.length > 0 && req.override === undefined)) {
      output?.discard();
      report?.discard();
      return result;
    }
    if (req.signal?.aborted) throw interrupted();
    const out = output as TempOutput;
    const sha256 = out.digest.digest("hex");
    // nothing may sit at a final name: checked before the append, and again (atomically) by the link after it
    for (const f of [final, manifestPath(final), ...(report ? [quarantineName] : [])])
      if (occupied(f)) throw occupiedError(f, t("engine.share.after_nothing"));
    const placements = [
      { temp: out.path, final },
      ...(report ? [{ temp: report.path, final: quarantineName }] : []),
    ];
    const file = { name: fileName, bytes: out.bytes, sha256 };
    writeJournal(root, {
      format: "jikimi-pending/1",
      agreement: a.id,
      outDir: req.outDir,
      tmpDir,
      mode,
      time: req.at.toISOString(),
      subjects: counts.subjects,
      records: counts.released,
      file,
      files: placements,
    });
    journal = true;
    const entry = appendOrExplain(req.workspace.root, () =>
      req.ledger.appendHashes(
        {
          ...plan.declared,
          ...(consentNow ? { consent: consentNow.commitment } : {}),
          records: counts.released,
          files: [file],
          operator: req.operator,
          override: held.length > 0 ? req.override : undefined,
          channel: "gateway",
        },
        subjects.bytes(),
        subjects.size,
        now,
      ),
    );
    committed = true;
    if (req.witness) {
      // a fork refused by a witness throws here, loudly; the files stay with the journal
      await req.witness.afterAppend(entry);
      const wait = req.witness.awaiting?.(entry.seq);
      if (wait !== undefined)
        throw new JikimiError(
          "release_awaits_witnesses",
          t("engine.share.awaits_witnesses", { seq: entry.seq, id: a.id, why: wait }),
          { hint: t("engine.share.awaits_witnesses_hint"), exitCode: ExitCode.held },
        );
    }
    const after = t("engine.share.after_repair", { seq: entry.seq, id: a.id });
    for (const p of placements) placeFile(p.temp, p.final, after);
    const quarantine = report ? quarantineName : undefined;
    const manifest = writeManifest(
      {
        seq: entry.seq,
        root: entry.root,
        file,
        agreement: a.id,
        time: req.at.toISOString(),
        subjects: counts.subjects,
        records: counts.released,
        signer: logSigner(req),
      },
      { outDir: req.outDir, tmpDir, mode, after },
    );
    clearJournal(root, a.id);
    journal = false;
    return {
      ...result,
      output: final,
      entry,
      manifest,
      ...(quarantine ? { quarantine } : {}),
      ...(recovered ? { recovered } : {}),
    };
  } catch (error) {
    // results still in flight are dropped: their failures (a worker stopped by close) must not surface later
    for (const q of queue) q.catch(() => {});
    if (!committed) {
      output?.discard();
      report?.discard();
      if (journal) clearJournal(root, a.id);
    }
    throw error;
  } finally {
    await pool?.close();
    lock.release();
  }
}

/**
 * The release gate's hash audit: it only needs to know whether anything can be reversed, so the cheap spaces go
 * first (dates of birth), then one mobile format at a time, stopping at the first that recovers a value.
 */
async function gateAudit(sample: string[], shape: DigestShape, signal: AbortSignal | undefined) {
  const base = signal ? { signal } : {};
  let audit = await auditDigests(sample, shape, { ...base, spaces: ["birthdate"] });
  for (const format of ["plain", "hyphenated", "international"] as const) {
    if (audit.reversed > 0 || !isDigitAlgorithm(shape.algorithm)) break;
    audit = await auditDigestsWith(
      sample,
      shape,
      { ...base, spaces: ["mobile"] },
      { mobileFormats: [format] },
    );
  }
  return audit;
}

/** The re-identification limits of an agreement against the released file's figures; each failing limit gives a reason. */
function riskHolds(limits: NonNullable<Agreement["risk"]>, r: RiskReport): string[] {
  const qi = limits.quasi_identifiers.join(", ");
  const held: string[] = [];
  if (limits.min_k !== undefined && r.records > 0 && r.k < limits.min_k)
    held.push(t("engine.share.min_k", { qi, count: r.k, min: limits.min_k }));
  if (limits.max_unique_share !== undefined && r.uniqueShare > limits.max_unique_share)
    held.push(
      t("engine.share.unique_share", {
        qi,
        share: (r.uniqueShare * 100).toFixed(1),
        max: (limits.max_unique_share * 100).toFixed(1),
      }),
    );
  return held;
}

/** Why a record was set aside, and how to mend it; never the value. */
function describeIssue(issue: { code: string; expected?: string; fields?: number }): string {
  switch (issue.code) {
    case "field_count":
      return issue.fields === undefined
        ? t("engine.row.field_count_unknown")
        : t("engine.row.field_count", { fields: issue.fields });
    case "bad_quote":
      return t("engine.row.bad_quote");
    case "bad_encoding":
      return t("engine.row.bad_encoding");
    case "wrong_type":
      return t("engine.row.wrong_type", { expected: issue.expected ?? t("engine.row.declared_type") });
    case "missing_value":
      return t("engine.row.missing_value");
    case "bad_json":
    case "not_object":
      return t("engine.row.not_json");
    case "missing_key":
    case "unknown_key":
      return t("engine.row.keys_differ");
    case "nested_value":
      return t("engine.row.nested");
    default:
      return t("engine.row.transform", { code: issue.code });
  }
}

/** Iterates until the signal aborts, even while the source waits for input (a stalled stdin). */
async function* untilAborted<T>(
  source: AsyncIterable<T>,
  signal: AbortSignal | undefined,
  interrupted: () => Error,
): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  const aborted = new Promise<never>((_, reject) => {
    if (signal?.aborted) reject(interrupted());
    signal?.addEventListener("abort", () => reject(interrupted()), { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([it.next(), aborted]);
      if (next.done) return;
      yield next.value;
    }
  } finally {
    void it.return?.()?.catch(() => {});
  }
}

/** The ledger append; a state database that cannot grow (full disk) becomes a clear error, not an internal one. */
function appendOrExplain<T>(root: string, append: () => T): T {
  try {
    return append();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("SQLITE_FULL") || code.startsWith("SQLITE_IOERR")))
      throw new JikimiError(
        "ledger_write_failed",
        t("engine.share.ledger_write_failed", { path: join(root, ".jikimi", "state.db"), code }),
        { hint: t("engine.share.ledger_write_failed_hint"), cause: e },
      );
    throw e;
  }
}

/** Hidden temporaries an older jikimi left beside the outputs (`.<id>-<day>-<pid>-<ms>.csv.tmp`); the lock is ours. */
function removeLegacyTemps(dir: string, agreement: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const prefix = `.${agreement}-`;
  const shape = /^\d{4}-\d{2}-\d{2}-\d+-\d+\.(csv|quarantine)\.tmp$/;
  for (const name of names)
    if (name.startsWith(prefix) && shape.test(name.slice(prefix.length)))
      rmSync(join(dir, name), { force: true });
}

/** The signer of manifests: the request's, or the keyring's signing key for a workspace from before the split. */
function logSigner(req: ShareRequest): Signer {
  return req.signer ?? signerFrom(req.keyring.active("ledger-signing"));
}
