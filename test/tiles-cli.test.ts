// `jikimi ledger publish` and `jikimi verify log` end to end: the operator publishes the ledger as tiles, and
// anyone verifies them with the published vkey, from another folder, with no keyring, database or workspace.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ExitCode } from "../src/cli/exit-codes.js";
import { exampleWorkspace, jikimi, tempDir } from "./support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const ago = (days: number) => new Date(Date.now() - days * 86_400_000 - 3_600_000).toISOString();

/** A workspace of the corrected example with keys, consent for three customers, and two recorded releases. */
function workspace() {
  const { dir, ws, run } = exampleWorkspace(cleanups, { keys: true });
  const consent = join(dir, "consent.csv");
  writeFileSync(
    consent,
    `subject,purpose,action,at,source\n${[1, 2, 3].map((n) => `HB${String(n).padStart(10, "0")},nsf-provision-overseas,grant,2024-01-01T00:00:00Z,app`).join("\n")}\n`,
  );
  expect(run(["consent", "import", consent]).status).toBe(0);
  for (const days of [2, 1]) {
    const t = run(["ledger", "template", "nsf-credit-feed", "--at", ago(days), "--format", "json"]);
    expect(t.status, t.stderr).toBe(0);
    const m = JSON.parse(t.stdout) as Record<string, unknown>;
    m.records = 3;
    m.operator = "ops@hanbitpay.example";
    writeFileSync(join(dir, "subjects.csv"), "customer_id\nHB0000000001\nHB0000000002\nHB0000000003\n");
    writeFileSync(join(dir, "release.yaml"), stringify(m));
    const r = run(["ledger", "record", "-m", join(dir, "release.yaml")]);
    expect(r.status, r.stderr).toBe(0);
  }
  return { dir, ws, run };
}

describe("jikimi ledger publish + jikimi verify log", () => {
  it("publishes the ledger as tiles that verify with the vkey alone, and fail once a byte changes", () => {
    const { dir, ws, run } = workspace();
    const out = join(dir, "public", "ledger");
    const published = run(["ledger", "publish", out]);
    expect(published.status, published.stderr).toBe(0);
    expect(published.stdout).toMatch(/published jikimi\/Hanbit-Pay-Co\.,-Ltd\. at size 2 to /);
    expect(published.stdout).toMatch(
      /2 new entries into an empty folder\n {2}wrote 1 hash tile, 1 entry bundle and the checkpoint: [\d,]+ bytes/,
    );
    const vkey = run(["ledger", "vkey"]).stdout.trim();

    // a stranger: another working folder, an empty HOME, no keyring, no workspace
    const { dir: stranger, cleanup } = tempDir("jikimi-stranger-");
    cleanups.push(cleanup);
    const env = { HOME: stranger, JIKIMI_KEYRING: "", JIKIMI_WORKSPACE: "" };
    const verify = (extra: string[] = []) =>
      jikimi(["verify", "log", "--tiles", out, "--vkey", vkey, ...extra], { cwd: stranger, env });
    const ok = verify();
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok: jikimi\/Hanbit-Pay-Co\.,-Ltd\., 2 entries, root [0-9a-f]{64}/);
    const json = JSON.parse(verify(["--format", "json"]).stdout) as { ok: boolean; size: number };
    expect(json).toMatchObject({ ok: true, size: 2 });

    // another release, published again, verifies against the checkpoint kept from before
    const kept = join(stranger, "kept.checkpoint");
    writeFileSync(kept, readFileSync(join(out, "checkpoint")));
    const template = JSON.parse(
      run(["ledger", "template", "nsf-credit-feed", "--format", "json"]).stdout,
    ) as Record<string, unknown>;
    template.records = 3;
    template.operator = "ops@hanbitpay.example";
    writeFileSync(join(dir, "release.yaml"), stringify(template));
    expect(run(["ledger", "record", "-m", join(dir, "release.yaml")]).status).toBe(0);
    expect(run(["ledger", "publish", out]).status).toBe(0);
    const grown = verify(["--against", kept]);
    expect(grown.status, grown.stdout).toBe(0);
    expect(grown.stdout).toMatch(/3 entries.*consistent with the checkpoint of size 2/);

    // one changed byte in an entry bundle
    const bundle = join(out, "tile", "entries", "000.p", "3");
    const bytes = readFileSync(bundle);
    bytes[40] = (bytes[40] as number) ^ 1;
    writeFileSync(bundle, bytes);
    const bad = verify();
    expect(bad.status).toBe(ExitCode.findings);
    expect(bad.stdout).toMatch(/^FAILED: 1 problem\n {2}changed at entry 0 \[tile\/entries\/000\.p\/3\]/);

    // a tampered database is refused before anything is written: the folder keeps what it had
    const before = readdirSync(out, { recursive: true }).sort();
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare("UPDATE ledger_entries SET body = replace(body, 'ops@', 'opz@') WHERE seq = 1").run();
    db.close();
    const refused = run(["ledger", "publish", out]);
    expect(refused.status).toBe(ExitCode.findings);
    expect(refused.stdout).toMatch(/FAILED: the ledger does not verify .*nothing was published/);
    expect(readdirSync(out, { recursive: true }).sort()).toEqual(before);
    expect(readFileSync(bundle).equals(bytes)).toBe(true);
  });

  it("needs the vkey, and names a folder that is not there", () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const missing = jikimi(["verify", "log", "--tiles", join(dir, "nothing"), "--vkey", "a+00000000+AA=="]);
    expect(missing.status).toBe(ExitCode.usage);
    expect(missing.stderr).toMatch(/nothing is not a folder: give the folder `jikimi ledger publish` wrote/);
    expect(jikimi(["verify", "log", "--tiles", dir]).status).toBe(ExitCode.usage);
  });
});
