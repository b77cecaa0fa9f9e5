// `jikimi consent` through the built CLI: CSV import (quotes, CRLF), a bad file rejected whole without
// echoing its values, re-imports adding nothing, purposes the workspace does not declare refused, and
// grant/withdraw/status round trips with --format json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initKeyring } from "../src/crypto/keyring.js";
import { jikimi, tempDir } from "./support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A workspace folder and a keyring outside it; `run` passes both. */
function workspace() {
  const { dir, cleanup } = tempDir("jikimi-consent-");
  cleanups.push(cleanup);
  const ws = join(dir, "ws");
  // the consent purposes come from the agreements' consent.purpose (read leniently, one file at a time)
  mkdirSync(join(ws, "agreements"), { recursive: true });
  writeFileSync(join(ws, "agreements", "feed.yaml"), "id: feed\nconsent:\n  purpose: nsf-provision\n");
  writeFileSync(join(ws, "agreements", "other.yaml"), "id: other\nconsent: { purpose: marketing }\n");
  const keyring = join(dir, "keys", "test.keyring");
  initKeyring(keyring, new Date());
  const run = (args: string[], input?: string) =>
    jikimi([...args, "-w", ws], {
      env: { JIKIMI_KEYRING: keyring },
      ...(input === undefined ? {} : { input }),
    });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  return { run, file };
}

const HEADER = "subject,purpose,action,at,source,evidence";

describe("jikimi consent import", () => {
  it("imports CSV with quoted fields and CRLF", () => {
    const { run, file } = workspace();
    const csv = [
      HEADER,
      `"KIM, Minjun",nsf-provision,grant,2024-01-01T09:00:00+09:00,app-signup-v3,"form ""B"", page 2"`,
      `HB0000000002,nsf-provision,grant,2024-01-02T00:00:00Z,app-signup-v3,`,
      `HB0000000002,nsf-provision,withdraw,2024-03-01T00:00:00Z,"app settings",`,
    ].join("\r\n");
    const path = file("consents.csv", `${csv}\r\n`);
    const r = run(["consent", "import", path, "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      format: "csv",
      rows: 3,
      recorded: 3,
      skipped: 0,
      new_subjects: 2,
    });
    // the same file again adds nothing
    const again = run(["consent", "import", path]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^recorded 0 consent events from .* \(0 new subjects, 3 already recorded\)/);
    const s = run(["consent", "status", "KIM, Minjun", "--format", "json"]);
    expect(JSON.parse(s.stdout).consents).toMatchObject([
      {
        purpose: "nsf-provision",
        state: "granted",
        since: "2024-01-01T00:00:00.000Z",
        evidence: 'form "B", page 2',
      },
    ]);
    const text = run(["consent", "status", "HB0000000002"]);
    expect(text.stdout).toMatch(
      /^nsf-provision: withdrawn since 2024-03-01T00:00:00.000Z \(source app settings\)/,
    );
    expect(text.stdout).not.toContain("HB0000000002");
  });

  it("rejects a bad file whole: exit 2, rows and fields named, no value printed, nothing recorded", () => {
    const { run, file } = workspace();
    const subjects = ["SUBJ-A1", "SUBJ-B2", "SUBJ-C3", "SUBJ-D4", "SUBJ-E5", "SUBJ-F6"];
    const rows = [
      `${subjects[0]},nsf-provision,grant,2024-01-01T00:00:00Z,app,EVIDENCE-ONE`,
      `${subjects[1]},nsf-provision,grant,2024-01-01T00:00:00Z,app,`,
      `${subjects[2]},nsf-provision,revoked,2024-01-01T00:00:00Z,app,EVIDENCE-THREE`,
      `${subjects[3]},nsf-provision,withdraw,2024-02-01T00:00:00Z,app,`,
      `${subjects[4]},nsf-provision,grant,01/02/2024 10:00,app,EVIDENCE-FIVE`,
      `${subjects[5]},nsf-provision,grant,2024-01-01T00:00:00Z`,
    ];
    const path = file("bad.csv", [HEADER, ...rows].join("\r\n"));
    for (const json of [false, true]) {
      const r = run(["consent", "import", path, ...(json ? ["--format", "json"] : [])]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/bad\.csv: 3 problems, nothing was recorded/);
      expect(r.stderr).toMatch(/row 3: action is not an allowed value: use "grant" or "withdraw"/);
      expect(r.stderr).toMatch(
        /row 5: at is not in the expected format: use an ISO 8601 time with a timezone/,
      );
      expect(r.stderr).toMatch(/row 6: has 4 columns, the header 6; source, evidence are missing/);
      if (json) expect(JSON.parse(r.stdout).error).toMatchObject({ code: "consent_input_invalid", total: 3 });
      if (json)
        expect(
          JSON.parse(r.stdout).error.problems.map((p: { row: number; field: string }) => [p.row, p.field]),
        ).toEqual([
          [3, "action"],
          [5, "at"],
          [6, "source"],
        ]);
      const output = r.stdout + r.stderr;
      for (const value of [...subjects, "EVIDENCE", "revoked", "01/02/2024"])
        expect(output).not.toContain(value);
    }
    for (const subject of subjects) {
      const s = run(["consent", "status", subject, "--format", "json"]);
      expect(s.status).toBe(0);
      expect(JSON.parse(s.stdout)).toEqual({ consents: [] });
    }
  });

  it("refuses purposes the workspace does not declare: exit 2, known ones listed, nothing recorded", () => {
    const { run, file } = workspace();
    const rows = [
      "SUBJ-Q1,nsf-provision,grant,2024-01-01T00:00:00Z,app,",
      "SUBJ-Q2,nsf-provison,grant,2024-01-01T00:00:00Z,app,",
    ];
    const r = run(["consent", "import", file("typo.csv", [HEADER, ...rows].join("\n"))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /consent purpose nsf-provison is not declared by any agreement of the workspace, nothing was recorded: use one of marketing, nsf-provision/,
    );
    expect(r.stdout + r.stderr).not.toMatch(/SUBJ-Q/);
    expect(JSON.parse(run(["consent", "status", "SUBJ-Q1", "--format", "json"]).stdout)).toEqual({
      consents: [],
    });
    const g = run(["consent", "grant", "SUBJ-Q3", "--purpose", "newsletter", "--source", "app"]);
    expect(g.status).toBe(2);
    expect(g.stderr).toMatch(/newsletter is not declared/);
  });
});

describe("jikimi consent grant/withdraw/status", () => {
  it("round-trips with --format json, reading the subject from stdin with -", () => {
    const { run } = workspace();
    const g = run(
      [
        "consent",
        "grant",
        "-",
        "--purpose",
        "nsf-provision",
        "--source",
        "call-center",
        "--at",
        "2024-05-01T10:00:00+09:00",
        "--evidence",
        "rec-0412",
        "--format",
        "json",
      ],
      "HB0000000077\n",
    );
    expect(g.status, g.stderr).toBe(0);
    expect(JSON.parse(g.stdout)).toEqual({
      ok: true,
      action: "grant",
      purpose: "nsf-provision",
      at: "2024-05-01T01:00:00.000Z",
      source: "call-center",
      evidence: "rec-0412",
      new_subject: true,
      already_recorded: false,
    });
    const w = run([
      "consent",
      "withdraw",
      "HB0000000077",
      "--purpose",
      "nsf-provision",
      "--source",
      "app-settings",
      "--format",
      "json",
    ]);
    expect(w.status, w.stderr).toBe(0);
    expect(JSON.parse(w.stdout)).toMatchObject({ action: "withdraw", new_subject: false });
    const s = run(["consent", "status", "HB0000000077", "--format", "json"]);
    const [consent] = JSON.parse(s.stdout).consents;
    expect(consent).toMatchObject({ purpose: "nsf-provision", state: "withdrawn", source: "app-settings" });
    expect(consent.history.map((h: { action: string }) => h.action)).toEqual(["grant", "withdraw"]);
    const before = run([
      "consent",
      "status",
      "HB0000000077",
      "--at",
      "2024-06-01T00:00:00Z",
      "--format",
      "json",
    ]);
    expect(JSON.parse(before.stdout).consents[0]).toMatchObject({ state: "granted", evidence: "rec-0412" });
    for (const r of [g, w, s, before]) expect(r.stdout + r.stderr).not.toContain("HB0000000077");
    expect(run(["consent", "status", "HB0000000078"]).stdout).toBe(
      "no consent events are recorded for this subject\n",
    );
  });

  it("names the option at fault and exits 2", () => {
    const { run } = workspace();
    const r = run(["consent", "grant", "SECRET-9", "--purpose", "NSF Provision", "--source", "app"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--purpose is not in the expected format/);
    const ko = run([
      "consent",
      "grant",
      "SECRET-9",
      "--purpose",
      "NSF Provision",
      "--source",
      "app",
      "--lang",
      "ko",
    ]);
    expect(ko.status).toBe(2);
    expect(ko.stderr).toMatch(/--purpose 항목의 형식이 올바르지 않습니다/);
    expect(ko.stderr).not.toMatch(/이벤트/);
    const t = run([
      "consent",
      "withdraw",
      "SECRET-9",
      "--purpose",
      "p",
      "--source",
      "app",
      "--at",
      "2024-01-01",
    ]);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/--at is not an ISO 8601 time with a timezone/);
    expect(r.stderr + t.stderr).not.toContain("SECRET-9");
  });

  it("needs a keyring", () => {
    const ws = tempDir();
    const keys = tempDir();
    cleanups.push(ws.cleanup, keys.cleanup);
    const r = jikimi(["consent", "status", "X", "-w", ws.dir], {
      env: { JIKIMI_KEYRING: join(keys.dir, "none.keyring") },
    });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/no keyring at .*jikimi keys init/);
  });
});
