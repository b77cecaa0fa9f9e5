// the ledger and keys commands end to end, as an operator and a regulator use them.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseCheckpoint } from "../src/ledger/note/checkpoint.js";
import { openNote, verifierFromVkey, vkeyOf } from "../src/ledger/note/signed-note.js";
import { exampleWorkspace, jikimi } from "./support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const setup = () => exampleWorkspace(cleanups);

const DAY = 86_400_000;
/** An ISO time `days` days and an hour ago: recent enough for the 7-day back-dating window. */
const ago = (days: number) => new Date(Date.now() - days * DAY - 3_600_000).toISOString();

type Run = ReturnType<typeof setup>["run"];

/** Customers HB0000000001..3 consent to the agreement's purpose, as the corrected example asks. */
function consent(dir: string, run: Run, numbers = [1, 2, 3]) {
  const file = join(dir, "consent.csv");
  const rows = numbers.map(
    (n) => `HB${String(n).padStart(10, "0")},nsf-provision-overseas,grant,2024-01-01T00:00:00Z,app`,
  );
  writeFileSync(file, `subject,purpose,action,at,source\n${rows.join("\n")}\n`);
  const r = run(["consent", "import", file]);
  expect(r.status, r.stderr).toBe(0);
}

/** The manifest `ledger template` gives for nsf-credit-feed at `at`, filled in, with `change` applied. */
function manifest(
  dir: string,
  run: Run,
  at: string,
  change: (m: Record<string, unknown>) => void = () => {},
  subjects = "customer_id\nHB0000000001\nHB0000000002\nHB0000000003\n",
) {
  const t = run(["ledger", "template", "nsf-credit-feed", "--at", at, "--format", "json"]);
  expect(t.status, t.stderr).toBe(0);
  const m = JSON.parse(t.stdout) as Record<string, unknown>;
  m.records = 3;
  m.operator = "ops@hanbitpay.example";
  change(m);
  writeFileSync(join(dir, "subjects.csv"), subjects);
  writeFileSync(join(dir, "release.yaml"), stringify(m));
  return join(dir, "release.yaml");
}

describe("jikimi keys", () => {
  it("creates a 0600 keyring outside the workspace, lists ids only, and never overwrites", () => {
    const { env, run } = setup();
    const init = run(["keys", "init"]);
    expect(init.status, init.stderr).toBe(0);
    expect(statSync(env.JIKIMI_KEYRING).mode & 0o777).toBe(0o600);
    const list = run(["keys", "list", "--format", "json"]);
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

// each case runs a dozen CLI processes one after another: 15-20 s alone, three to four times that on a loaded CI machine
describe("jikimi ledger", { timeout: 240_000 }, () => {
  it("records a manifest, lists it, answers a subject, and verifies against a checkpoint", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    consent(dir, run);
    const first = run(["ledger", "record", "-m", manifest(dir, run, ago(2))]);
    expect(first.status, first.stderr).toBe(0);
    expect(run(["ledger", "record", "-m", manifest(dir, run, ago(1))]).status).toBe(0);
    const log = JSON.parse(run(["ledger", "log", "--format", "json"]).stdout) as {
      seq: number;
      subjects: { count: number };
      released_at: string;
      recorded_at: string;
      scope: { where: string };
      consent: { purpose: string; count: number };
    }[];
    expect(log.map((e) => e.seq)).toEqual([1, 0]);
    expect(log[0]?.subjects.count).toBe(3);
    // the entry commits to the scope phase and the consent set it was checked against
    expect(log[0]?.scope.where).toBe("appstore_linked");
    expect(log[0]?.consent).toMatchObject({ purpose: "nsf-provision-overseas", count: 3 });
    expect((log[0]?.recorded_at ?? "") > (log[0]?.released_at ?? "")).toBe(true);
    const subject = JSON.parse(run(["ledger", "subject", "HB0000000002", "--format", "json"]).stdout) as {
      count: number;
    };
    expect(subject.count).toBe(2);
    expect(run(["ledger", "subject", "HB9999999999"]).stdout).toMatch(/no recorded release/);
    // the history in text, aligned: two releases, the same columns; and in Korean
    const history = run(["ledger", "subject", "HB0000000002"]).stdout.split("\n");
    expect(history[2]).toMatch(/^2 releases \(\d+\.\d ms\)$/);
    expect(history[0]?.indexOf("basis: ")).toBe(history[1]?.indexOf("basis: "));
    const ko = run(["ledger", "subject", "HB0000000002", "--lang", "ko"]).stdout;
    expect(ko).toMatch(/법적 근거: /);
    expect(ko).toMatch(/제공 2건 \(/);
    expect(run(["ledger", "subject", "HB9999999999", "--lang", "ko"]).stdout).toMatch(/제공 기록이 없습니다/);
    const cp = join(dir, "checkpoint.json");
    expect(run(["ledger", "checkpoint", "-o", cp]).status).toBe(0);
    const ok = run(["ledger", "verify", "--against", cp]);
    expect(ok.stdout).toMatch(/^ok: 2 entries/);
    expect(ok.status).toBe(0);
    const proof = JSON.parse(run(["ledger", "proof", "0"]).stdout) as { proof: string[]; size: number };
    expect(proof.size).toBe(2);
    expect(proof.proof).toHaveLength(1);
  });

  it("checkpoints are signed notes a standard verifier opens with the published vkey", () => {
    const { dir, ws, run } = setup();
    run(["keys", "init"]);
    consent(dir, run);
    expect(run(["ledger", "record", "-m", manifest(dir, run, ago(2))]).status).toBe(0);
    const cp = join(dir, "checkpoint.note");
    expect(run(["ledger", "checkpoint", "-o", cp]).status).toBe(0);
    const note = readFileSync(cp, "utf8");
    const vkey = run(["ledger", "vkey"]).stdout.trim();
    // c2sp.org/tlog-checkpoint: origin, decimal size, base64 root; the key is named by the origin
    const opened = openNote(note, [verifierFromVkey(vkey)]);
    const body = parseCheckpoint(opened.text);
    expect(body).toMatchObject({ origin: "jikimi/Hanbit-Pay-Co.,-Ltd.", size: 1 });
    expect(vkey.startsWith(`${body.origin}+`)).toBe(true);
    expect(run(["ledger", "verify", "--against", cp, "--vkey", vkey]).status).toBe(0);
    // an altered note, or one no trusted key signed, is refused
    writeFileSync(cp, note.replace(/\n1\n/, "\n2\n"));
    const altered = run(["ledger", "verify", "--against", cp]);
    expect(altered.status).toBe(2);
    expect(altered.stderr).toMatch(/does not verify/);
    writeFileSync(cp, note);
    const stranger = vkeyOf("jikimi/Hanbit-Pay-Co.,-Ltd.", Buffer.alloc(32, 9));
    expect(run(["ledger", "verify", "--against", cp, "--vkey", stranger]).stderr).toMatch(
      /no signature on the note/,
    );
    // a log that lost its entry fails against the note it had signed
    expect(run(["ledger", "record", "-m", manifest(dir, run, ago(1))]).status).toBe(0);
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare("DELETE FROM ledger_entries WHERE seq >= 0").run();
    db.prepare("DELETE FROM ledger_heads").run();
    db.close();
    const r = run(["ledger", "verify", "--against", cp]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/truncated/);
    // the older JSON form is still written and read on request
    const json = join(dir, "checkpoint.json");
    expect(run(["ledger", "checkpoint", "--format", "json", "-o", json]).status).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8"))).toMatchObject({ format: "jikimi-checkpoint/1", size: 0 });
  });

  it("verify exits 1 and names the entry after tampering", () => {
    const { dir, ws, run } = setup();
    run(["keys", "init"]);
    consent(dir, run);
    for (const days of [3, 2, 1])
      expect(run(["ledger", "record", "-m", manifest(dir, run, ago(days))]).status).toBe(0);
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare(
      `UPDATE ledger_entries SET body = replace(body, '"records":3', '"records":4') WHERE seq = 1`,
    ).run();
    db.close();
    const r = run(["ledger", "verify"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/changed at entry 1/);
    // the change index and the dictionary are checked on a worker thread of the built CLI: edits there fail too
    const again = new Database(join(ws, ".jikimi", "state.db"));
    again
      .prepare(`UPDATE ledger_entries SET body = replace(body, '"records":4', '"records":3') WHERE seq = 1`)
      .run();
    expect(run(["ledger", "verify"]).status).toBe(0);
    again.prepare("INSERT INTO ledger_subject_changes (subject, seq) VALUES (0, 2)").run();
    again
      .prepare(
        "UPDATE subject_dict SET data = zeroblob(length(data)) WHERE rowid = (SELECT min(rowid) FROM subject_dict)",
      )
      .run();
    again.close();
    const side = run(["ledger", "verify"]);
    expect(side.status).toBe(1);
    expect(side.stdout).toMatch(/\[ledger_subject_changes\]/);
    expect(side.stdout).toMatch(/\[subject_dict\]/);
  });

  it("verify --incremental saves a state where it passed and, next time, verifies only what came after it", () => {
    const { dir, ws, run } = setup();
    run(["keys", "init"]);
    consent(dir, run);
    expect(run(["ledger", "record", "-m", manifest(dir, run, ago(3))]).status).toBe(0);
    const state = join(dir, "verifier", "verified.json");
    mkdirSync(join(dir, "verifier"));
    // no state yet: a full verify, which saves one (0600, in the verifier's folder)
    const first = run(["ledger", "verify", "--incremental", state]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).not.toMatch(/incremental from/);
    expect(first.stdout).toMatch(/saved the verified state to/);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(state, "utf8")) as {
      log: { size: number };
      consent: { events: number };
    };
    expect([saved.log.size, saved.consent.events]).toEqual([1, 3]);
    // two more releases, one more consent: only they are read, and the state moves on
    consent(dir, run, [4]);
    for (const days of [2, 1])
      expect(run(["ledger", "record", "-m", manifest(dir, run, ago(days))]).status).toBe(0);
    const next = run(["ledger", "verify", "--incremental", state, "--format", "json"]);
    expect(next.status, next.stderr).toBe(0);
    const report = JSON.parse(next.stdout) as { ok: boolean; from: number; size: number; saved: string };
    expect([report.ok, report.from, report.size, report.saved]).toEqual([true, 1, 3, state]);
    expect((JSON.parse(readFileSync(state, "utf8")) as { log: { size: number } }).log.size).toBe(3);
    expect(run(["ledger", "verify", "--incremental", state, "--lang", "ko"]).stdout).toMatch(
      /항목 3부터 증분 검증/,
    );
    // a new entry altered since fails, and the state stays where it was
    // an hour ago: a day after the last release whatever the time of day (half a day ago fell on that day before
    // 13:00 UTC, and the agreement allows one release a day)
    const late = run(["ledger", "record", "-m", manifest(dir, run, ago(0))]);
    expect(late.status, late.stderr + late.stdout).toBe(0);
    const before = readFileSync(state, "utf8");
    const db = new Database(join(ws, ".jikimi", "state.db"));
    db.prepare("DELETE FROM ledger_subject_changes WHERE seq = 3").run();
    db.prepare("INSERT INTO ledger_subject_changes (subject, seq) VALUES (1, 3)").run();
    db.close();
    const bad = run(["ledger", "verify", "--incremental", state]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/\[ledger_subject_changes\]/);
    expect(readFileSync(state, "utf8")).toBe(before);
    // a file that is not a state is refused, naming it and what is wrong
    writeFileSync(state, JSON.stringify({ format: "jikimi-verified-state/1", log: { size: -1 } }));
    const refused = run(["ledger", "verify", "--incremental", state, "--format", "json"]);
    expect(refused.status).toBe(2);
    const error = (JSON.parse(refused.stdout) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("bad_verified_state");
    expect(error.message).toMatch(/verified_at, log.size, log.root, consent/);
  });

  it("a manifest that contradicts its agreement records nothing, naming each contradiction", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    consent(dir, run);
    type Fields = { name: string; transform: string; key_id?: string; categories: string[] }[];
    const cases: [string, (m: Record<string, unknown>) => void, RegExp][] = [
      ["digest", (m) => ((m.agreement as { digest: string }).digest = "0".repeat(64)), /agreement.digest/],
      ["basis", (m) => (m.legal_basis = "entrustment"), /legal_basis is not the agreement's \(consent\)/],
      [
        "extra field",
        (m) => (m.fields as Fields).push({ name: "resident_id", transform: "keep", categories: [] }),
        /field "resident_id" is not released by the agreement/,
      ],
      [
        "hash",
        (m) => {
          const f = (m.fields as Fields)[1] as Fields[number];
          f.transform = "hash";
          delete f.key_id;
        },
        /unkeyed hash transform/,
      ],
      [
        "key id",
        (m) => (((m.fields as Fields)[0] as Fields[number]).key_id = "master-00000000/0000000000000000"),
        /key master-00000000\/0000000000000000 is not a key this keyring derives/,
      ],
      ["recipient", (m) => ((m.recipient as { country: string }).country = "CN"), /recipient.country/],
    ];
    for (const [what, change, message] of cases) {
      const r = run(["ledger", "record", "-m", manifest(dir, run, ago(1), change)]);
      expect(r.status, what).toBe(2);
      expect(r.stderr, what).toMatch(message);
    }
    expect(JSON.parse(run(["ledger", "log", "--format", "json"]).stdout)).toEqual([]);
  });

  it("a recorded release passes the gateway's guards: per-day limit, time order, consent, back-dating", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    consent(dir, run, [1, 2]);
    // HB0000000003 never consented
    const noConsent = run(["ledger", "record", "-m", manifest(dir, run, ago(2))]);
    expect(noConsent.status).toBe(3);
    expect(noConsent.stderr).toMatch(/1 of 3 subjects had not consented/);
    const two = "customer_id\nHB0000000001\nHB0000000002\n";
    expect(run(["ledger", "record", "-m", manifest(dir, run, ago(2), () => {}, two)]).status).toBe(0);
    // a second release the same day, and one dated before the previous release
    const again = run(["ledger", "record", "-m", manifest(dir, run, ago(2), () => {}, two)]);
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/max_releases_per_day is 1/);
    const earlier = run(["ledger", "record", "-m", manifest(dir, run, ago(3), () => {}, two)]);
    expect(earlier.status).toBe(3);
    expect(earlier.stderr).toMatch(/precedes this agreement's previous release/);
    // back-dated by a month: held, unless an override says why, which the entry keeps
    const late = manifest(dir, run, ago(30), () => {}, two);
    const lateRun = run(["ledger", "record", "-m", late]);
    expect(lateRun.status).toBe(3);
    expect(lateRun.stderr).toMatch(/the hold is recorded as entry 4/);
    // one release; each refusal is a signed hold entry with its reasons as data
    const log = JSON.parse(run(["ledger", "log", "--format", "json"]).stdout) as {
      kind: string;
      holds?: { code: string; rule?: string }[];
    }[];
    expect(log.map((e) => e.kind)).toEqual(["hold", "hold", "hold", "release", "hold"]);
    expect(log.map((e) => e.holds?.map((h) => h.rule ?? h.code).join())).toEqual([
      "before_previous,back_dated",
      "before_previous",
      "max_releases_per_day",
      undefined,
      "no_consent",
    ]);
    expect(run(["ledger", "log"]).stdout).toMatch(/HELD .*max_releases_per_day is 1/);
    const fresh = setup();
    fresh.run(["keys", "init"]);
    consent(fresh.dir, fresh.run, [1, 2]);
    const reason = "the partner's system was down; sent by courier on the day";
    const forced = fresh.run([
      "ledger",
      "record",
      "-m",
      manifest(fresh.dir, fresh.run, ago(30), () => {}, two),
      "--override",
      reason,
    ]);
    expect(forced.status, forced.stderr).toBe(0);
    const [entry] = JSON.parse(fresh.run(["ledger", "log", "--format", "json"]).stdout) as {
      override: string;
    }[];
    expect(entry?.override).toBe(reason);
  });

  it("a bad manifest or subjects file records nothing and never echoes subject keys", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    consent(dir, run);
    const bad = run(["ledger", "record", "-m", manifest(dir, run, ago(1), (m) => (m.records = "lots"))]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/release.yaml:\d+:\d+ +wrong_type/);
    const empty = run([
      "ledger",
      "record",
      "-m",
      manifest(dir, run, ago(1), () => {}, "customer_id\nHB0000000001\n\nHB0000000003\n"),
    ]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/subjects.csv:3: empty subject key/);
    expect(empty.stderr + empty.stdout).not.toMatch(/HB000000000/);
    // a subjects file without the named header: the error never prints its first line (a subject key)
    const headless = run([
      "ledger",
      "record",
      "-m",
      manifest(dir, run, ago(1), () => {}, "HB0000000001\nHB0000000002\n"),
    ]);
    expect(headless.status).toBe(2);
    expect(headless.stderr + headless.stdout).not.toMatch(/HB000000000/);
    expect(JSON.parse(run(["ledger", "log", "--format", "json"]).stdout)).toEqual([]);
  });

  it("prune refuses entries younger than 3 years", () => {
    const { dir, run } = setup();
    run(["keys", "init"]);
    consent(dir, run);
    run(["ledger", "record", "-m", manifest(dir, run, ago(1))]);
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
