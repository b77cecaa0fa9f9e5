// the ledger under killed processes, concurrent writers and a lost database connection, on every backend: each
// appending process stands in for a gateway host. Always a log that verifies, holding each entry whole or not at
// all, with no gap and no duplicate.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initKeyring } from "../src/crypto/keyring.js";
import { verifyLedger } from "../src/ledger/verify.js";
import type { StateStore } from "../src/ports/state-store.js";
import { openStateStore } from "../src/store/open.js";
import { openPostgres } from "../src/store/postgres/connect.js";
import { describePostgres, type TestDatabase } from "./support/postgres.js";

const WORKER = fileURLToPath(new URL("./support/append-worker.mjs", import.meta.url));

interface Backend {
  /** what the worker is given: a workspace folder or a database URL */
  where: string;
  open(): Promise<StateStore>;
}

interface Run {
  code: number | null;
  signal: string | null;
  appended: number[];
  out: string;
}

function start(
  backend: Backend,
  keyring: string,
  count: number,
  tag: string,
  options: {
    subjects?: number;
    onReady?: (child: ChildProcess) => void;
    onAppended?: (child: ChildProcess) => void;
  } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [WORKER, backend.where, keyring, String(count), tag, String(options.subjects ?? 3000)],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let ready = false;
    let appended = false;
    child.stdout.on("data", (d) => {
      out += String(d);
      if (!ready && out.includes("ready")) {
        ready = true;
        options.onReady?.(child);
      }
      if (!appended && out.includes("appended")) {
        appended = true;
        options.onAppended?.(child);
      }
    });
    child.stderr.on("data", (d) => {
      out += String(d);
    });
    child.on("exit", (code, signal) =>
      resolve({ code, signal, out, appended: [...out.matchAll(/appended (\d+)/g)].map((m) => Number(m[1])) }),
    );
  });
}

async function check(backend: Backend, trusted: Map<string, string>) {
  const store = await backend.open();
  try {
    const report = await verifyLedger(store.ledger, trusted);
    const counts = await store.ledger.read(async (r) => {
      let heads = 0;
      for await (const _ of r.heads()) heads++;
      let sets = 0;
      for await (const _ of r.sets()) sets++;
      return { entries: await r.entryCount(), heads, sets };
    });
    return { report, counts };
  } finally {
    await store.close();
  }
}

/** The reliability suite over one backend; `extra` adds backend-specific cases. */
function reliability(
  name: string,
  make: () => Promise<Backend>,
  extra?: (ctx: () => { backend: Backend; keyring: string; trusted: Map<string, string> }) => void,
) {
  describe(`ledger reliability: ${name}`, () => {
    let backend: Backend;
    let dir: string;
    let keyring: string;
    let trusted: Map<string, string>;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "jikimi-reliability-"));
      keyring = join(dir, "k.keyring");
      const ring = initKeyring(keyring, new Date());
      const signing = ring.active("ledger-signing");
      trusted = new Map([[signing.id, signing.public ?? ""]]);
      backend = await make();
      await (await backend.open()).close();
    }, 60_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("processes killed at random moments of appending leave a log that verifies, 12 times", async () => {
      let killed = 0;
      let previous = (await check(backend, trusted)).counts.entries;
      for (let round = 0; round < 12; round++) {
        const r = await start(backend, keyring, 1000, "k", {
          // the kill is timed from the child's first append, so it lands during later appends whatever the
          // machine's load and the backend do to start-up and append times
          onAppended: (child) => setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 300)),
        });
        if (r.signal === "SIGKILL") killed++;
        const { report, counts } = await check(backend, trusted);
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
        expect(counts.heads).toBe(counts.entries);
        expect(counts.sets).toBe(counts.entries);
        // every append the process reported is there, and at most the one in flight besides
        expect(counts.entries).toBeGreaterThanOrEqual(previous + r.appended.length);
        expect(counts.entries).toBeLessThanOrEqual(previous + r.appended.length + 1);
        previous = counts.entries;
      }
      expect(killed).toBeGreaterThanOrEqual(9);
      expect(previous).toBeGreaterThan(12);
    }, 240_000);

    it("four processes appending at once all land: no gap, no duplicate, and the log verifies", async () => {
      const before = (await check(backend, trusted)).counts.entries;
      const runs = await Promise.all(["a", "b", "c", "d"].map((tag) => start(backend, keyring, 25, tag)));
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
      const seqs = runs.flatMap((r) => r.appended).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 100 }, (_, i) => before + i));
      const { report, counts } = await check(backend, trusted);
      expect(report.problems).toEqual([]);
      expect(counts.entries).toBe(before + 100);
    }, 180_000);

    extra?.(() => ({ backend, keyring, trusted }));
  });
}

reliability("sqlite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-reliability-ws-"));
  return {
    where: dir,
    open: () => openStateStore({ dialect: "sqlite", file: join(dir, ".jikimi", "state.db") }),
  };
});

describePostgres("ledger reliability on postgres", (db: TestDatabase) => {
  reliability(
    "postgres",
    async () => ({ where: db.url, open: () => openStateStore({ dialect: "postgres", url: db.url }) }),
    (ctx) => {
      /** Holds the sequencer row in a transaction of its own until `release` is called. */
      async function holdSequencer() {
        const pool = openPostgres(db.url, { max: 1 });
        const client = await pool.connect();
        await client.query("BEGIN");
        await client.query("SELECT size FROM ledger_sequencer WHERE id = 1 FOR UPDATE");
        return async () => {
          await client.query("ROLLBACK");
          client.release();
          await pool.end();
        };
      }
      /** Waits until a jikimi connection waits on the sequencer lock; returns its backend pid. */
      async function waitingAppender(): Promise<number> {
        const pool = openPostgres(db.url, { max: 1 });
        try {
          for (let i = 0; i < 300; i++) {
            const { rows } = await pool.query<{ pid: number }>(
              "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%ledger_sequencer%'",
            );
            if (rows[0]) return rows[0].pid;
            await new Promise((r) => setTimeout(r, 100));
          }
          throw new Error("no appender waited on the sequencer");
        } finally {
          await pool.end();
        }
      }

      it("an appender killed while inside its transaction leaves nothing behind and no lock held", async () => {
        const { backend, keyring, trusted } = ctx();
        const before = (await check(backend, trusted)).counts.entries;
        const release = await holdSequencer();
        let child: ChildProcess | undefined;
        const run = start(backend, keyring, 1, "killed", { onReady: (c) => (child = c) });
        await waitingAppender();
        child?.kill("SIGKILL");
        const r = await run;
        await release();
        expect(r.signal).toBe("SIGKILL");
        // the server dropped the dead session's transaction: the next appender takes the sequencer at once
        const next = await start(backend, keyring, 2, "after");
        expect(next.code).toBe(0);
        expect(next.appended).toEqual([before, before + 1]);
        const { report } = await check(backend, trusted);
        expect(report.problems).toEqual([]);
      }, 120_000);

      it("a connection lost mid-append gives store_connection_lost and records nothing", async () => {
        const { backend, keyring, trusted } = ctx();
        const before = (await check(backend, trusted)).counts.entries;
        const release = await holdSequencer();
        const run = start(backend, keyring, 1, "lost");
        const pid = await waitingAppender();
        const admin = openPostgres(db.url, { max: 1 });
        await admin.query("SELECT pg_terminate_backend($1)", [pid]);
        await admin.end();
        const r = await run;
        await release();
        expect(r.code).toBe(1);
        expect(r.out).toContain("failed store_connection_lost");
        expect(r.out).toContain("nothing was recorded");
        expect(r.out).not.toMatch(/postgres:\/\/[^ ]*:[^@ ]+@/);
        const { report, counts } = await check(backend, trusted);
        expect(report.problems).toEqual([]);
        expect(counts.entries).toBe(before);
      }, 120_000);
    },
  );
});
