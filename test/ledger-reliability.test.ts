// the ledger under a killed process and under two concurrent writers: always a log that verifies,
// holding each entry whole or not at all.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { initKeyring } from "../src/crypto/keyring.js";
import { verifyLedger } from "../src/ledger/verify.js";
import { openStore } from "../src/store/sqlite.js";

const WORKER = fileURLToPath(new URL("./support/append-worker.mjs", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-reliability-"));
  dirs.push(dir);
  const keyring = join(dir, "k.keyring");
  const ring = initKeyring(keyring, new Date());
  const signing = ring.active("ledger-signing");
  const state = join(dir, "ws");
  openStore(state).close();
  return { state, keyring, trusted: new Map([[signing.id, signing.public ?? ""]]) };
}

function run(state: string, keyring: string, count: number, tag: string, killAfterMs?: number) {
  return new Promise<{ code: number | null; signal: string | null; appended: number }>((resolve) => {
    const child = spawn(process.execPath, [WORKER, state, keyring, String(count), tag], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let armed = false;
    child.stdout.on("data", (d) => {
      out += String(d);
      // the kill is timed from the moment the child is set up, so it lands during appends, whatever
      // the machine's load does to start-up time
      if (!armed && killAfterMs !== undefined && out.includes("ready")) {
        armed = true;
        setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      }
    });
    child.stderr.on("data", (d) => {
      out += String(d);
    });
    child.on("exit", (code, signal) =>
      resolve({ code, signal, appended: (out.match(/appended/g) ?? []).length }),
    );
  });
}

function check(state: string, trusted: Map<string, string>) {
  const store = openStore(state);
  try {
    const report = verifyLedger(store.db, trusted);
    const counts = store.db
      .prepare(
        "SELECT (SELECT COUNT(*) FROM ledger_entries) AS entries, (SELECT COUNT(*) FROM ledger_heads) AS heads, (SELECT COUNT(*) FROM ledger_subject_sets) AS sets",
      )
      .get() as { entries: number; heads: number; sets: number };
    return { report, counts };
  } finally {
    store.close();
  }
}

describe("ledger reliability", () => {
  it("a process killed at random moments of appending leaves a log that verifies, 20 times", async () => {
    const { state, keyring, trusted } = setup();
    let killed = 0;
    let previous = 0;
    for (let round = 0; round < 20; round++) {
      const r = await run(state, keyring, 1000, "k", 20 + Math.floor(Math.random() * 300));
      if (r.signal === "SIGKILL") killed++;
      const { report, counts } = check(state, trusted);
      expect(report.problems).toEqual([]);
      expect(report.ok).toBe(true);
      expect(counts.heads).toBe(counts.entries);
      expect(counts.sets).toBe(counts.entries);
      expect(counts.entries).toBeGreaterThanOrEqual(previous + r.appended);
      previous = counts.entries;
    }
    expect(killed).toBeGreaterThanOrEqual(15);
    expect(previous).toBeGreaterThan(20);
  }, 120_000);

  it("two processes appending at once both land, and the log verifies", async () => {
    const { state, keyring, trusted } = setup();
    const [a, b] = await Promise.all([run(state, keyring, 25, "a"), run(state, keyring, 25, "b")]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const { report, counts } = check(state, trusted);
    expect(report.ok).toBe(true);
    expect(counts.entries).toBe(50);
  }, 60_000);
});
