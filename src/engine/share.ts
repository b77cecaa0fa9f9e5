// the share pipeline: stream a dataset through one agreement and release only what it allows.
// read -> type check -> scope (the phase valid at `at`) -> consent (as of `at`) -> declared fields ->
// transforms under derived keys -> guards -> temp output -> ledger append -> rename + signed manifest.
// Nothing is written or recorded when the run fails or is held.
import { createHash } from "node:crypto";
import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";
import { finished } from "node:stream/promises";
import canonicalize from "canonicalize";
import type { ConsentRegistry } from "../consent/index.js";
import { deriveKey } from "../crypto/derive.js";
import type { Keyring } from "../crypto/keyring.js";
import { signerFrom } from "../crypto/signing.js";
import { ExitCode, JikimiError } from "../errors.js";
import { compileScope } from "../expr/compile.js";
import { createWriter, openReader, type RecordFormat, rowNumber } from "../io/records/index.js";
import type { AppendResult, Ledger } from "../ledger/ledger.js";
import { NOT_FOUND, type SubjectDictionary } from "../ledger/subjects/dictionary.js";
import type { SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { Workspace } from "../model/workspace.js";
import { checkWorkspace } from "../policy/check.js";
import { compileTransform } from "./transforms/apply.js";
import { checkColumns, compileRowCheck } from "./typecheck.js";

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
  /** called after each batch with the rows read so far */
  onProgress?: (rows: number) => void;
  /** set when the run must stop (SIGINT/SIGTERM): the release is abandoned before the ledger append */
  signal?: AbortSignal;
}

/** A row set aside under `on_bad_row: quarantine`: where and why, never the values. */
export interface QuarantinedRow {
  row: number;
  field?: string;
  code: string;
}

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
  quarantined: QuarantinedRow[];
}

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
  const consent = a.consent ? req.consent.asOf(a.consent.purpose, req.at.toISOString()) : undefined;

  const released = Object.entries(a.fields);
  const keyIds = new Map<string, string>();
  const fieldTypes = new Map(Object.entries(dataset.fields).map(([k, f]) => [k, f.type]));
  const checks = Object.fromEntries(
    Object.entries(dataset.fields).map(([k, f]) => [k, { type: f.type, nullable: f.nullable }]),
  );
  const counts: ShareCounts = { read: 0, bad: 0, outOfScope: 0, noConsent: 0, released: 0, subjects: 0 };
  const stamp = `${day(req.at)}-${process.pid}-${Date.now()}`;
  const tmp = join(req.outDir, `.${a.id}-${stamp}.csv.tmp`);
  // the output is hashed as it is written, so it is never read back
  const file = createWriteStream(tmp, { flags: "wx" });
  const digest = createHash("sha256");
  let bytes = 0;
  const out = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      digest.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  out.pipe(file);
  const writer = createWriter("csv", out);
  const subjectKeys = new Set<string>();
  const sample: string[][] = [];
  const quarantined: QuarantinedRow[] = [];
  const cleanup = () => rmSync(tmp, { force: true });
  const lock = acquireLock(req.workspace.root, a.id);
  try {
    let compiled:
      | {
          scope: (row: readonly string[]) => boolean;
          check: ReturnType<typeof compileRowCheck>;
          cols: number[];
          key: number;
          apply: ((v: string[], o: string[]) => void)[];
        }
      | undefined;
    for await (const batch of openReader(req.input, req.format)) {
      if (!compiled) {
        const report = checkColumns(batch.columns, checks);
        const needed = new Set([dataset.subject_key, ...released.map(([f]) => f)]);
        const missing = report.missing.filter((m) => needed.has(m) || phase !== undefined);
        if (missing.length > 0 || report.duplicated.length > 0)
          throw new JikimiError(
            "missing_column",
            `${req.input}: the header lacks ${missing.join(", ")}${report.duplicated.length ? `, repeats ${report.duplicated.join(", ")}` : ""}: the file must have the dataset's declared columns`,
          );
        const index = new Map(batch.columns.map((c, i) => [c, i]));
        compiled = {
          scope: phase ? compileScope(phase.expr, fieldTypes, index) : () => true,
          check: compileRowCheck(batch.columns, checks),
          cols: released.map(([f]) => index.get(f) ?? -1),
          key: index.get(dataset.subject_key) ?? -1,
          apply: released.map(([field, rel]) => {
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
            return compileTransform(rel.transform, rel.options, keys, fieldTypes.get(field) ?? "string", {
              field,
            });
          }),
        };
      }
      const c = compiled;
      if (req.signal?.aborted)
        throw new JikimiError("interrupted", "the release was interrupted: nothing was written or recorded", {
          exitCode: 130,
        });
      counts.bad += batch.bad.length;
      for (const b of batch.bad) quarantined.push({ row: b.row, code: b.code });
      if (batch.bad.length > 0 && a.on_bad_row === "reject") {
        const b = batch.bad[0];
        throw new JikimiError(
          "bad_row",
          `${req.input}: row ${b?.row} (line ${b?.line}): ${b?.code}; the agreement rejects runs with bad rows (on_bad_row: reject)`,
        );
      }
      const keep: string[][] = [];
      for (let i = 0; i < batch.rows.length; i++) {
        const row = batch.rows[i] as string[];
        counts.read++;
        const problem = c.check(row);
        if (problem) {
          counts.bad++;
          quarantined.push({ row: rowNumber(batch, i), field: problem.field, code: problem.code });
          if (a.on_bad_row === "reject")
            throw new JikimiError(
              "bad_row",
              `${req.input}: row ${rowNumber(batch, i)}, field "${problem.field}": ${problem.code}, expected ${problem.expected}; nothing was released`,
            );
          continue;
        }
        if (!c.scope(row)) counts.outOfScope++;
        else keep.push(row);
      }
      let rows = keep;
      if (consent) {
        const hashes = req.hasher.hashMany(keep.map((r) => r[c.key] ?? ""));
        const { indexes } = req.subjects.assign(hashes, keep.length, false);
        rows = keep.filter((_, i) => {
          const idx = indexes[i] ?? NOT_FOUND;
          const ok = idx !== NOT_FOUND && consent.has(idx);
          if (!ok) counts.noConsent++;
          return ok;
        });
      }
      for (const r of rows) subjectKeys.add(r[c.key] ?? "");
      const columns = c.cols.map((col, j) => {
        const values = rows.map((r) => r[col] ?? "");
        const outCol = new Array<string>(values.length);
        c.apply[j]?.(values, outCol);
        return outCol;
      });
      const outRows = rows.map((_, i) => columns.map((col) => col[i] ?? ""));
      counts.released += outRows.length;
      if (sample.length < 5) sample.push(...outRows.slice(0, 5 - sample.length));
      if (!req.dryRun) await writer.write({ columns: released.map(([f]) => f), rows: outRows });
      req.onProgress?.(counts.read);
    }
    await writer.end();
    await finished(file);
    counts.subjects = subjectKeys.size;
    const { held, previous } = guards(req, counts.subjects);
    if (req.dryRun || (held.length > 0 && req.override === undefined)) {
      cleanup();
      return { counts, held, previous, sample, quarantined };
    }
    if (req.signal?.aborted)
      throw new JikimiError("interrupted", "the release was interrupted: nothing was written or recorded", {
        exitCode: 130,
      });
    const text = readFileSync(join(req.workspace.root, doc.file));
    const sha256 = digest.digest("hex");
    const name = `${a.id}-${day(req.at)}.csv`;
    const categories = (f: string) => dataset.fields[f]?.categories ?? [];
    const entry = req.ledger.append(
      {
        time: req.at.toISOString(),
        agreement: { id: a.id, version: a.version, digest: createHash("sha256").update(text).digest("hex") },
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
        files: [{ name, bytes, sha256 }],
        operator: req.operator,
        override: held.length > 0 ? req.override : undefined,
        channel: "gateway",
      },
      subjectKeys,
      req.at,
    );
    const output = join(req.outDir, `${a.id}-${day(req.at)}-${entry.seq}.csv`);
    renameSync(tmp, output);
    const signer = signerFrom(req.keyring.active("ledger-signing"));
    const manifest = {
      format: "jikimi-release/1",
      entry: entry.seq,
      root: entry.root,
      file: { name, bytes, sha256 },
      agreement: a.id,
      time: req.at.toISOString(),
      subjects: counts.subjects,
      records: counts.released,
      key_id: signer.keyId,
    };
    writeFileSync(
      `${output}.manifest.json`,
      `${JSON.stringify({ ...manifest, signature: signer.sign(Buffer.from(canonicalize(manifest) ?? "")) }, null, 2)}\n`,
    );
    return { counts, held, previous, output, entry, sample, quarantined };
  } catch (error) {
    out.destroy();
    file.destroy();
    cleanup();
    throw error;
  } finally {
    lock.release();
  }
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
