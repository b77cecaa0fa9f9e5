// the share pipeline: stream a dataset through one agreement and release only what it allows.
// read (record-aligned blocks) -> worker threads: type check -> scope (the phase valid at `at`) -> consent (as of
// `at`) -> declared fields -> transforms under derived keys -> CSV bytes; the main thread puts the blocks back in
// order, writes them to a temporary file while hashing, collects the distinct subjects, then applies the guards,
// appends to the ledger and renames the output into place with a signed manifest. Nothing is written or recorded
// when the run fails or is held.
import { createHash } from "node:crypto";
import { once } from "node:events";
import {
  createWriteStream,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type WriteStream,
  writeFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import canonicalize from "canonicalize";
import type { ConsentRegistry } from "../consent/index.js";
import { deriveKey } from "../crypto/derive.js";
import type { Keyring } from "../crypto/keyring.js";
import { signerFrom } from "../crypto/signing.js";
import { ExitCode, JikimiError } from "../errors.js";
import { csvBlocks, headerColumns } from "../io/records/csv-blocks.js";
import { csvField } from "../io/records/csv-writer.js";
import { fileChunks, formatOf, openReader, type RecordFormat } from "../io/records/index.js";
import type { AppendResult, Ledger } from "../ledger/ledger.js";
import { type SubjectDictionary, SubjectHashSet } from "../ledger/subjects/dictionary.js";
import type { SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { Agreement, Workspace } from "../model/workspace.js";
import { checkWorkspace } from "../policy/check.js";
import { RiskAccumulator, type RiskReport } from "../risk/index.js";
import { auditDigests, auditDigestsWith, type DigestShape, digestShape } from "../scan/hash-audit.js";
import { ReleasePool } from "./release/pool.js";
import type { BlockResult, ReleasePlan } from "./release/processor.js";
import { BlockError, tableFromRows } from "./release/table.js";
import { checkColumns } from "./typecheck.js";
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

/** The guards of an agreement against this release; each failing guard gives a reason. */
function guards(req: ShareRequest, subjects: number): { held: string[]; previous?: number } {
  const a = req.workspace.agreements.get(req.agreement)?.value;
  const held: string[] = [];
  if (!a) return { held };
  const today = day(req.at);
  if (today < a.valid.from || (a.valid.until !== undefined && today >= a.valid.until))
    held.push(
      `the agreement is valid from ${a.valid.from}${a.valid.until ? ` until ${a.valid.until}` : ""}, not on ${today}`,
    );
  const v = a.volume;
  // one read of the latest entries serves both the growth and the per-day guard
  const recent = req.ledger.entries({ agreement: a.id, limit: (v?.max_releases_per_day ?? 0) + 1 });
  const previous = recent[0]?.subjects.count;
  if (v?.max_subjects !== undefined && subjects > v.max_subjects)
    held.push(`${subjects} subjects exceed max_subjects ${v.max_subjects}`);
  if (
    v?.max_growth !== undefined &&
    previous !== undefined &&
    previous > 0 &&
    subjects / previous - 1 > v.max_growth
  )
    held.push(
      `${subjects} subjects is ${((subjects / previous - 1) * 100).toFixed(0)}% more than the previous release (${previous}); max_growth is ${(v.max_growth * 100).toFixed(0)}%`,
    );
  if (v?.max_releases_per_day !== undefined) {
    const sameDay = recent.filter((e) => e.time.slice(0, 10) === today);
    if (sameDay.length >= v.max_releases_per_day)
      held.push(
        `${sameDay.length} releases already on ${today}; max_releases_per_day is ${v.max_releases_per_day}`,
      );
  }
  return { held, previous };
}

/** Where a block's records and lines start in the file (0-based counts of what came before). */
interface Origin {
  rows: number;
  lines: number;
}

/** The output file while it is written: a hidden temporary, hashed as written; errors surface on the next write. */
class TempOutput {
  readonly digest = createHash("sha256");
  bytes = 0;
  private readonly stream: WriteStream;
  private error: NodeJS.ErrnoException | undefined;

  constructor(
    readonly path: string,
    private readonly what: string,
  ) {
    this.stream = createWriteStream(path, { fd: openSync(path, "wx"), flush: true });
    this.stream.on("error", (e: NodeJS.ErrnoException) => {
      this.error ??= e;
    });
  }

  private fail(e: NodeJS.ErrnoException): JikimiError {
    const full = e.code === "ENOSPC" || e.code === "EFBIG" || e.code === "EDQUOT";
    return new JikimiError(
      full ? "disk_full" : "write_failed",
      full
        ? `${this.what}: the disk is full (${e.code}): free space in the output folder and run again; nothing was released or recorded`
        : `${this.what}: cannot write (${e.code ?? e.name}): check the output folder; nothing was released or recorded`,
      { cause: e },
    );
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.error) throw this.fail(this.error);
    this.digest.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) {
      try {
        await once(this.stream, "drain");
      } catch (e) {
        throw this.fail(e as NodeJS.ErrnoException);
      }
    }
  }

  async close(): Promise<void> {
    if (this.error) throw this.fail(this.error);
    this.stream.end();
    try {
      await once(this.stream, "close");
    } catch (e) {
      throw this.fail(e as NodeJS.ErrnoException);
    }
    if (this.error) throw this.fail(this.error);
  }

  discard(): void {
    this.stream.destroy();
    rmSync(this.path, { force: true });
  }
}

/** An open-for-writing error of the output folder, as a clear message. */
function outputError(dir: string, e: unknown): JikimiError {
  const code = (e as NodeJS.ErrnoException).code;
  return new JikimiError(
    "output_unwritable",
    `the output folder ${dir} cannot be written (${code ?? "error"}): pass --out a folder you can write to`,
    { cause: e },
  );
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
  const doc = req.workspace.agreements.get(req.agreement);
  if (!doc)
    throw new JikimiError("unknown_agreement", `there is no agreement "${req.agreement}": see agreements/`);
  const a = doc.value;
  const errors = checkWorkspace(req.workspace, { at: day(req.at) }).filter(
    (f) => f.subject.id === a.id && f.severity === "error",
  );
  if (errors.length > 0)
    throw new JikimiError(
      "agreement_refused",
      `agreement "${a.id}" has ${errors.length} check error${errors.length === 1 ? "" : "s"} (${[...new Set(errors.map((e) => e.code))].join(", ")}): run \`jikimi check\` and fix them first`,
      { exitCode: ExitCode.findings },
    );
  const dataset = req.workspace.datasets.get(a.dataset)?.value;
  const recipient = req.workspace.recipients.get(a.recipient)?.value;
  if (!dataset || !recipient)
    throw new JikimiError("workspace_incomplete", "the agreement's dataset or recipient is missing");
  const phase = a.phases?.find(
    (p) =>
      (p.from === undefined || p.from <= day(req.at)) && (p.until === undefined || day(req.at) < p.until),
  );
  if (a.phases && !phase)
    throw new JikimiError("no_phase", `no scope phase of "${a.id}" covers ${day(req.at)}`, {
      exitCode: ExitCode.held,
    });
  const format = formatOf(req.input, req.format);
  const name = req.input === "-" ? "stdin" : req.input;
  const released = Object.entries(a.fields);
  /** released fields without a key: the hash audit samples them */
  const unkeyed = released
    .filter(([, rel]) => rel.transform.name !== "pseudonym" && rel.transform.name !== "token")
    .map(([f]) => f);
  const keyIds = new Map<string, string>();
  const checks = Object.fromEntries(
    Object.entries(dataset.fields).map(([k, f]) => [k, { type: f.type, nullable: f.nullable }]),
  );
  const subjectEntry = req.keyring.byId(req.hasher.keyId);
  if (!subjectEntry?.secret)
    throw new JikimiError(
      "key_missing",
      `the ledger subject key ${req.hasher.keyId} is not in the keyring: restore the keyring from its backup`,
    );
  const subjectKey = Buffer.from(subjectEntry.secret, "base64");

  /** The plan for a header; throws for missing columns. */
  const planFor = (columns: string[]): ReleasePlan => {
    const report = checkColumns(columns, checks);
    const needed = new Set([dataset.subject_key, ...released.map(([f]) => f)]);
    const missing = report.missing.filter((m) => needed.has(m) || phase !== undefined);
    if (missing.length > 0 || report.duplicated.length > 0)
      throw new JikimiError(
        "missing_column",
        `${name}: the header lacks ${missing.join(", ")}${report.duplicated.length ? `, repeats ${report.duplicated.join(", ")}` : ""}: the file must have the dataset's declared columns`,
      );
    const index = new Map(columns.map((c, i) => [c, i]));
    const consent = a.consent
      ? {
          bits: consentBits(req.consent.asOf(a.consent.purpose, req.at.toISOString())),
          dictionary: req.subjects.shared(),
        }
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
      subjectColumn: index.get(dataset.subject_key) ?? -1,
      subjectKey,
      ...(consent ? { consent } : {}),
      fields: released.map(([field, rel]) => {
        const scope = typeof rel.options.link_key === "string" ? rel.options.link_key : undefined;
        const keys: { pseudonym?: Uint8Array; token?: Uint8Array } = {};
        for (const use of ["pseudonym", "token"] as const)
          if (rel.transform.name === use) {
            const k = deriveKey(req.keyring, {
              use,
              agreement: a.id,
              recipient: a.recipient,
              scope,
              length: use === "token" ? 64 : 32,
            });
            keys[use] = k.key;
            keyIds.set(field, k.keyId);
          }
        return {
          name: field,
          column: index.get(field) ?? -1,
          transform: rel.transform.name,
          options: rel.options,
          keys,
          type: dataset.fields[field]?.type ?? "string",
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
  const stamp = `${day(req.at)}-${process.pid}-${Date.now()}`;
  const subjects = new SubjectHashSet();
  // the re-identification gate measures the file as it will leave: the released values of the quasi-identifiers
  const risk = a.risk ? new RiskAccumulator(a.risk.quasi_identifiers) : undefined;
  const qiCount = a.risk?.quasi_identifiers.length ?? 0;
  const probes: Set<string>[] = [];
  const sample: string[][] = [];
  const quarantined: QuarantinedRow[] = [];
  const reportLines: string[] = [];
  const lock = acquireLock(req.workspace.root, a.id);
  let output: TempOutput | undefined;
  let report: TempOutput | undefined;
  let pool: ReleasePool | undefined;
  const tmpOf = (what: string) => join(req.outDir, `.${a.id}-${stamp}.${what}.tmp`);
  try {
    removeStaleTemps(req.outDir, a.id);
    if (!req.dryRun) {
      try {
        output = new TempOutput(tmpOf("csv"), `the release file in ${req.outDir}`);
      } catch (e) {
        throw outputError(req.outDir, e);
      }
    }
    const interrupted = () =>
      new JikimiError("interrupted", "the release was interrupted: nothing was written or recorded", {
        exitCode: 130,
      });
    let bytesRead = 0;
    /** Takes one block's result, in file order. */
    const at: Origin = { rows: 0, lines: 0 };
    const consume = async (r: BlockResult): Promise<void> => {
      if (req.signal?.aborted) throw interrupted();
      const issues = r.issues.length > 1 ? [...r.issues].sort((x, y) => x.record - y.record) : r.issues;
      for (const issue of issues) {
        const row = at.rows + issue.record + 1;
        if (a.on_bad_row === "reject") {
          const where = issue.line >= 0 ? `row ${row} (line ${at.lines + issue.line + 1})` : `row ${row}`;
          throw new JikimiError(
            "bad_row",
            `${name}: ${where}${issue.field ? `, field "${issue.field}"` : ""}: ${describeIssue(issue)}; the agreement rejects runs with bad rows (on_bad_row: reject), so nothing was released (or set on_bad_row: quarantine)`,
          );
        }
        counts.bad++;
        const q: QuarantinedRow = { row, code: issue.code, ...(issue.field ? { field: issue.field } : {}) };
        if (quarantined.length < QUARANTINE_LIST) quarantined.push(q);
        reportLines.push(`${row},${csvField(q.field ?? "")},${q.code}\n`);
      }
      if (report === undefined && reportLines.length > 0 && !req.dryRun) {
        report = new TempOutput(tmpOf("quarantine"), `the quarantine report in ${req.outDir}`);
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
    const queue: Promise<BlockResult>[] = [];
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
              `${name}, row ${at.rows + e.record + 1} (line ${at.lines + e.line + 1})${e.column === undefined ? "" : `, column "${e.column}"`}: a quoted field is still open at the end of the file: close the quote, and double each quote inside a quoted field ("")`,
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
      for await (const block of untilAborted(
        csvBlocks(source, {
          name,
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
    const { held, previous } = guards(req, counts.subjects);
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
          `field "${field}" holds ${shape.algorithm} digests a recipient can reverse (${audit.reversed} of ${audit.distinct} sampled values recovered in ${audit.seconds.toFixed(1)} s): release it as a keyed pseudonym instead`,
        );
    }
    const result = {
      counts,
      held,
      previous,
      sample,
      quarantined,
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
    const text = readFileSync(join(req.workspace.root, doc.file));
    const sha256 = out.digest.digest("hex");
    const fileName = `${a.id}-${day(req.at)}.csv`;
    const categories = (f: string) => dataset.fields[f]?.categories ?? [];
    const entry = appendOrExplain(req.workspace.root, () =>
      req.ledger.appendHashes(
        {
          time: req.at.toISOString(),
          agreement: {
            id: a.id,
            version: a.version,
            digest: createHash("sha256").update(text).digest("hex"),
          },
          recipient: { id: recipient.id, name: recipient.legal_name, country: recipient.country },
          legal_basis: a.legal_basis,
          purposes: a.purposes,
          fields: released.map(([f, rel]) => ({
            name: f,
            transform: rel.transform.name,
            key_id: keyIds.get(f),
            categories: categories(f),
          })),
          records: counts.released,
          files: [{ name: fileName, bytes: out.bytes, sha256 }],
          operator: req.operator,
          override: held.length > 0 ? req.override : undefined,
          channel: "gateway",
        },
        subjects.bytes(),
        subjects.size,
        req.at,
      ),
    );
    const final = join(req.outDir, `${a.id}-${day(req.at)}-${entry.seq}.csv`);
    renameSync(out.path, final);
    let quarantine: string | undefined;
    if (report) {
      quarantine = `${final}.quarantine.csv`;
      renameSync(report.path, quarantine);
    }
    const signer = signerFrom(req.keyring.active("ledger-signing"));
    const manifest = {
      format: "jikimi-release/1",
      entry: entry.seq,
      root: entry.root,
      file: { name: fileName, bytes: out.bytes, sha256 },
      agreement: a.id,
      time: req.at.toISOString(),
      subjects: counts.subjects,
      records: counts.released,
      key_id: signer.keyId,
    };
    writeFileSync(
      `${final}.manifest.json`,
      `${JSON.stringify({ ...manifest, signature: signer.sign(Buffer.from(canonicalize(manifest) ?? "")) }, null, 2)}\n`,
    );
    return { ...result, output: final, entry, ...(quarantine ? { quarantine } : {}) };
  } catch (error) {
    output?.discard();
    report?.discard();
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
    if (audit.reversed > 0 || shape.algorithm !== "sha256") break;
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
    held.push(
      `the smallest group of released records sharing one combination of ${qi} holds ${r.k} record${r.k === 1 ? "" : "s"}; min_k is ${limits.min_k}: generalise or drop a quasi-identifier`,
    );
  if (limits.max_unique_share !== undefined && r.uniqueShare > limits.max_unique_share)
    held.push(
      `${(r.uniqueShare * 100).toFixed(1)}% of released records are unique on ${qi}; max_unique_share is ${(limits.max_unique_share * 100).toFixed(1)}%: generalise or drop a quasi-identifier`,
    );
  return held;
}

/** Why a record was set aside, and how to mend it; never the value. */
function describeIssue(issue: { code: string; expected?: string; fields?: number }): string {
  switch (issue.code) {
    case "field_count":
      return `the record has ${issue.fields ?? "a different number of"} fields, not one per column: quote fields that contain commas or line breaks, and give every row one field per column`;
    case "bad_quote":
      return 'a quote inside an unquoted field or text after a closing quote: enclose the field in quotes and double each quote inside it ("")';
    case "bad_encoding":
      return "invalid UTF-8: save the file as UTF-8 (from EUC-KR/CP949: iconv -f cp949 -t utf-8)";
    case "wrong_type":
      return `wrong type, expected ${issue.expected ?? "the declared type"}: correct the value, or the field's type in the dataset`;
    case "missing_value":
      return "no value, and the field is not nullable: fill it in, or declare the field nullable: true";
    case "bad_json":
    case "not_object":
      return "not a JSON object on one line: write one object per line";
    case "missing_key":
    case "unknown_key":
      return "the object's keys differ from the first record's: give every record the same keys";
    case "nested_value":
      return "a nested value: flatten it to a string, number or boolean";
    default:
      return `${issue.code}: the transform cannot take this value; correct it in the source`;
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
        `the ledger in ${join(root, ".jikimi", "state.db")} cannot be written (${code}): free disk space there and run again; nothing was released or recorded`,
        { cause: e },
      );
    throw e;
  }
}

/** Hidden temporaries of this agreement left by a run that was killed (SIGKILL, power loss): the lock is ours, so they are dead. */
function removeStaleTemps(dir: string, agreement: string): void {
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

/** One run per agreement at a time: a lock file under .jikimi/locks; a stale lock of a dead process is taken over. */
function acquireLock(root: string, agreement: string): { release(): void } {
  const dir = join(root, ".jikimi", "locks");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${agreement}.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    // a second attempt follows the removal of a stale lock
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      return { release: () => rmSync(file, { force: true }) };
    } catch {
      const pid = Number(readFileSync(file, "utf8"));
      let alive = Number.isInteger(pid) && pid > 0;
      try {
        if (alive) process.kill(pid, 0);
      } catch {
        alive = false;
      }
      if (alive)
        throw new JikimiError(
          "share_running",
          `another release of "${agreement}" is running (process ${pid}): wait for it to finish, then run again`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new JikimiError(
    "share_running",
    `cannot take the lock for "${agreement}": remove ${file} if no release is running`,
  );
}
