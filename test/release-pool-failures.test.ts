// every failure of the share workers (out of memory, a worker that exits or throws, a full disk, an output
// folder that cannot take the file) ends in one clear JikimiError, exit 2 through the CLI, never a stack trace
// or an unhandled rejection. The built package runs here (dist/): from sources the pool runs every block inline.
// `node:worker_threads` is wrapped so the test holds the workers the pool starts and can give them limits.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import type * as WorkerThreads from "node:worker_threads";
import type { ResourceLimits, Worker, WorkerOptions } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type * as ConsentModule from "../src/consent/index.js";
import type * as KeyringModule from "../src/crypto/keyring.js";
import type * as SigningModule from "../src/crypto/signing.js";
import type * as PoolModule from "../src/engine/release/pool.js";
import type { ReleasePlan } from "../src/engine/release/processor.js";
import type * as ShareModule from "../src/engine/share.js";
import type * as FolderSinkModule from "../src/io/folder-sink.js";
import type * as RecordSourceModule from "../src/io/record-source.js";
import type { FieldTable } from "../src/io/records/field-table.js";
import type * as RunLocksModule from "../src/io/run-locks.js";
import type * as WorkspaceReader from "../src/io/workspace-reader.js";
import type * as LedgerModule from "../src/ledger/ledger.js";
import type * as DictionaryModule from "../src/ledger/subjects/dictionary.js";
import type * as HasherModule from "../src/ledger/subjects/subject-hasher.js";
import type * as LoadModule from "../src/model/load.js";
import type * as SqliteModule from "../src/store/sqlite/index.js";
import { jikimi, ROOT, recentIso, tempDir } from "./support/cli.js";
import { consentingTemplate } from "./support/template.js";

/** the workers the pool started, and the limits the next ones get */
const seam = vi.hoisted(() => ({ workers: [] as Worker[], limits: undefined as ResourceLimits | undefined }));

vi.mock("node:worker_threads", async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class Tracked extends real.Worker {
    constructor(file: string | URL, options: WorkerOptions = {}) {
      super(file, seam.limits ? { ...options, resourceLimits: seam.limits } : options);
      seam.workers.push(this);
    }
  }
  return { ...real, default: { ...real, Worker: Tracked }, Worker: Tracked };
});

const MAIN = join(ROOT, "dist", "bin", "jikimi.js");
const FAULTS = join(ROOT, "test", "support", "release-faults.mjs");
const AGREEMENT = "nsf-credit-feed";
/** about 9 MB of customers: five 2 MiB blocks, so the workers hold blocks when something fails */
const ROWS = 60_000;
/** small enough to run out of memory on a block of 50,000 rows, large enough to start */
const TIGHT: ResourceLimits = { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 };

/** A module of the built package, typed as its source. */
const built = <T>(path: string): Promise<T> => import(join(ROOT, "dist", path)) as Promise<T>;

let pool: typeof PoolModule;
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => {
  unhandled.push(e);
};

let root: { dir: string; cleanup: () => void };
/** a consenting workspace over ROWS customers, its keyring and input, copied by each CLI case */
let template: string;

beforeAll(async () => {
  pool = await built<typeof PoolModule>("engine/release/pool.js");
  process.on("unhandledRejection", onUnhandled);
  root = tempDir("jikimi-pool-");
  template = join(root.dir, "template");
  consentingTemplate(template, ROWS, 7);
}, 60_000);

afterAll(() => {
  process.off("unhandledRejection", onUnhandled);
  root?.cleanup();
});

const cleanups: (() => void)[] = [];
afterEach(async () => {
  seam.limits = undefined;
  await Promise.all(seam.workers.splice(0).map((w) => w.terminate()));
  for (const c of cleanups.splice(0)) c();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** No unhandled rejection surfaced, also a moment after the failure (a late worker message or exit). */
async function expectNoUnhandled(): Promise<void> {
  await sleep(100);
  expect(unhandled.map(String)).toEqual([]);
}

const columns = ["customer_id", "phone", "balance"];
const plan: ReleasePlan = {
  columns,
  checks: {
    customer_id: { type: "string", nullable: false },
    balance: { type: "integer", nullable: false },
  },
  subjectColumn: 0,
  subjectKey: new Uint8Array(32).fill(7),
  fields: ["customer_id", "phone", "balance"].map((name, column) => ({
    name,
    column,
    transform: "keep",
    options: {},
    keys: {},
    type: "string",
  })),
  sample: 0,
};

/** A CSV block (no header) of `n` records. */
function block(n: number, from = 0): Uint8Array {
  const lines: string[] = [];
  for (let i = from; i < from + n; i++)
    lines.push(`c${i},010-1234-${String(i % 10_000).padStart(4, "0")},${i}`);
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

/** Every promise's outcome: the value, or the error it rejected with. */
const settle = <T>(ps: Promise<T>[]) =>
  Promise.all(
    ps.map((p) =>
      p.then(
        (v) => ({ v }),
        (e: unknown) => ({ e }),
      ),
    ),
  );

interface Failure {
  name: string;
  code: string;
  message: string;
}
const failure = (e: unknown): Failure => {
  const x = e as Partial<Failure>;
  return { name: String(x.name), code: String(x.code), message: String(x.message) };
};

describe("the release pool", () => {
  it("a worker out of memory rejects every block in flight and every later one with one clear error", async () => {
    const p = new pool.ReleasePool(plan, 2, TIGHT);
    // block 0 runs on the calling thread; the rest go to the workers
    const first = await p.submit({ kind: "csv", bytes: block(10) });
    expect(first.released).toBe(10);
    const results = await settle(
      [1, 2, 3, 4].map((i) => p.submit({ kind: "csv", bytes: block(50_000, i * 50_000) })),
    );
    const errors = results.map((r) => ("e" in r ? failure(r.e) : undefined));
    expect(errors.filter((e) => e !== undefined).length, "no block failed").toBeGreaterThan(0);
    for (const e of errors.filter((x) => x !== undefined)) {
      expect(e).toMatchObject({ name: "JikimiError", code: "worker_failed" });
      // what happened, that nothing went out, and the fix
      expect(e?.message).toMatch(/ran out of memory/);
      expect(e?.message).toMatch(/nothing was released or recorded/);
      expect(e?.message).toMatch(/--max-old-space-size=\d+|fewer --threads|--threads 0/);
    }
    // a failed pool takes no more blocks
    await expect(p.submit({ kind: "csv", bytes: block(10) })).rejects.toMatchObject({
      code: "worker_failed",
    });
    await expect(p.close()).resolves.toBeUndefined();
    await expectNoUnhandled();
  });

  it("a worker that exits while it holds a block fails the pool with a clear error, not a hang", async () => {
    const p = new pool.ReleasePool(plan, 2);
    await p.submit({ kind: "csv", bytes: block(10) });
    const inFlight = [1, 2, 3, 4].map((i) => p.submit({ kind: "csv", bytes: block(50_000, i * 50_000) }));
    expect(seam.workers).toHaveLength(2);
    // killed under the pool (what a crash or an external terminate looks like to it)
    await seam.workers[0]?.terminate();
    const results = await Promise.race([settle(inFlight), sleep(10_000).then(() => undefined)]);
    expect(results, "the blocks in flight never settled").toBeDefined();
    const errors = (results ?? []).flatMap((r) => ("e" in r ? [failure(r.e)] : []));
    expect(errors.length, "no block failed").toBeGreaterThan(0);
    for (const e of errors) {
      expect(e).toMatchObject({ name: "JikimiError", code: "worker_failed" });
      expect(e.message).toMatch(
        /stopped unexpectedly \(exit code \d+\): nothing was released or recorded; run again/,
      );
    }
    await expect(p.submit({ kind: "csv", bytes: block(10) })).rejects.toMatchObject({
      code: "worker_failed",
    });
    await expect(p.close()).resolves.toBeUndefined();
    await expectNoUnhandled();
  });

  it("a block that makes a worker throw rejects with a clear error naming the failure, never its values", async () => {
    const p = new pool.ReleasePool(plan, 2);
    await p.submit({ kind: "csv", bytes: block(10) });
    // a table whose offsets lie: the worker's processing throws a plain (non-Jikimi) error
    const broken = { kind: "table", table: { records: 3 } as unknown as FieldTable } as const;
    const e = failure(
      await p.submit(broken).then(
        () => undefined,
        (x: unknown) => x,
      ),
    );
    expect(e).toMatchObject({ name: "JikimiError", code: "worker_failed" });
    expect(e.message).toMatch(
      /^a share worker failed \((\w*Error)\): nothing was released or recorded; run again/,
    );
    await p.close();
    await expectNoUnhandled();
  });
});

describe("share() when its workers run out of memory", () => {
  it("rejects with worker_failed, leaves no file, temporary, journal or entry, and releases its lock", async () => {
    const m = {
      share: await built<typeof ShareModule>("engine/share.js"),
      source: await built<typeof RecordSourceModule>("io/record-source.js"),
      sink: await built<typeof FolderSinkModule>("io/folder-sink.js"),
      locks: await built<typeof RunLocksModule>("io/run-locks.js"),
      keyring: await built<typeof KeyringModule>("crypto/keyring.js"),
      signing: await built<typeof SigningModule>("crypto/signing.js"),
      reader: await built<typeof WorkspaceReader>("io/workspace-reader.js"),
      load: await built<typeof LoadModule>("model/load.js"),
      sqlite: await built<typeof SqliteModule>("store/sqlite/index.js"),
      dictionary: await built<typeof DictionaryModule>("ledger/subjects/dictionary.js"),
      hasher: await built<typeof HasherModule>("ledger/subjects/subject-hasher.js"),
      ledger: await built<typeof LedgerModule>("ledger/ledger.js"),
      consent: await built<typeof ConsentModule>("consent/index.js"),
    };
    const { dir, cleanup } = tempDir("jikimi-pool-share-");
    cleanups.push(cleanup);
    cpSync(template, dir, { recursive: true });
    const ws = join(dir, "ws");
    const loaded = m.load.loadWorkspace(m.reader.diskReader(ws));
    if (!loaded.ok) throw new Error("the workspace did not load");
    const keyring = m.keyring.loadKeyring(join(dir, "k.keyring"), {});
    const store = m.sqlite.openSqliteStore(join(ws, ".jikimi", "state.db"));
    cleanups.unshift(() => store.database.close());
    const sk = keyring.active("ledger-subjects");
    const hasher = m.hasher.fastSubjectHasher(sk.id, Buffer.from(sk.secret, "base64"));
    const subjects = new m.dictionary.SubjectDictionary();
    // `keys init` keeps the log signing key in a file of its own beside the keyring
    const signer = m.signing.signerFrom(
      m.keyring.loadKeyring(join(dir, "k.keyring.log-key"), {}).active("ledger-signing"),
    );
    const ledger = new m.ledger.Ledger({ store: store.ledger, subjects, hasher, signer, log: "Hanbit Pay" });
    const out = join(dir, "out");
    mkdirSync(out);
    const request = {
      workspace: loaded.workspace,
      agreement: AGREEMENT,
      source: m.source.fileSource(join(dir, "customers.csv")),
      sink: m.sink.folderSink(out, loaded.workspace.root),
      locks: m.locks.processLocks(loaded.workspace.root),
      at: new Date(recentIso(1)),
      operator: "test",
      keyring,
      signer,
      ledger,
      consent: new m.consent.ConsentRegistry(store.consent, subjects, hasher),
      hasher,
      threads: 2,
    };
    seam.limits = TIGHT;
    const e = failure(
      await m.share.share(request).then(
        () => undefined,
        (x: unknown) => x,
      ),
    );
    expect(e).toMatchObject({ name: "JikimiError", code: "worker_failed" });
    expect(e.message).toMatch(/ran out of memory: nothing was released or recorded/);
    expect(seam.workers.length, "the release never reached the workers").toBeGreaterThan(0);
    expect(readdirSync(out)).toEqual([]);
    expect(readdirSync(join(ws, ".jikimi", "tmp"))).toEqual([]);
    expect(await ledger.size()).toBe(0);
    await expectNoUnhandled();
    // the lock went with the run: the same release with room to work goes through
    seam.limits = undefined;
    const r = await m.share.share(request);
    expect(r.entry?.seq).toBe(0);
    const name = basename(r.output ?? "");
    expect(readdirSync(out).sort()).toEqual([name, `${name}.manifest.json`]);
  });
});

describe("jikimi share when the disk fails under its workers", () => {
  /** A copy of the template; the CLI runs with `prefix` (a shell limit) and `env` (a fault). */
  function newCase() {
    const { dir, cleanup } = tempDir("jikimi-pool-cli-");
    cleanups.push(cleanup);
    cpSync(template, dir, { recursive: true });
    const ws = join(dir, "ws");
    const out = join(dir, "out");
    const env = { JIKIMI_KEYRING: join(dir, "k.keyring"), JIKIMI_KEYRING_PASSPHRASE: "" };
    const args = (at: string) => [
      "share",
      AGREEMENT,
      "-w",
      ws,
      "-i",
      join(dir, "customers.csv"),
      "--out-dir",
      out,
      "--at",
      at,
      "--threads",
      "2",
    ];
    return { dir, ws, out, env, args };
  }

  /** One line `jikimi: ...` on stderr, no stack frame, no internal error. */
  function expectOneCleanLine(stderr: string): string {
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toMatch(/internal error|node:internal|Unhandled|Error:/);
    const lines = stderr.split("\n").filter((l) => l !== "");
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^jikimi: /);
    return lines[0] ?? "";
  }

  it("a file size limit hit while the workers hold blocks exits 2 with one clear line, 3 times in a row", () => {
    const c = newCase();
    for (let i = 0; i < 3; i++) {
      // 512 KiB: the workspace's files open, the released file (about 2 MB) does not fit; SIGXFSZ is ignored
      // so the write fails with EFBIG, as on a full disk
      const r = spawnSync(
        "bash",
        [
          "-c",
          'ulimit -f 512; trap "" XFSZ; exec "$0" "$@"',
          process.execPath,
          MAIN,
          ...c.args(recentIso(3 - i)),
        ],
        { env: { ...process.env, NO_COLOR: "1", ...c.env }, encoding: "utf8" },
      );
      expect(r.status, `run ${i + 1}: ${r.stderr}`).toBe(2);
      const line = expectOneCleanLine(r.stderr);
      expect(line).toContain(c.out);
      expect(line).toMatch(/disk is full \(EFBIG\)/);
      expect(line).toMatch(/nothing was released or recorded/);
      expect(existsSync(c.out) ? readdirSync(c.out) : []).toEqual([]);
      expect(readdirSync(join(c.ws, ".jikimi", "tmp"))).toEqual([]);
    }
    const log = jikimi(["ledger", "log", "--json", "-w", c.ws], { env: c.env });
    expect(JSON.parse(log.stdout)).toEqual([]);
  });

  it("an output folder that refuses the file after the append exits 2 naming it and `jikimi ledger repair`", () => {
    const c = newCase();
    // root ignores chmod: the preload makes the link into the output folder fail as a read-only folder does
    const r = spawnSync(process.execPath, ["--import", FAULTS, MAIN, ...c.args(recentIso(2))], {
      env: { ...process.env, NO_COLOR: "1", ...c.env, JIKIMI_TEST_FAULT: `eacces:^${AGREEMENT}-.*\\.csv$` },
      encoding: "utf8",
    });
    expect(r.status, r.stderr).toBe(2);
    const line = expectOneCleanLine(r.stderr);
    expect(line).toContain(c.out);
    expect(line).toContain("jikimi ledger repair");
    // the entry is committed and its journal kept: the repair, with the folder writable again, places the file
    const repaired = jikimi(["ledger", "repair", "-w", c.ws], { env: c.env });
    expect(repaired.status, repaired.stderr).toBe(0);
    expect(repaired.stdout).toMatch(/finished the interrupted release .*\(ledger entry 0\)/);
    const names = readdirSync(c.out).sort();
    expect(names).toHaveLength(2);
    expect(names[1]).toBe(`${names[0]}.manifest.json`);
    rmSync(c.out, { recursive: true });
  });
});
