// consent files: CSV (BOM, CRLF, quotes) and JSONL import; every problem found, named by row and field,
// without values, and nothing recorded when any row is bad.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../ledger/subjects/subject-hasher.js";
import { openSqliteStore } from "../store/sqlite/index.js";
import { consentFileFormat, importConsentFile } from "./import.js";
import { ConsentInputError } from "./problems.js";
import { ConsentRegistry } from "./registry.js";

const NOW = new Date("2025-01-01T00:00:00Z");
const P = "nsf-provision";
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-consent-"));
  const store = openSqliteStore(join(dir, ".jikimi", "state.db"));
  cleanups.push(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const dictionary = new SubjectDictionary();
  const hasher = nodeSubjectHasher("ledger-subjects-test", randomBytes(32));
  const registry = new ConsentRegistry(store.consent, dictionary, hasher);
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const has = async (subject: string, at = "2024-12-31T00:00:00Z") => {
    const i = await store.consent.read((tx) => dictionary.lookup(tx, hasher.hashMany([subject])));
    return i !== undefined && (await registry.asOf(P, at)).has(i);
  };
  return { registry, file, has };
}

async function problemsOf(run: Promise<unknown>): Promise<ConsentInputError> {
  try {
    await run;
  } catch (e) {
    if (e instanceof ConsentInputError) return e;
    throw e;
  }
  throw new Error("expected a ConsentInputError");
}

describe("importConsentFile", () => {
  it("imports CSV with a BOM, CRLF, quoted fields and columns in any order", async () => {
    const { registry, file, has } = setup();
    const csv =
      "\uFEFFpurpose,subject,action,at,source,evidence\r\n" +
      `${P},"HB,1",grant,2024-01-01T09:00:00+09:00,app-signup-v3,"s3://proofs/""a"",1"\r\n` +
      `${P},HB2,grant,2024-01-02T00:00:00Z,app-signup-v3,\r\n` +
      `${P},"HB2",withdraw,2024-02-01T00:00:00Z,"app settings","ticket 7, page 2"\r\n`;
    const r = await importConsentFile(registry, file("c.csv", csv), { now: NOW });
    expect(r).toMatchObject({ format: "csv", rows: 3, recorded: 3, newSubjects: 2 });
    expect(await has("HB,1")).toBe(true);
    expect(await has("HB2", "2024-01-15T00:00:00Z")).toBe(true);
    expect(await has("HB2")).toBe(false);
    expect((await registry.status("HB,1"))[0]).toMatchObject({
      evidence: 's3://proofs/"a",1',
      since: "2024-01-01T00:00:00.000Z",
    });
    expect((await registry.status("HB2"))[0]?.history[1]).toMatchObject({
      source: "app settings",
      evidence: "ticket 7, page 2",
    });
  });

  it("imports JSONL, skipping blank lines", async () => {
    const { registry, file, has } = setup();
    const line = (o: object) => JSON.stringify(o);
    const jsonl = [
      line({
        subject: "A",
        purpose: P,
        action: "grant",
        at: "2024-01-01T00:00:00Z",
        source: "s",
        evidence: null,
      }),
      "",
      line({
        subject: "B",
        purpose: P,
        action: "grant",
        at: "2024-01-01T00:00:00Z",
        source: "s",
        evidence: "e",
      }),
    ].join("\r\n");
    const r = await importConsentFile(registry, file("c.jsonl", jsonl), { now: NOW });
    expect(r).toMatchObject({ format: "jsonl", rows: 2, recorded: 2 });
    expect((await has("A")) && (await has("B"))).toBe(true);
  });

  it("reports every bad CSV row by row and field, without values, and records nothing", async () => {
    const { registry, file, has } = setup();
    const rows = [
      "subject,purpose,action,at,source,evidence",
      `SUBJ-0001,${P},grant,2024-01-01T00:00:00Z,app,EVID-1`,
      `SUBJ-0002,${P},grant,2024-01-01T00:00:00Z,app,`,
      `SUBJ-0003,${P},revoke,2024-01-01T00:00:00Z,app,EVID-3`,
      `SUBJ-0004,Bad Purpose,grant,2024-01-01T00:00:00Z,app,`,
      `SUBJ-0005,${P},grant,2024-13-01T00:00:00Z,app,EVID-5`,
      `SUBJ-0006,${P},grant,2024-01-01T00:00:00Z`,
      `SUBJ-0007,${P},grant,2024-01-01T00:00:00Z,app,"EVID-7,x",extra`,
      `SUBJ-0008,${P},grant,2024-01-01T00:00:00Z,,`,
      `SUBJ-"0009",${P},grant,2024-01-01T00:00:00Z,app,`,
    ];
    const e = await problemsOf(importConsentFile(registry, file("bad.csv", rows.join("\n")), { now: NOW }));
    expect(e.kind).toBe("input");
    expect(e.total).toBe(7);
    expect(e.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [3, "action", "bad_value"],
      [4, "purpose", "bad_format"],
      [5, "at", "bad_format"],
      [6, "source", "wrong_column_count"],
      [7, "*", "wrong_column_count"],
      [8, "source", "empty"],
      [9, "*", "bad_quoting"],
    ]);
    expect(e.message).toMatch(/^the consent file .*bad\.csv: 7 problems, nothing was recorded:/);
    expect(e.message).toMatch(/row 6: has 4 columns, the header 6; source, evidence are missing/);
    expect(e.message).not.toMatch(/SUBJ|EVID|revoke|Bad Purpose|2024-13/);
    expect(await has("SUBJ-0001")).toBe(false);
  });

  it("reports bad JSONL lines by line number", async () => {
    const { registry, file } = setup();
    const jsonl = [
      JSON.stringify({
        subject: "SUBJ-1",
        purpose: P,
        action: "grant",
        at: "2024-01-01T00:00:00Z",
        source: "s",
      }),
      "{not json SUBJ-2",
      "",
      JSON.stringify(["SUBJ-3"]),
      JSON.stringify({
        subject: 42,
        purpose: P,
        action: "grant",
        at: "2024-01-01T00:00:00Z",
        source: "s",
        SUBJ4: 1,
      }),
      JSON.stringify({ purpose: P, action: "grant", at: "2024-01-01T00:00:00Z", source: "s" }),
    ].join("\n");
    const e = await problemsOf(importConsentFile(registry, file("bad.jsonl", jsonl), { now: NOW }));
    expect(e.problems.map((p) => [p.row, p.field, p.code])).toEqual([
      [2, "*", "bad_json"],
      [4, "*", "not_an_object"],
      [5, "subject", "wrong_type"],
      [5, "*", "unexpected_field"],
      [6, "subject", "missing"],
    ]);
    expect(e.message).toMatch(/line 6: subject is missing/);
    expect(e.message).not.toMatch(/SUBJ|42/);
  });

  it("rejects a bad header without echoing it, an empty file and bad UTF-8", async () => {
    const { registry, file } = setup();
    const headerless = await problemsOf(
      importConsentFile(registry, file("h.csv", `SUBJ-1,${P},grant,2024-01-01T00:00:00Z,app\n`), {
        now: NOW,
      }),
    );
    expect(headerless.problems.every((p) => p.row === 0 && p.code === "bad_header")).toBe(true);
    expect(headerless.message).toMatch(/header: column 1 is not one of subject/);
    expect(headerless.message).toMatch(/header: the column subject is missing/);
    expect(headerless.message).not.toMatch(/SUBJ/);
    const empty = await problemsOf(importConsentFile(registry, file("e.csv", ""), { now: NOW }));
    expect(empty.problems[0]?.code).toBe("bad_header");
    const noRows = await problemsOf(
      importConsentFile(registry, file("n.csv", "subject,purpose,action,at,source\r\n"), { now: NOW }),
    );
    expect(noRows.problems[0]?.code).toBe("no_rows");
    const latin1 = Buffer.concat([
      Buffer.from(`subject,purpose,action,at,source\nA,${P},grant,2024-01-01T00:00:00Z,`),
      Buffer.from([0xe9, 0x0a]),
    ]);
    const enc = await problemsOf(importConsentFile(registry, file("l.csv", latin1), { now: NOW }));
    expect(enc.problems[0]?.code).toBe("bad_encoding");
  });

  it("lists 20 problems and counts the rest", async () => {
    const { registry, file } = setup();
    const rows = ["subject,purpose,action,at,source"];
    for (let i = 0; i < 30; i++) rows.push(`S${i},${P},maybe,2024-01-01T00:00:00Z,app`);
    const e = await problemsOf(importConsentFile(registry, file("many.csv", rows.join("\n")), { now: NOW }));
    expect(e.total).toBe(30);
    expect(e.message.split("\n")).toHaveLength(22);
    expect(e.message).toMatch(/\.\.\. and 10 more$/);
  });

  it("tells the format by extension or --input-format", async () => {
    expect(consentFileFormat("a.CSV")).toBe("csv");
    expect(consentFileFormat("a.ndjson")).toBe("jsonl");
    expect(consentFileFormat("a.txt", "jsonl")).toBe("jsonl");
    expect(() => consentFileFormat("a.txt")).toThrow(/--input-format csv\|jsonl/);
    expect(() => consentFileFormat("a.csv", "xml")).toThrow(/csv or jsonl/);
  });
});
