// the CLI end to end: bad input of each kind gets a clear message with file:line:col and exit 2;
// init, schema, taxonomy and the state store work from a fresh folder.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { copyExample } from "../src/cli/commands/init.js";
import { LoadIssuesReportSchema } from "../src/report/findings/json-schema.js";
import { jikimi, ROOT, tempDir } from "./support/cli.js";
import { validateSarif } from "./support/sarif.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A fresh copy of an example in a temporary folder. */
function workspace(example = "nsf-case-corrected"): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const ws = join(dir, "ws");
  const r = jikimi(["init", ws, "--example", example]);
  expect(r.status, r.stderr).toBe(0);
  return ws;
}

function edit(ws: string, file: string, change: (text: string) => string): void {
  const path = join(ws, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

const FEED = "agreements/nsf-credit-feed.yaml";

describe("bad workspace input exits 2 with file:line:col and a fix", () => {
  it("malformed YAML", () => {
    const ws = workspace();
    edit(ws, FEED, (t) => t.replace("dataset: customers", "dataset: [customers"));
    const r = jikimi(["check", "-w", ws]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`${FEED}:[67]:\\d+ +yaml_syntax`));
    expect(r.stdout).toMatch(/fix: /);
  });

  it("a wrong type", () => {
    const ws = workspace();
    edit(ws, FEED, (t) => t.replace("version: 2", "version: two"));
    const r = jikimi(["check", "-w", ws]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`${FEED}:3:10 +wrong_type +version must be a number`));
  });

  it("a dangling reference", () => {
    const ws = workspace();
    edit(ws, FEED, (t) => t.replace("recipient: orbit-pay-sg", "recipient: orbit-pay-hk"));
    const r = jikimi(["check", "-w", ws]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(
      new RegExp(`${FEED}:5:12 +dangling_reference +recipient "orbit-pay-hk" is not declared`),
    );
    expect(r.stdout).toMatch(/recipients\/orbit-pay-hk.yaml|orbit-pay-sg/);
  });

  it("an unknown transform", () => {
    const ws = workspace();
    edit(ws, FEED, (t) => t.replace("dormant: keep", "dormant: encrypt"));
    const r = jikimi(["check", "-w", ws, "--format", "json"]);
    expect(r.status).toBe(2);
    const report = LoadIssuesReportSchema.parse(JSON.parse(r.stdout));
    expect(report.issues).toMatchObject([{ code: "unknown_transform", file: FEED, line: 14, column: 12 }]);
    expect(report.issues[0]?.hint).toMatch(/keep, pseudonym/);
  });

  it("load issues as SARIF validate against the schema", () => {
    const ws = workspace();
    edit(ws, FEED, (t) => t.replace("dormant: keep", "dormant: encrypt"));
    const r = jikimi(["check", "-w", ws, "--format", "sarif"]);
    expect(r.status).toBe(2);
    expect(validateSarif(JSON.parse(r.stdout))).toBe(true);
  });

  it("no workspace, and a bad --at", () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const none = jikimi(["check", "-w", dir]);
    expect(none.status).toBe(2);
    expect(none.stdout).toMatch(/no jikimi.yaml/);
    expect(none.stdout).toMatch(/jikimi init/);
    const bad = jikimi(["check", "-w", workspace(), "--at", "yesterday"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--at .* YYYY-MM-DD/);
  });

  it("an unknown option or command", () => {
    expect(jikimi(["check", "--colour"]).status).toBe(2);
    expect(jikimi(["frobnicate"]).status).toBe(2);
  });
});

describe("jikimi check", () => {
  it("exits 1 on errors, 0 on warnings unless --strict", () => {
    const ws = workspace();
    edit(ws, FEED, (t) => t.replace("  dormant: keep\n", "  dormant: keep\n  name: keep\n"));
    const warn = jikimi(["check", "-w", ws, "--at", "2024-05-31"]);
    expect(warn.stdout).toMatch(/identifier_in_clear/);
    expect(warn.status).toBe(1);
    const ws2 = workspace("minimal");
    // the mailer's task no longer needs the address, so the clear e-mail becomes a warning
    edit(ws2, "purposes/newsletter.yaml", (t) => t.replace(", user.contact.email]", "]"));
    const lenient = jikimi(["check", "-w", ws2, "--at", "2026-06-01"]);
    expect(lenient.stdout).toMatch(/warning +identifier_in_clear/);
    expect(lenient.status).toBe(0);
    expect(jikimi(["check", "-w", ws2, "--at", "2026-06-01", "--strict"]).status).toBe(1);
  });

  it("records each run in .jikimi/state.db, and writes --output atomically", () => {
    const ws = workspace("nsf-case");
    const out = join(ws, "report.sarif");
    const r = jikimi(["check", "-w", ws, "--at", "2024-05-31", "--format", "sarif", "--output", out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(validateSarif(JSON.parse(readFileSync(out, "utf8")))).toBe(true);
    const db = new Database(join(ws, ".jikimi", "state.db"), { readonly: true });
    const rows = db.prepare("SELECT checked_for, errors, warnings, gaps FROM check_runs").all();
    db.close();
    expect(rows).toEqual([{ checked_for: "2024-05-31", errors: 10, warnings: 3, gaps: 1 }]);
  });
});

describe("jikimi init, schema and taxonomy", () => {
  it("init writes a minimal commented workspace that checks clean, a .gitignore and editor schemas", () => {
    const ws = workspace("minimal");
    expect(readFileSync(join(ws, "jikimi.yaml"), "utf8")).toMatch(/^# /m);
    expect(readFileSync(join(ws, ".gitignore"), "utf8")).toMatch(/^\.jikimi\/$/m);
    expect(existsSync(join(ws, ".jikimi-schemas", "agreement.schema.json"))).toBe(true);
    expect(jikimi(["check", "-w", ws, "--at", "2026-06-01"]).status).toBe(0);
  });

  it("init copies an example without its .jikimi state folder, and knows the hangul example", () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const source = join(dir, "example");
    mkdirSync(join(source, ".jikimi"), { recursive: true });
    mkdirSync(join(source, "agreements"), { recursive: true });
    writeFileSync(join(source, "jikimi.yaml"), "# stray\n");
    writeFileSync(join(source, "agreements", "a.yaml"), "id: a\n");
    writeFileSync(join(source, ".jikimi", "state.db"), "not a database");
    const target = join(dir, "copy");
    copyExample(source, target);
    expect(readFileSync(join(target, "agreements", "a.yaml"), "utf8")).toBe("id: a\n");
    expect(existsSync(join(target, "jikimi.yaml"))).toBe(true);
    expect(existsSync(join(target, ".jikimi", "state.db"))).toBe(false);
    expect(existsSync(join(target, ".jikimi"))).toBe(false);

    const hangul = workspace("hangul");
    expect(existsSync(join(hangul, "jikimi.yaml"))).toBe(true);
    expect(existsSync(join(hangul, ".jikimi", "state.db"))).toBe(false);
    const help = jikimi(["init", "--help"]);
    // commander wraps the help: compare with the line breaks and indents folded
    expect(help.stdout.replace(/\s+/g, " ")).toContain("(hangul, minimal, nsf-case, nsf-case-corrected;");
  });

  it("init refuses a non-empty folder and an unknown example", () => {
    const ws = workspace("minimal");
    const again = jikimi(["init", ws]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/not empty.*--force/);
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const unknown = jikimi(["init", join(dir, "x"), "--example", "nope"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/nsf-case/);
  });

  it("schema prints a JSON Schema per kind that knows the transforms", () => {
    const r = jikimi(["schema", "--kind", "agreement"]);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toMatch(/2020-12/);
    expect(JSON.stringify(schema)).toMatch(/"pseudonym"/);
    expect(schema.required).toEqual(
      expect.arrayContaining(["id", "recipient", "dataset", "legal_basis", "fields"]),
    );
  });

  it("taxonomy lists the Korean categories", () => {
    const r = jikimi(["taxonomy", "--format", "json"]);
    const t = JSON.parse(r.stdout) as { categories: { key: string }[] };
    expect(t.categories.map((c) => c.key)).toContain("user.government_id.resident_registration_number");
  });

  it("taxonomy --lang ko shows the Korean names, English by default", () => {
    const ko = jikimi(["taxonomy", "--lang", "ko"]);
    expect(ko.status, ko.stderr).toBe(0);
    expect(ko.stdout).toMatch(/^ {2}user\.name +direct +성명$/m);
    const en = jikimi(["taxonomy"]);
    expect(en.stdout).toMatch(/^ {2}user\.name +direct +Personal name$/m);
    expect(en.stdout).not.toContain("성명");
  });
});

describe("a reader that closes the pipe early", () => {
  it("ends the command quietly: no stack trace, the command's own exit code", () => {
    // `jikimi taxonomy | true`: the reader exits at once, so the CLI's writes meet a closed pipe
    const piped = spawnSync(
      "bash",
      [
        "-c",
        `"${process.execPath}" "${join(ROOT, "dist", "bin", "jikimi.js")}" taxonomy | true; echo "\${PIPESTATUS[0]}"`,
      ],
      { encoding: "utf8" },
    );
    expect(piped.stderr).not.toMatch(/EPIPE|Unhandled|at .*\.js/);
    expect(piped.stdout.trim()).toBe("0");
  });
});
