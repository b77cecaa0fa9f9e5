// jikimi report inspection end to end: releases recorded through the CLI, the report's figures recomputed here from
// the ledger's stored bodies, the anomalies an inspector must see (a fivefold jump, an override, a back-dated
// release), both languages and every text format, no subject key anywhere, and a changed ledger that the report
// does not hide.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { exampleWorkspace } from "./support/cli.js";

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.splice(0)) c();
});

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY - 3_600_000).toISOString();
const key = (n: number) => `HB${String(n).padStart(10, "0")}`;

interface Body {
  kind: "release" | "hold";
  seq: number;
  released_at: string;
  records: number;
  subjects: { count: number };
  recipient: { id: string; country: string };
  override?: string;
}

/**
 * A workspace with four releases of nsf-credit-feed: 3 people, 3, then 15 (fivefold, released over its hold),
 * then one back-dated; and a fifth of 15 that its growth guard held (entry 4, a hold).
 */
function recorded() {
  const w = exampleWorkspace(cleanups, { keys: true });
  const consent = join(w.dir, "consent.csv");
  writeFileSync(
    consent,
    `subject,purpose,action,at,source\n${Array.from({ length: 20 }, (_, i) => `${key(i + 1)},nsf-provision-overseas,grant,2024-01-01T00:00:00Z,app`).join("\n")}\n`,
  );
  expect(w.run(["consent", "import", consent]).status).toBe(0);
  const record = (at: string, people: number, extra: string[] = [], status = 0) => {
    const tpl = w.run(["ledger", "template", "nsf-credit-feed", "--at", at, "--format", "json"]);
    expect(tpl.status, tpl.stderr).toBe(0);
    const m = JSON.parse(tpl.stdout) as Record<string, unknown>;
    m.records = people;
    m.operator = "ops@hanbitpay.example";
    writeFileSync(
      join(w.dir, "subjects.csv"),
      `customer_id\n${Array.from({ length: people }, (_, i) => key(i + 1)).join("\n")}\n`,
    );
    writeFileSync(join(w.dir, "release.yaml"), stringify(m));
    const r = w.run(["ledger", "record", "-m", join(w.dir, "release.yaml"), ...extra]);
    expect(r.status, r.stderr).toBe(status);
  };
  record(ago(5), 3);
  record(ago(4), 3);
  record(ago(3), 15, ["--override", "campaign week, approved by the DPO"]);
  record(ago(12), 2, ["--override", "late batch from the weekend"]);
  record(ago(2), 15, [], 3);
  return w;
}

/** The release bodies as the ledger stores them, read here without Jikimi. */
function bodies(ws: string): Body[] {
  return entries(ws).filter((b) => b.kind === "release");
}

/** Every entry's body (releases and holds), read here without Jikimi. */
function entries(ws: string): Body[] {
  const db = new Database(join(ws, ".jikimi", "state.db"), { readonly: true });
  try {
    return (db.prepare("SELECT body FROM ledger_entries ORDER BY seq").pluck().all() as string[]).map(
      (b) => JSON.parse(b) as Body,
    );
  } finally {
    db.close();
  }
}

describe("jikimi report inspection", () => {
  // one workspace for the file: the last test changes its ledger
  let w: ReturnType<typeof recorded>;
  beforeAll(() => {
    w = recorded();
  }, 120_000);

  it("gives the ledger's own figures and marks the jump, the override and the back-dated release", () => {
    const r = w.run(["report", "inspection", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const data = JSON.parse(r.stdout) as {
      verification: { ok: boolean; size: number; signed_by: string[] };
      totals: { releases: number; people: number; records: number; overrides: number; holds: number };
      by_country: { country: string; people: number }[];
      releases: { seq: number; people: number; anomalies: string[]; override: string | null }[];
      holds: { seq: number; people: number; reasons: { code: string }[] }[];
    };
    const stored = bodies(w.ws);
    expect(data.verification).toMatchObject({ ok: true, size: entries(w.ws).length });
    // the held fifth release is in the report from its signed hold entry, not among the releases
    expect(data.holds).toEqual([
      expect.objectContaining({
        seq: 4,
        people: 15,
        reasons: [expect.objectContaining({ code: "max_growth", subjects: 15, previous: 2 })],
      }),
    ]);
    expect(data.totals.holds).toBe(1);
    expect(data.verification.signed_by.length).toBeGreaterThan(0);
    expect(data.totals).toMatchObject({
      releases: stored.length,
      people: stored.reduce((s, b) => s + b.subjects.count, 0),
      records: stored.reduce((s, b) => s + b.records, 0),
      overrides: stored.filter((b) => b.override !== undefined).length,
    });
    expect(data.releases.map((x) => [x.seq, x.people])).toEqual(stored.map((b) => [b.seq, b.subjects.count]));
    const codes = Object.fromEntries(data.releases.map((x) => [x.seq, x.anomalies]));
    expect(codes).toEqual({
      0: [],
      1: [],
      2: ["growth", "override"],
      3: ["override", "before_previous", "back_dated"],
    });
    expect(data.by_country).toEqual([{ country: "SG", releases: 4, people: 23, records: 23 }]);
  });

  it("filters by period, and writes Korean and English in every text format without a subject key", () => {
    const from = ago(4.5).slice(0, 10);
    const json = JSON.parse(w.run(["report", "inspection", "--format", "json", "--from", from]).stdout) as {
      releases: { released_at: string }[];
    };
    expect(json.releases.length).toBeGreaterThan(0);
    expect(json.releases.every((x) => x.released_at.slice(0, 10) >= from)).toBe(true);
    const ko = w.run(["report", "inspection", "--format", "md", "--lang", "ko"]);
    expect(ko.status, ko.stderr).toBe(0);
    expect(ko.stdout).toContain("# 점검 보고서");
    expect(ko.stdout).toContain("한도 초과 증가");
    expect(ko.stdout).toContain("late batch from the weekend");
    expect(ko.stdout).toContain("## 보류된 제공");
    const en = w.run(["report", "inspection", "--format", "html", "--lang", "en"]);
    expect(en.stdout).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(en.stdout).toContain("<svg");
    expect(en.stdout).not.toMatch(/<script/i);
    for (const out of [ko.stdout, en.stdout, w.run(["report", "inspection", "--format", "json"]).stdout])
      expect(out).not.toMatch(/HB\d{10}/);
  });

  it("prints a Korean PDF whose text has the headings and the ledger's figures, fonts embedded", () => {
    const file = join(w.dir, "inspection.pdf");
    const r = w.run(["report", "inspection", "--format", "pdf", "--lang", "ko", "-o", file]);
    expect(r.status, r.stderr).toBe(0);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    for (const heading of ["점검 보고서", "제공 내역", "이상 징후", "검증"]) expect(text).toContain(heading);
    const people = bodies(w.ws).reduce((n, b) => n + b.subjects.count, 0);
    expect(text).toContain(`${people}명의 정보`);
    expect(text).toContain("소급 기록");
    expect(text).not.toMatch(/HB\d{10}/);
    const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes/);
  }, 60_000);

  it("says so, and fails, when a stored release is not the one the log signed", () => {
    const db = new Database(join(w.ws, ".jikimi", "state.db"));
    // an insider lowers a release's count in the body and in the leaf hash column alike
    const row = db.prepare("SELECT body FROM ledger_entries WHERE seq = 2").pluck().get() as string;
    const body = JSON.parse(row) as Body;
    body.records = 1;
    const text = JSON.stringify(body);
    const leaf = createHash("sha256")
      .update(Buffer.from([0]))
      .update(text)
      .digest();
    db.prepare("UPDATE ledger_entries SET body = ?, leaf_hash = ? WHERE seq = 2").run(text, leaf);
    db.close();
    const r = w.run(["report", "inspection", "--format", "json"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/ledger_corrupt|signed/);
  });
});
