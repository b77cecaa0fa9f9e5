// the "done when", end to end through the built CLI: a gateway with two witnesses on loopback releases,
// its checkpoints are cosigned, the log is published as tiles; an inspector with only the log's and the witnesses'
// verifier keys, in an empty HOME with no keyring, database or workspace, verifies the checkpoint, the log from the
// tiles, a person's receipt and the cosignatures, and a monitor keeps watch. Then an insider restores an old copy
// of the database and releases something else: the witnesses refuse (the gateway stops loudly, nothing is placed)
// and the monitor reports the fork.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { jikimi, recentIso, tempDir, writeConsent } from "./support/cli.js";
import { serveWitness } from "./support/witness-serve.js";

const ORIGIN = "ledger.hanbitpay.example/nsf";
const children: ChildProcessWithoutNullStreams[] = [];
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  for (const c of cleanups.splice(0)) c();
});

const serve = async (dir: string) => (await serveWitness(dir, (child) => children.push(child))).url;

/** Copies the state database with its WAL, so it can be restored as an insider would restore a backup. */
function copyState(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const f of readdirSync(from).filter((n) => n.startsWith("state.db")))
    copyFileSync(join(from, f), join(to, f));
}

function restoreState(backup: string, into: string): void {
  for (const f of readdirSync(into).filter((n) => n.startsWith("state.db"))) rmSync(join(into, f));
  for (const f of readdirSync(backup)) copyFileSync(join(backup, f), join(into, f));
}

describe("verifiable from outside (CLI, two witnesses on loopback)", () => {
  it("an inspector verifies checkpoint, tiles, a receipt and cosignatures with public keys only; a rewrite is caught", async () => {
    const { dir, cleanup } = tempDir("jikimi-outside-");
    cleanups.push(cleanup);
    const env = { JIKIMI_KEYRING: join(dir, "keys", "k.keyring") };
    const ws = join(dir, "ws");
    const run = (args: string[]) => jikimi(args, { env });
    expect(run(["init", ws, "--example", "nsf-case-corrected"]).status).toBe(0);
    expect(run(["keys", "init", "-w", ws]).status).toBe(0);
    const input = join(dir, "customers.csv");
    expect(
      run(["generate", "customers", "--rows", "600", "--seed", "4", "--out", input, "--threads", "1"]).status,
    ).toBe(0);
    expect(run(["consent", "import", writeConsent(input, join(dir, "consent.csv")), "-w", ws]).status).toBe(
      0,
    );
    // everyone in scope (linked to the app), so any customer is in every release
    writeFileSync(input, readFileSync(input, "utf8").replaceAll(",false,", ",true,"));

    // the log's origin, and two witnesses that know its key
    const config = join(ws, "jikimi.yaml");
    const yaml = parse(readFileSync(config, "utf8")) as { ledger?: Record<string, unknown> };
    yaml.ledger = { ...(yaml.ledger ?? {}), origin: ORIGIN };
    writeFileSync(config, stringify(yaml));
    const logVkey = run(["ledger", "vkey", "-w", ws]).stdout.trim();
    expect(logVkey).toMatch(/^ledger\.hanbitpay\.example\/nsf\+[0-9a-f]{8}\+/);
    const witnesses: { name: string; url: string; vkey: string }[] = [];
    for (const name of ["witness.audit.example/w1", "witness.civic.example/w2"]) {
      const wdir = join(dir, name.replaceAll("/", "_"));
      const init = jikimi(["witness", "init", "--dir", wdir, "--name", name]);
      expect(init.status, init.stderr).toBe(0);
      expect(
        jikimi(["witness", "add-log", "--dir", wdir, "--origin", ORIGIN, "--vkey", logVkey]).status,
      ).toBe(0);
      witnesses.push({ name, url: await serve(wdir), vkey: init.stdout.trim() });
    }
    yaml.ledger = { ...yaml.ledger, witnesses, witness_quorum: 2, wait_for_witnesses: true };
    writeFileSync(config, stringify(yaml));

    // two releases, each witnessed before its files are placed
    const out = join(dir, "out");
    const share = (at: string, file = input) =>
      run(["share", "nsf-credit-feed", "-w", ws, "-i", file, "-o", out, "--at", at]);
    const first = share(recentIso(3));
    expect(first.status, first.stderr).toBe(0);
    const backup = join(dir, "backup");
    copyState(join(ws, ".jikimi"), backup);
    const second = share(recentIso(2));
    expect(second.status, second.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith(".csv"))).toHaveLength(2);

    const checkpoint = join(dir, "checkpoint.note");
    expect(run(["ledger", "checkpoint", "-w", ws, "-o", checkpoint]).status).toBe(0);
    const note = readFileSync(checkpoint, "utf8");
    for (const w of witnesses) expect(note).toContain(`\u2014 ${w.name} `);
    const tiles = join(dir, "public");
    const published = run(["ledger", "publish", tiles, "-w", ws]);
    expect(published.status, published.stderr).toBe(0);
    const subject = (readFileSync(input, "utf8").split("\n")[1] ?? "").split(",")[0] ?? "";
    const receipt = join(dir, "receipt.json");
    const made = run(["ledger", "receipt", subject, "-w", ws, "-o", receipt]);
    expect(made.status, made.stderr).toBe(0);

    // the inspector: an empty HOME, no keyring, no workspace, public keys only
    const { dir: home, cleanup: away } = tempDir("jikimi-inspector-");
    cleanups.push(away);
    const outside = (args: string[]) =>
      jikimi(args, { cwd: home, env: { HOME: home, JIKIMI_KEYRING: "", JIKIMI_LOG_KEY: "" } });
    const wkeys = witnesses.flatMap((w) => ["--witness", w.vkey]);
    const cp = outside(["verify", "checkpoint", checkpoint, "--vkey", logVkey, ...wkeys, "--quorum", "2"]);
    expect(cp.status, cp.stderr + cp.stdout).toBe(0);
    expect(cp.stdout).toMatch(/size 2/);
    const log = outside(["verify", "log", "--tiles", tiles, "--vkey", logVkey]);
    expect(log.status, log.stderr + log.stdout).toBe(0);
    const mine = outside(["verify", "receipt", receipt, "--vkey", logVkey, ...wkeys, "--subject", subject]);
    expect(mine.status, mine.stderr + mine.stdout).toBe(0);
    const monitor = (args: string[] = []) =>
      outside([
        "ledger",
        "monitor",
        "--tiles",
        tiles,
        "--vkey",
        logVkey,
        "--state",
        join(home, "seen"),
        ...wkeys,
        ...args,
      ]);
    const watched = monitor();
    expect(watched.status, watched.stderr + watched.stdout).toBe(0);

    // the insider: restore the copy from before the second release and release something else in its place
    restoreState(backup, join(ws, ".jikimi"));
    const other = join(dir, "other.csv");
    writeFileSync(other, readFileSync(input, "utf8").split("\n").slice(0, 200).join("\n"));
    const placedBefore = readdirSync(out).length;
    const rewritten = share(recentIso(1), other);
    expect(rewritten.status).toBe(1);
    expect(rewritten.stderr).toMatch(/STOP: witness .* refused/);
    expect(readdirSync(out)).toHaveLength(placedBefore); // nothing placed
    // publishing the rewritten log goes through the witnesses too, and stops the same way
    rmSync(tiles, { recursive: true });
    const refused = run(["ledger", "publish", tiles, "-w", ws]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/STOP: witness/);
    // the insider drops the witnesses from the configuration and publishes over the old location: the monitor
    // sees the fork
    yaml.ledger = { ...yaml.ledger, witnesses: [], wait_for_witnesses: false };
    delete yaml.ledger.witness_quorum;
    writeFileSync(config, stringify(yaml));
    const republished = run(["ledger", "publish", tiles, "-w", ws]);
    expect(republished.status, republished.stderr).toBe(0);
    const alarm = monitor();
    expect(alarm.status).toBe(1);
    expect(alarm.stdout).toMatch(/fork/);
    expect(existsSync(join(home, "seen"))).toBe(true);
  }, 240_000);
});
