// the ledger and keys commands end to end, as an operator and a regulator use them.
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { jikimi, tempDir } from "./support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const ws = join(dir, "ws");
  const env = { JIKIMI_KEYRING: join(dir, "keys", "test.keyring") };
  expect(jikimi(["init", ws, "--example", "nsf-case-corrected"]).status).toBe(0);
  const run = (args: string[]) => jikimi([...args, "-w", ws], { env });
  return { dir, ws, env, run };
}

const MANIFEST = `time: 2024-05-31T02:00:00Z
agreement: { id: nsf-credit-feed, version: 2, digest: "${"0".repeat(64)}" }
recipient: { id: orbit-pay-sg, name: Orbit Payments Pte. Ltd., country: SG }
legal_basis: consent
purposes: [nsf-scoring]
fields:
  - { name: customer_id, transform: pseudonym, key_id: master-1, categories: [user.unique_id.account] }
records: 3
operator: ops@hanbitpay.example
subjects: { file: subjects.csv, column: customer_id }
`;

function manifest(
  dir: string,
  text = MANIFEST,
  subjects = "customer_id\nHB0000000001\nHB0000000002\nHB0000000003\n",
) {
  writeFileSync(join(dir, "subjects.csv"), subjects);
  writeFileSync(join(dir, "release.yaml"), text);
  return join(dir, "release.yaml");
}

describe("jikimi keys", () => {
  it("creates a 0600 keyring outside the workspace, lists ids only, and never overwrites", () => {
    const { env, run } = setup();
    const init = run(["keys", "init"]);
    expect(init.status, init.stderr).toBe(0);
    expect(statSync(env.JIKIMI_KEYRING).mode & 0o777).toBe(0o600);
    const list = run(["keys", "list", "--json"]);
    const keys = JSON.parse(list.stdout) as { id: string; purpose: string }[];
    expect(keys.map((k) => k.purpose).sort()).toEqual(["ledger-signing", "ledger-subjects", "master"]);
    expect(list.stdout).not.toMatch(/secret/);
    expect(run(["keys", "init"]).status).toBe(2);
  });

  it("refuses a keyring path inside the workspace", () => {
    const { ws } = setup();
    const r = jikimi(["keys", "init", "-w", ws], { env: { JIKIMI_KEYRING: join(ws, "keys.keyring") } });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/inside the workspace/);
  });
});

describe("jikimi ledger", () => {
  it("records a manifest, lists it, answers a subject, and verifies against a checkpoint", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    const file = manifest(dir);
    expect(run(["ledger", "record", "-m", file]).status).toBe(0);
    expect(run(["ledger", "record", "-m", file]).status).toBe(0);
    const log = JSON.parse(run(["ledger", "log", "--json"]).stdout) as {
      seq: number;
      subjects: { count: number };
    }[];
    expect(log.map((e) => e.seq)).toEqual([1, 0]);
    expect(log[0]?.subjects.count).toBe(3);
    const subject = JSON.parse(run(["ledger", "subject", "HB0000000002", "--json"]).stdout) as {
      count: number;
    };
    expect(subject.count).toBe(2);
    expect(run(["ledger", "subject", "HB9999999999"]).stdout).toMatch(/no recorded release/);
    const cp = join(dir, "checkpoint.json");
    expect(run(["ledger", "checkpoint", "-o", cp]).status).toBe(0);
    const ok = run(["ledger", "verify", "--against", cp]);
    expect(ok.stdout).toMatch(/^ok: 2 entries/);
    expect(ok.status).toBe(0);
    const proof = JSON.parse(run(["ledger", "proof", "0"]).stdout) as { proof: string[]; size: number };
    expect(proof.size).toBe(2);
    expect(proof.proof).toHaveLength(1);
  });

  it("verify exits 1 and names the entry after tampering", () => {
    const { dir, ws, run } = setup();
    run(["keys", "init"]);
    const file = manifest(dir);
    for (let i = 0; i < 3; i++) run(["ledger", "record", "-m", file]);
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare(
      `UPDATE ledger_entries SET body = replace(body, '"records":3', '"records":4') WHERE seq = 1`,
    ).run();
    db.close();
    const r = run(["ledger", "verify"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/changed at entry 1/);
  });

  it("a bad manifest or subjects file records nothing and never echoes subject keys", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    const bad = run([
      "ledger",
      "record",
      "-m",
      manifest(dir, MANIFEST.replace("records: 3", "records: lots")),
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/release.yaml:8:10 +wrong_type/);
    const empty = run([
      "ledger",
      "record",
      "-m",
      manifest(dir, MANIFEST, "customer_id\nHB0000000001\n\nHB0000000003\n"),
    ]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/subjects.csv:3: empty subject key/);
    expect(empty.stderr + empty.stdout).not.toMatch(/HB000000000/);
    expect(JSON.parse(run(["ledger", "log", "--json"]).stdout)).toEqual([]);
  });

  it("prune refuses entries younger than 3 years", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    run(["ledger", "record", "-m", manifest(dir)]);
    const r = run(["ledger", "prune", "--before", "2099-01-01"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/retention/);
  });

  it("without a keyring, says how to make one", () => {
    const { run } = setup();
    const r = run(["ledger", "log"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/jikimi keys init/);
  });
});
