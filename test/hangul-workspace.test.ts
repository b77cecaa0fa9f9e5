// examples/hangul end to end through the CLI: a workspace whose fields, dataset, recipient, purpose and agreement
// are named in Hangul, a source file with Korean headers mapped by source_column, a scope over Hangul names, the
// ledger and the scan of the source. Also: a source cut down to the columns the release reads is enough, and one
// that lacks such a column is refused, naming the column and the fix (in English and in Korean).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jikimi, recentIso, tempDir } from "./support/cli.js";

const AGREEMENT = "적립금-소멸-안내";
const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.splice(0)) c();
});

let dir = "";
let ws = "";
let out = "";
let run: (args: string[]) => ReturnType<typeof jikimi>;
/** `jikimi share` of `file` (a path under the temporary folder) at `at`. */
const share = (file: string, at: string, extra: string[] = [], id = AGREEMENT) =>
  run(["share", id, "-w", ws, "-i", join(dir, file), "--out-dir", out, "--at", at, ...extra]);
/** Writes a CSV into the temporary folder. */
const csv = (name: string, lines: string[]) => writeFileSync(join(dir, name), `${lines.join("\n")}\n`);
const source = () => readFileSync(join(ws, "sample", "회원.csv"), "utf8");

beforeAll(() => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  dir = t.dir;
  ws = join(dir, "ws");
  out = join(dir, "out");
  const env = { JIKIMI_KEYRING: join(dir, "k.keyring") };
  run = (args) => jikimi(args, { env });
  expect(run(["init", ws, "--example", "hangul"]).status).toBe(0);
  expect(run(["keys", "init", "-w", ws]).status).toBe(0);
});

describe("examples/hangul (CLI)", () => {
  it("checks clean", () => {
    const r = run(["check", "-w", ws, "--no-record", "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: unknown[]; summary: { agreements: number } };
    expect(report.findings).toEqual([]);
    expect(report.summary.agreements).toBe(1);
  });

  it("shares a source with Korean headers: source_column maps them, the scope reads Hangul names", () => {
    const lines = source().trim().split("\n");
    expect(lines[0]).toBe("회원 번호,이름,휴대전화,생년월일,적립금(원),알림수신,가입 경로");
    writeFileSync(join(dir, "회원.csv"), source());
    const r = share("회원.csv", recentIso(3));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ledger entry 0/);
    const files = readdirSync(out).filter((f) => f.endsWith(".csv"));
    expect(files).toEqual([expect.stringMatching(/^적립금-소멸-안내-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.csv$/)]);
    const released = readFileSync(join(out, files[0] as string), "utf8")
      .trim()
      .split("\n");
    // the header is the released fields' names; only 알림수신 && 적립금 >= 1000 leave: M0001, M0004, M0005, M0007
    expect(released[0]).toBe("회원번호,휴대전화,적립금");
    expect(released.slice(1).map((l) => l.split(",").slice(1).join(","))).toEqual([
      "010-0000-0001,12500",
      "010-0000-0004,3000",
      "010-0000-0005,1000",
      "010-0000-0007,22000",
    ]);
    // the subject key left as a keyed pseudonym; what was not released never left, nor was printed
    const text = released.join("\n");
    for (const value of ["M0001", "김하늘", "1990-03-14", "앱"]) {
      expect(text).not.toContain(value);
      expect(r.stdout + r.stderr).not.toContain(value);
    }
  });

  it("shares a source cut down to the columns it reads, in any order, under an NFD agreement id", () => {
    csv("필요한-열만.csv", [
      "알림수신,적립금(원),회원 번호,휴대전화",
      "true,12500,M0001,010-0000-0001",
      "false,54000,M0003,010-0000-0003",
      "true,22000,M0007,010-0000-0007",
    ]);
    const r = share("필요한-열만.csv", recentIso(2), [], AGREEMENT.normalize("NFD"));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ledger entry 1/);
  });

  it("refuses a source that lacks a column the scope reads, naming it and the fix, in English and Korean", () => {
    csv("알림수신-없음.csv", ["회원 번호,휴대전화,적립금(원)", "M0001,010-0000-0001,12500"]);
    const en = share("알림수신-없음.csv", recentIso(1), ["--dry-run"]);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/알림수신-없음\.csv: the header lacks 알림수신 \(read by the scope\)/);
    expect(en.stderr).toMatch(/set source_column on the field in datasets\/회원\.yaml/);
    const ko = share("알림수신-없음.csv", recentIso(1), ["--dry-run", "--lang", "ko"]);
    expect(ko.status).toBe(2);
    expect(ko.stderr).toMatch(/머리글에 다음 열이 없습니다: 알림수신\(제공 범위가 읽는 항목\)/);
    expect(ko.stderr).toMatch(/source_column/);
  });

  it("refuses a source headed with the field names where source_column names other headers", () => {
    csv("항목-이름-머리글.csv", ["회원번호,휴대전화,적립금,알림수신", "M0001,010-0000-0001,12500,true"]);
    const r = share("항목-이름-머리글.csv", recentIso(1), ["--dry-run"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /"회원 번호" \(source_column of field 회원번호; the subject key; the column headed 회원번호 is not read/,
    );
    expect(r.stderr).toMatch(/"적립금\(원\)" \(source_column of field 적립금; released by the agreement/);
  });

  it("keeps the releases in the ledger under the Hangul names, and finds a subject's", () => {
    const log = run(["ledger", "log", "-w", ws, "--format", "json"]);
    expect(log.status, log.stderr).toBe(0);
    const entries = JSON.parse(log.stdout) as {
      agreement: { id: string };
      recipient: { id: string; name: string };
      fields: { name: string; transform: string }[];
      scope: { where: string };
      subjects: { count: number };
    }[];
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.agreement.id).toBe(AGREEMENT);
      expect(e.recipient).toMatchObject({ id: "누리메시지", name: "누리메시지 주식회사" });
      expect(e.fields.map((f) => `${f.name}:${f.transform}`)).toEqual([
        "회원번호:pseudonym",
        "휴대전화:keep",
        "적립금:keep",
      ]);
      expect(e.scope.where).toBe("알림수신 && 적립금 >= 1000");
    }
    expect(entries.map((e) => e.subjects.count).sort()).toEqual([2, 4]);
    const text = run(["ledger", "log", "-w", ws]);
    expect(text.stdout).toContain(AGREEMENT);
    const subject = run(["ledger", "subject", "M0001", "-w", ws]);
    expect(subject.status, subject.stderr).toBe(0);
    expect(subject.stdout).toMatch(/누리메시지 주식회사/);
    expect(subject.stdout).toMatch(/회원번호, 휴대전화, 적립금/);
    expect(subject.stdout).toMatch(/2 releases/);
    const never = run(["ledger", "subject", "M0002", "-w", ws]);
    expect(never.status).toBe(0);
    expect(never.stdout).not.toMatch(/누리메시지/);
  });

  it("scans the source by its Korean column names", () => {
    // (the released file's pseudonym column would start the hash audit, minutes on a busy machine: the scan tests
    // cover it; here the Korean headers are what matters)
    const r = run(["scan", join(ws, "sample", "회원.csv"), "--format", "json"]);
    const report = JSON.parse(r.stdout) as { columns: { name: string; findings: { category: string }[] }[] };
    const found = Object.fromEntries(report.columns.map((c) => [c.name, c.findings[0]?.category]));
    expect(found).toEqual({
      "회원 번호": undefined,
      이름: "user.name",
      휴대전화: "user.contact.phone.mobile",
      생년월일: "user.demographic.date_of_birth",
      "적립금(원)": undefined,
      알림수신: undefined,
      "가입 경로": undefined,
    });
  });
});
