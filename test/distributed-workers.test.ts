// a distributed release on BullMQ with real worker processes on a real Redis: three `jikimi worker`s and
// `jikimi share --distributed` give the same release as `jikimi share` (parts in order = its file, the same counts
// and entry); the same release enqueued twice at once records once; a worker SIGKILLed at random moments, ten
// times, still gives one entry and the same bytes; bad rows under `reject` fail the whole release with nothing
// recorded, and a failed release withdraws its partitions no worker took; Redis restarted mid-release fails it cleanly with nothing recorded.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { jikimi, ROOT, tempDir } from "./support/cli.js";
import { rng } from "./support/random.js";
import { redisAvailable, startRedis, suiteRedis, type TestRedis } from "./support/redis.js";
import { consentingTemplate } from "./support/template.js";

const MAIN = join(ROOT, "dist", "bin", "jikimi.js");
const AGREEMENT = "nsf-credit-feed";
const ROWS = 30_000;
const PART = "1000000";
const KILLS = 10;
const SEED = Number(process.env.JIKIMI_KILL_SEED ?? Date.now() % 1_000_000);

const here = redisAvailable();
let root: { dir: string; cleanup: () => void };
let template: string;
let redis: TestRedis;
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!here) return;
  root = tempDir("jikimi-workers-");
  template = join(root.dir, "template");
  consentingTemplate(template, ROWS, 3);
  redis = await suiteRedis(root.dir);
}, 120_000);

afterAll(async () => {
  await redis?.stop();
  root?.cleanup();
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
});

let cases = 0;
/** A copy of the template (its own workspace, keyring and state) and an empty output folder. */
function copy() {
  const dir = join(root.dir, `case-${cases++}`);
  cpSync(template, dir, { recursive: true });
  const out = join(dir, "out");
  mkdirSync(out);
  return {
    ws: join(dir, "ws"),
    out,
    input: join(dir, "customers.csv"),
    env: { JIKIMI_KEYRING: join(dir, "k.keyring"), JIKIMI_KEYRING_PASSPHRASE: "" },
    queue: `q${cases}-${SEED}`,
  };
}
type Case = ReturnType<typeof copy>;

/** Starts a worker of the case's workspace; resolves once it takes jobs. */
function worker(c: Case, url = redis.url): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      MAIN,
      "worker",
      "-w",
      c.ws,
      "--redis",
      url,
      "--queue",
      c.queue,
      "--lock-seconds",
      "2",
      "--threads",
      "0",
      "--quiet",
    ],
    { env: { ...process.env, ...c.env, LANG: "en_US.UTF-8" }, stdio: ["ignore", "ignore", "pipe"] },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("taking jobs")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`worker exited ${code}: ${err}`)));
  });
}

/** Runs a CLI command without blocking the test's event loop (the workers' and the kills' timers run meanwhile). */
function run(c: Case, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: { ...process.env, ...c.env, LANG: "en_US.UTF-8", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve) =>
    child.on("exit", (code) => resolve({ status: code ?? -1, stdout, stderr })),
  );
}

const AT = () => new Date(Date.now() - 3_600_000).toISOString();
const distributed = (c: Case, at: string, url = redis.url) => [
  "share",
  AGREEMENT,
  "-w",
  c.ws,
  "-i",
  c.input,
  "--out-dir",
  c.out,
  "--at",
  at,
  "--distributed",
  "--redis",
  url,
  "--queue",
  c.queue,
  "--partition-size",
  PART,
  "--format",
  "json",
];

/** The case's ledger entries as `ledger log --format json` prints them. */
function entries(c: Case): Record<string, unknown>[] {
  const r = jikimi(["ledger", "log", "-w", c.ws, "--format", "json"], { env: c.env });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
}

/** The released bytes: the parts in order (names sort in part order). */
function released(c: Case): Buffer {
  const parts = readdirSync(c.out)
    .filter((n) => /\.part-\d{5}\.csv$/.test(n))
    .sort();
  return Buffer.concat(parts.map((p) => readFileSync(join(c.out, p))));
}

describe.skipIf(!here)("jikimi share --distributed on BullMQ workers", () => {
  let reference: { bytes: Buffer; counts: unknown };
  const at = AT();

  beforeAll(() => {
    if (!here) return;
    const c = copy();
    const r = jikimi(
      ["share", AGREEMENT, "-w", c.ws, "-i", c.input, "--out-dir", c.out, "--at", at, "--format", "json"],
      { env: c.env },
    );
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { output: string; counts: unknown };
    reference = { bytes: readFileSync(doc.output), counts: doc.counts };
  }, 120_000);

  it("three workers give share's release: the parts in order are its file, the same counts, one entry", async () => {
    const c = copy();
    await Promise.all([worker(c), worker(c), worker(c)]);
    const r = await run(c, distributed(c, at));
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { counts: unknown; parts: string[]; release_id: string };
    expect(doc.counts).toEqual(reference.counts);
    expect(doc.parts.length).toBeGreaterThan(3);
    expect(released(c).equals(reference.bytes)).toBe(true);
    const [entry, ...rest] = entries(c);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({ release_id: doc.release_id });
    expect(readdirSync(join(c.out, ".jikimi-parts"))).toEqual([]);
    const status = jikimi(["release", "status", doc.release_id, "--redis", redis.url, "--queue", c.queue], {
      env: c.env,
    });
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/completed, (\d+) of \1 partitions done/);
  }, 120_000);

  it("the same release enqueued twice at once records once", async () => {
    const c = copy();
    await Promise.all([worker(c), worker(c)]);
    const [a, b] = await Promise.all([run(c, distributed(c, at)), run(c, distributed(c, at))]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    expect(entries(c)).toHaveLength(1);
    expect(released(c).equals(reference.bytes)).toBe(true);
  }, 120_000);

  it(`a worker SIGKILLed at a random moment, ${KILLS} times: one entry each time, the same bytes (seed ${SEED})`, async () => {
    const random = rng(SEED);
    for (let k = 0; k < KILLS; k++) {
      const c = copy();
      const pool = await Promise.all([worker(c), worker(c), worker(c)]);
      const release = run(c, distributed(c, at));
      await new Promise((r) => setTimeout(r, 200 + (random() % 1500)));
      const victim = pool[random() % pool.length] as ChildProcess;
      victim.kill("SIGKILL");
      await worker(c);
      const r = await release;
      expect(r.status, `kill ${k}: ${r.stderr}`).toBe(0);
      expect(entries(c), `kill ${k}`).toHaveLength(1);
      expect(released(c).equals(reference.bytes), `kill ${k}`).toBe(true);
      for (const child of children.splice(0)) child.kill("SIGKILL");
    }
  }, 300_000);

  it("a bad row under on_bad_row: reject fails the whole release: nothing recorded, nothing in the folder", async () => {
    const c = copy();
    const lines = readFileSync(c.input, "utf8").split("\n");
    const header = (lines[0] ?? "").split(",");
    const row = lines.length - 10;
    const cells = (lines[row] ?? "").split(",");
    cells[header.indexOf("join_date")] = "2023-02-30";
    lines[row] = cells.join(",");
    writeFileSync(c.input, lines.join("\n"));
    await Promise.all([worker(c), worker(c)]);
    const r = await run(c, distributed(c, at));
    expect(r.status).not.toBe(0);
    // the row and the field are named, never the value
    expect(r.stderr).toMatch(/join_date/);
    expect(r.stderr).not.toMatch(/2023-02-30/);
    expect(entries(c)).toEqual([]);
    expect(readdirSync(c.out).filter((n) => n !== ".jikimi-parts")).toEqual([]);
    expect(readdirSync(join(c.out, ".jikimi-parts"))).toEqual([]);
  }, 120_000);

  it("a release failed on its first partition withdraws the partitions no worker took, and leaves nothing staged", async () => {
    const c = copy();
    const lines = readFileSync(c.input, "utf8").split("\n");
    const header = (lines[0] ?? "").split(",");
    const cells = (lines[2] ?? "").split(",");
    cells[header.indexOf("join_date")] = "2023-02-30";
    lines[2] = cells.join(",");
    writeFileSync(c.input, lines.join("\n"));
    // one worker, one job at a time: when partition 1 fails the others are still waiting in the queue
    await worker(c);
    const r = await run(c, distributed(c, at));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/join_date/);
    const parts = new Queue("jikimi-partition", {
      connection: { host: new URL(redis.url).hostname, port: Number(new URL(redis.url).port) },
      prefix: c.queue,
    });
    try {
      const counts = await parts.getJobCounts("waiting", "delayed", "prioritized", "active");
      expect(counts).toMatchObject({ waiting: 0, delayed: 0, prioritized: 0, active: 0 });
    } finally {
      await parts.close();
    }
    expect(entries(c)).toEqual([]);
    expect(readdirSync(join(c.out, ".jikimi-parts"))).toEqual([]);
  }, 120_000);

  it("Redis restarted mid-release: the release fails cleanly with nothing recorded (or resumes), and runs again to one entry", async () => {
    const own = await startRedis(join(root.dir));
    try {
      const c = copy();
      await Promise.all([worker(c, own.url), worker(c, own.url)]);
      const release = run(c, distributed(c, at, own.url));
      // mid-release: once the first partition is done (its result file in the staging folder)
      const staging = join(c.out, ".jikimi-parts");
      const started = Date.now();
      const done = () => {
        try {
          return readdirSync(staging).some((id) =>
            readdirSync(join(staging, id)).some((n) => n.endsWith(".json")),
          );
        } catch {
          return false;
        }
      };
      while (!done() && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
      await own.restart();
      const r = await release;
      if (r.status === 0) {
        // resumed: recorded once, whole
        expect(entries(c)).toHaveLength(1);
        expect(released(c).equals(reference.bytes)).toBe(true);
        return;
      }
      expect(r.stderr).toMatch(/no longer in the queue|failed/);
      expect(entries(c)).toEqual([]);
      expect(readdirSync(c.out).filter((n) => n !== ".jikimi-parts")).toEqual([]);
      // the workers reconnect by themselves; the release enqueued again records once
      const again = await run(c, distributed(c, at, own.url));
      expect(again.status, again.stderr).toBe(0);
      expect(entries(c)).toHaveLength(1);
      expect(released(c).equals(reference.bytes)).toBe(true);
    } finally {
      await own.stop();
    }
  }, 120_000);
});
