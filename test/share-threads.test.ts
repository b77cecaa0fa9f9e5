// the share gateway's worker threads give the same release as the main thread alone: byte-identical output
// over an input of several blocks (CSV from a file and from stdin), the same counts and the same subjects.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { jikimi, recentIso, tempDir, writeConsent } from "./support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe("jikimi share --threads", () => {
  it("releases the same bytes on worker threads as on the main thread, over many blocks", () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const env = { JIKIMI_KEYRING: join(dir, "k.keyring") };
    const ws = join(dir, "ws");
    const run = (args: string[], input?: string) => jikimi(args, { env, input });
    expect(run(["init", ws, "--example", "nsf-case-corrected"]).status).toBe(0);
    expect(run(["keys", "init", "-w", ws]).status).toBe(0);
    const input = join(dir, "customers.csv");
    // about 7 MB: the first block runs inline and the rest on the workers
    const gen = ["generate", "customers", "--rows", "50000", "--seed", "3", "--out", input, "--threads", "1"];
    expect(run(gen).status).toBe(0);
    const consent = writeConsent(input, join(dir, "consent.csv"), (i) => i % 3 !== 0);
    expect(run(["consent", "import", consent, "-w", ws]).status).toBe(0);
    const outputs: string[] = [];
    const counts: unknown[] = [];
    /** Releases on `threads` threads at `daysAgo` (inside the back-dating window, later for each run). */
    const share = (threads: string, daysAgo: number, stdin?: string) => {
      const out = join(dir, `out-${threads}-${daysAgo}`);
      const args = ["share", "nsf-credit-feed", "-w", ws, "-i", stdin ? "-" : input, "-o", out];
      const r = run(
        [...args, "--format", "csv", "--at", recentIso(daysAgo), "--threads", threads, "--json"],
        stdin,
      );
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout) as { counts: unknown };
      counts.push(json.counts);
      const file = readdirSync(out).find((f) => f.endsWith(".csv")) ?? "";
      outputs.push(readFileSync(join(out, file), "utf8"));
    };
    share("0", 3);
    share("2", 2);
    share("3", 1, readFileSync(input, "utf8"));
    expect(outputs[0]?.split("\n").length).toBeGreaterThan(5000);
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
    // the ledger holds the same subjects for the three releases
    const log = JSON.parse(run(["ledger", "log", "-w", ws, "--json"]).stdout) as {
      subjects: { digest: string };
    }[];
    expect(new Set(log.map((e) => e.subjects.digest)).size).toBe(1);
  });
});
