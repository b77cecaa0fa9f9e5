// a distributed release run in this process (partition after partition, then the release: the queue's work without
// the queue) against `share` on the same input, keys and consent: the parts in order are the released file byte for
// byte, and the counts, subjects and ledger entry are the same; it records once however often it runs; a held one
// leaves nothing in the output folder.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterEach, describe, expect, it } from "vitest";
import { partitionJob, planDistributed, releaseJob, runHere, STAGING } from "../src/app/distributed.js";
import type { WorkspaceSession } from "../src/app/workspace.js";
import { initKeyring } from "../src/crypto/keyring.js";
import { PARTITION_FORMAT, PlanCache, partFiles } from "../src/engine/distributed/partition-job.js";
import { generate } from "../src/generate/index.js";
import { openWorkspace } from "../src/index.js";
import { folderSink } from "../src/io/folder-sink.js";
import { fileSource } from "../src/io/record-source.js";
import { parquetRowGroups } from "../src/io/records/index.js";
import { ROOT } from "./support/cli.js";

const dirs: string[] = [];
const sessions: WorkspaceSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const AT = new Date("2024-05-31T02:00:00Z");
const NOW = new Date("2024-06-01T00:00:00Z");
/** The NSF feed's distributed release of `input` into `outDir`, cut into partitions of 300 kB. */
const release = (input: string, outDir: string) => ({
  agreement: "nsf-credit-feed",
  input,
  outDir,
  at: AT,
  operator: "test",
  partitionBytes: 300_000,
  now: NOW,
});
const ROWS = 12_000;

/** Two copies of the corrected case with one keyring, the same consents, and one generated input with bad rows. */
async function twin(edit?: (yaml: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-distributed-"));
  dirs.push(dir);
  const keyring = join(dir, "k.keyring");
  initKeyring(keyring, new Date("2024-01-01T00:00:00Z"), {});
  const input = join(dir, "customers.csv");
  await generate({ kind: "customers", rows: ROWS, seed: 11, format: "csv", out: input, threads: 1 });
  // three rows with a day that does not exist: set aside under quarantine, numbered in the whole file
  const lines = readFileSync(input, "utf8").split("\n");
  const header = (lines[0] ?? "").split(",");
  const joined = header.indexOf("join_date");
  for (const row of [5, 4_321, 11_999]) {
    const cells = (lines[row] ?? "").split(",");
    cells[joined] = "2023-02-30";
    lines[row] = cells.join(",");
  }
  writeFileSync(input, lines.join("\n"));
  const ids = lines.slice(1).map((l) => l.split(",")[0] ?? "");
  const open = async (name: string) => {
    const root = join(dir, name);
    cpSync(join(ROOT, "examples", "nsf-case-corrected"), root, { recursive: true });
    const file = join(root, "agreements", "nsf-credit-feed.yaml");
    const yaml = `${readFileSync(file, "utf8")}on_bad_row: quarantine\n`;
    writeFileSync(file, edit ? edit(yaml) : yaml);
    const out = join(dir, `${name}-out`);
    mkdirSync(out);
    const ws = await openWorkspace({ root, env: { JIKIMI_KEYRING: keyring } });
    sessions.push(ws);
    await ws.consent().record(
      ids
        .filter((id) => Number(id.slice(2)) % 3 !== 0)
        .map((subject) => ({
          subject,
          purpose: "nsf-provision-overseas",
          action: "grant" as const,
          at: "2023-01-01T00:00:00Z",
          source: "app-v3",
        })),
      new Date("2024-01-01T00:00:00Z"),
    );
    return { ws, out };
  };
  return { input, single: await open("single"), spread: await open("spread") };
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("a distributed release", () => {
  it("equals share byte for byte: parts in order, counts, subjects, quarantine and the ledger entry", async () => {
    const { input, single, spread } = await twin();
    const one = await single.ws.share({
      agreement: "nsf-credit-feed",
      source: fileSource(input),
      sink: folderSink(single.out, single.ws.root),
      at: AT,
      operator: "test",
      now: NOW,
    });
    const plan = await planDistributed(spread.ws, {
      agreement: "nsf-credit-feed",
      input,
      outDir: spread.out,
      at: AT,
      operator: "test",
      partitionBytes: 150_000,
      now: NOW,
    });
    if (plan.kind !== "planned") throw new Error("held before a row was read");
    expect(plan.partitions.length).toBeGreaterThan(4);
    const many = await runHere(spread.ws, plan, { now: NOW });

    expect(many.counts).toEqual(one.counts);
    expect(many.counts.bad).toBe(3);
    expect(many.held).toEqual([]);
    const whole = Buffer.concat(many.parts.map((p) => readFileSync(p)));
    const released = readFileSync(one.output ?? "");
    expect(whole.equals(released)).toBe(true);
    expect(many.quarantined).toEqual(one.quarantined);
    expect(readFileSync(many.quarantine ?? "", "utf8")).toBe(readFileSync(one.quarantine ?? "", "utf8"));

    const [a] = await single.ws.ledger().entries({ limit: 1 });
    const [b] = await spread.ws.ledger().entries({ limit: 1 });
    const { recorded_at: _ra, files: fa, ...bodyA } = (a?.body ?? {}) as Record<string, unknown>;
    const { recorded_at: _rb, files: fb, release_id, ...bodyB } = (b?.body ?? {}) as Record<string, unknown>;
    expect(bodyB).toEqual(bodyA);
    expect(release_id).toBe(plan.releaseId);
    const [fileA] = fa as { bytes: number; sha256: string }[];
    const [fileB] = fb as { bytes: number; sha256: string }[];
    expect(fileB?.sha256).toBe(sha(released));
    expect(fileB?.bytes).toBe(fileA?.bytes);
    expect(many.entry?.subjects).toBe(one.entry?.subjects);

    // the signed manifest lists every part with its digest; the staging folder is gone
    const manifest = JSON.parse(readFileSync(many.manifest ?? "", "utf8")) as {
      format: string;
      parts: { name: string; sha256: string }[];
    };
    expect(manifest.format).toBe("jikimi-release/2");
    expect(manifest.parts.map((p) => p.sha256)).toEqual(many.parts.map((p) => sha(readFileSync(p))));
    expect(readdirSync(join(spread.out, STAGING))).toEqual([]);
  });

  it("cuts one Parquet file by row groups and still equals share of that file, bad rows numbered in the whole file", async () => {
    const { input, single, spread } = await twin();
    const lines = readFileSync(input, "utf8").trimEnd().split("\n");
    const names = (lines[0] ?? "").split(",");
    const rows = lines.slice(1).map((l) => l.split(","));
    const parquet = join(spread.out, "..", "customers.parquet");
    writeFileSync(
      parquet,
      Buffer.from(
        parquetWriteBuffer({
          columnData: names.map((name, i) => ({ name, data: rows.map((r) => r[i] ?? ""), type: "STRING" })),
          rowGroupSize: 1000,
        }),
      ),
    );
    const one = await single.ws.share({
      agreement: "nsf-credit-feed",
      source: fileSource(parquet),
      sink: folderSink(single.out, single.ws.root),
      at: AT,
      operator: "test",
      now: NOW,
    });
    const plan = await planDistributed(spread.ws, {
      agreement: "nsf-credit-feed",
      input: parquet,
      outDir: spread.out,
      at: AT,
      operator: "test",
      // about three row groups a partition
      partitionBytes: 3 * ((await parquetRowGroups(parquet))[0]?.bytes ?? 0) - 1,
      now: NOW,
    });
    if (plan.kind !== "planned") throw new Error("held before a row was read");
    // 12 row groups of 1,000 rows, cut into runs of whole groups that cover each group once, in order
    const groups = plan.partitions.map((p) => p.partition.groups);
    expect(groups.length).toBeGreaterThan(2);
    expect(groups.length).toBeLessThan(12);
    expect(groups[0]?.from).toBe(0);
    expect(groups.at(-1)?.to).toBe(12);
    for (let i = 1; i < groups.length; i++) expect(groups[i]?.from).toBe(groups[i - 1]?.to);
    const many = await runHere(spread.ws, plan, { now: NOW });
    expect(many.counts).toEqual(one.counts);
    expect(many.counts.bad).toBe(3);
    expect(many.quarantined.map((q) => q.row)).toEqual([5, 4_321, 11_999]);
    expect(many.quarantined).toEqual(one.quarantined);
    const whole = Buffer.concat(many.parts.map((p) => readFileSync(p)));
    expect(whole.equals(readFileSync(one.output ?? ""))).toBe(true);
    expect(many.entry?.subjects).toBe(one.entry?.subjects);
  });

  it("records once however often the same release runs", async () => {
    const { input, spread } = await twin();
    const call = release(input, spread.out);
    const first = await planDistributed(spread.ws, call);
    if (first.kind !== "planned") throw new Error("held");
    const r1 = await runHere(spread.ws, first, { now: NOW });
    const files = readdirSync(spread.out).sort();
    const again = await planDistributed(spread.ws, { ...call, override: "a duplicate enqueue" });
    if (again.kind !== "planned") throw new Error("held");
    expect(again.releaseId).toBe(first.releaseId);
    const r2 = await runHere(spread.ws, again, { now: NOW });
    expect(r2.entry?.seq ?? r1.entry?.seq).toBe(r1.entry?.seq);
    expect(await spread.ws.ledger().size()).toBe(1);
    expect(readdirSync(spread.out).sort()).toEqual(files);
  });

  it("refuses a partition another version of jikimi left, naming it, and records nothing", async () => {
    const { input, spread } = await twin();
    const plan = await planDistributed(spread.ws, release(input, spread.out));
    if (plan.kind !== "planned") throw new Error("held");
    const job = { cache: new PlanCache(), now: NOW, operator: plan.operator };
    for (const task of plan.partitions) await partitionJob(spread.ws, task, job);
    // partition 2 as a worker of the version before wrote it: its subject run in byte order
    const result = partFiles(plan.release.staging, 1).result;
    writeFileSync(result, readFileSync(result, "utf8").replace(PARTITION_FORMAT, "jikimi-partition/1"));
    const error = await releaseJob(spread.ws, plan.release, job).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "release_changed" });
    expect(String((error as Error).message)).toMatch(/partition 2 .*jikimi-partition\/1/);
    expect(await spread.ws.ledger().size()).toBe(0);
  });

  it("a held release leaves nothing in the output folder and records only its hold", async () => {
    const { input, spread } = await twin((yaml) => yaml.replace("max_subjects: 9000000", "max_subjects: 10"));
    const plan = await planDistributed(spread.ws, release(input, spread.out));
    if (plan.kind !== "planned") throw new Error("held before a row was read");
    const r = await runHere(spread.ws, plan, { now: NOW });
    expect(r.held.join(" ")).toMatch(/10/);
    expect(r.entry).toBeUndefined();
    expect(r.hold?.seq).toBe(0);
    expect(readdirSync(spread.out).filter((n) => n !== STAGING)).toEqual([]);
    expect(readdirSync(join(spread.out, STAGING))).toEqual([]);
    const [entry] = await spread.ws.ledger().entries({ limit: 5 });
    expect(entry?.kind).toBe("hold");
  });
});
