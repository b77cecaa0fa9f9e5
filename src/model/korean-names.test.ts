// names in Hangul (and any script): NFC, what is refused and how it is said, source_column, hints, JSON Schema.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";
import { withLanguage } from "../i18n/index.js";
import { memoryReader } from "../io/workspace-reader.js";
import type { LoadIssue } from "./issues.js";
import { jsonSchemaOf } from "./json-schema.js";
import { type LoadResult, loadWorkspace } from "./load.js";
import { closestFirst } from "./names.js";

const EXAMPLE = join(ROOT, "examples", "hangul");
const DATASET = "datasets/회원.yaml";
const AGREEMENT = "agreements/적립금-소멸-안내.yaml";
const nfd = (s: string) => s.normalize("NFD");

/** The YAML files of examples/hangul, by path relative to it. */
function example(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".yaml")) out[relative(EXAMPLE, path)] = readFileSync(path, "utf8");
    }
  };
  walk(EXAMPLE);
  return out;
}

const load = (files: Record<string, string>): LoadResult => loadWorkspace(memoryReader(files));
/** The load issues of `files`, those of `only` when given (a refused dataset also leaves its agreement dangling). */
function issuesOf(files: Record<string, string>, only?: string): LoadIssue[] {
  const r = load(files);
  if (r.ok) throw new Error("expected the workspace to fail loading");
  return only === undefined ? r.issues : r.issues.filter((i) => i.file === only);
}
/** The example with one file edited. */
const edited = (file: string, edit: (text: string) => string) => {
  const files = example();
  files[file] = edit(files[file] as string);
  return files;
};

describe("Hangul names", () => {
  it("load: fields, dataset, recipient, purpose and agreement named in Hangul", () => {
    const r = load(example());
    if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
    const ds = r.workspace.datasets.get("회원")?.value;
    expect(Object.keys(ds?.fields ?? {})).toEqual([
      "회원번호",
      "이름",
      "휴대전화",
      "생년월일",
      "적립금",
      "알림수신",
    ]);
    expect(ds?.fields.적립금?.source_column).toBe("적립금(원)");
    const a = r.workspace.agreements.get("적립금-소멸-안내")?.value;
    expect(Object.keys(a?.fields ?? {})).toEqual(["회원번호", "휴대전화", "적립금"]);
    expect(a?.phases?.[0]?.where).toBe("알림수신 && 적립금 >= 1000");
  });

  it("NFC: a name written in decomposed Hangul (NFD) is the same name, wherever it is written", () => {
    const files = example();
    // the dataset in NFD throughout (as some macOS tools save it), the agreement's scope in NFD too
    files[DATASET] = nfd(files[DATASET] as string);
    files[AGREEMENT] = (files[AGREEMENT] as string).replace(
      "where: 알림수신 && 적립금 >= 1000",
      `where: ${nfd("알림수신")} && \`${nfd("적립금")}\` >= 1000`,
    );
    const r = load(files);
    if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 2));
    const ds = r.workspace.datasets.get("회원")?.value;
    expect(ds?.subject_key).toBe("회원번호");
    for (const name of Object.keys(ds?.fields ?? {})) expect(name).toBe(name.normalize("NFC"));
    expect(ds?.fields.적립금?.source_column).toBe("적립금(원)");
    expect(r.workspace.agreements.has("적립금-소멸-안내")).toBe(true);
  });

  it("NFC: the same name twice in one mapping, once composed and once decomposed, is a duplicate key", () => {
    const files = edited(DATASET, (t) =>
      t.replace("  알림수신: {", `  ${nfd("이름")}: { type: string }\n  알림수신: {`),
    );
    const issues = issuesOf(files, DATASET);
    expect(issues).toEqual([
      expect.objectContaining({ code: "duplicate_key", file: DATASET, line: 14, path: "fields.이름" }),
    ]);
    expect(issues[0]?.message).toMatch(/"이름" is written twice in this mapping, in two Unicode forms/);
  });

  it.each([
    ["잔 액", "a space"],
    ["1차잔액", "a leading digit"],
    ["잔액-원", "a hyphen"],
  ])("refuses the field name %s (%s) at the key, saying what a name may hold", (name) => {
    const issues = issuesOf(
      edited(DATASET, (t) => t.replace("  이름: {", `  "${name}": {`)),
      DATASET,
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: "invalid_key",
        file: DATASET,
        line: 10,
        column: 3,
        path: `fields.${name}`,
      }),
    ]);
    expect(issues[0]?.message).toBe(
      `"${name}" is not a valid name: use letters (Hangul and other scripts too), digits and '_', starting with a letter or '_' (e.g. balance, 잔액)`,
    );
    expect(issues[0]?.hint).toMatch(/source_column/);
  });

  it("refuses an id with capitals or spaces, naming the value and the rule", () => {
    const issues = issuesOf(
      edited(AGREEMENT, (t) => t.replace("id: 적립금-소멸-안내", "id: Daon 적립금")),
      AGREEMENT,
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: "invalid_format", file: AGREEMENT, path: "id" }),
    ]);
    expect(issues[0]?.message).toMatch(/^id: "Daon 적립금" is not a valid name: use lowercase letters/);
  });

  it("says it in Korean when Korean is in force", () => {
    const issues = withLanguage("ko", () =>
      issuesOf(
        edited(DATASET, (t) => t.replace("  이름: {", '  "잔 액": {')),
        DATASET,
      ),
    );
    expect(issues[0]?.message).toBe(
      "\"잔 액\"은(는) 쓸 수 없는 이름입니다: 문자(한글 등 다른 문자도 가능), 숫자, '_'만 쓰고 문자나 '_'로 시작하세요(예: balance, 잔액)",
    );
    expect(issues[0]?.hint).toMatch(/source_column/);
  });
});

describe("source_column", () => {
  it("refuses two fields reading one column, and a column named like another field", () => {
    const twice = issuesOf(
      edited(DATASET, (t) =>
        t.replace("  이름: { type: string,", "  이름: { type: string, source_column: 적립금(원),"),
      ),
      DATASET,
    );
    expect(twice).toEqual([
      expect.objectContaining({ code: "duplicate_source_column", path: "fields.적립금.source_column" }),
    ]);
    expect(twice[0]?.message).toBe(
      'field "적립금" reads the column "적립금(원)", which field "이름" reads too',
    );
    const clash = issuesOf(
      edited(DATASET, (t) => t.replace("source_column: 적립금(원)", "source_column: 이름")),
      DATASET,
    );
    expect(clash).toEqual([
      expect.objectContaining({ code: "duplicate_source_column", path: "fields.적립금.source_column" }),
    ]);
    expect(clash[0]?.message).toMatch(
      /field "적립금" reads the column "이름", which is the name of field "이름"/,
    );
    expect(clash[0]?.hint).toMatch(/set source_column on "이름" as well/);
  });

  it("refuses an empty header or one with spaces at its ends", () => {
    const issues = issuesOf(
      edited(DATASET, (t) => t.replace("source_column: 적립금(원)", 'source_column: " 적립금"')),
      DATASET,
    );
    expect(issues).toEqual([expect.objectContaining({ path: "fields.적립금.source_column" })]);
    expect(issues[0]?.message).toMatch(/name the header of the source column/);
  });
});

describe("hints name only what the workspace declares", () => {
  it("an unknown field in a scope: the dataset's own fields, closest first", () => {
    const issues = issuesOf(
      edited(AGREEMENT, (t) => t.replace("알림수신 && 적립금 >= 1000", "알림수신 && 적림금 >= 1000")),
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: "expr_unknown_field", file: AGREEMENT, column: 22 }),
    ]);
    expect(issues[0]?.hint).toMatch(/^use one of the dataset's fields: 적립금, /);
    for (const name of ["appstore_linked", "dormant"]) expect(issues[0]?.hint).not.toContain(name);
  });

  it("any other scope problem: a condition over the dataset's fields, never over fields it lacks", () => {
    const issues = issuesOf(edited(AGREEMENT, (t) => t.replace("알림수신 && 적립금 >= 1000", "적립금")));
    expect(issues).toEqual([expect.objectContaining({ code: "expr_type" })]);
    expect(issues[0]?.hint).toBe(
      "write a CEL condition that gives true or false over the dataset's fields: 회원번호, 이름, 휴대전화, 생년월일, 적립금, 알림수신",
    );
  });

  it("an unknown field released by an agreement: the closest declared field first", () => {
    const issues = issuesOf(edited(AGREEMENT, (t) => t.replace("  적립금: keep", "  적림금: keep")));
    expect(issues[0]?.hint).toMatch(/use one of: 적립금, /);
    expect(closestFirst("balanse", ["age", "os", "balance"])[0]).toBe("balance");
  });
});

describe("the JSON Schema", () => {
  it("says names are NFC-normalised, how a scope spells them, and offers source_column", () => {
    const dataset = JSON.stringify(jsonSchemaOf("dataset"));
    expect(dataset).toMatch(/NFC-normalised/);
    expect(dataset).toMatch(/source_column/);
    const agreement = JSON.stringify(jsonSchemaOf("agreement"));
    expect(agreement).toMatch(/written as it is \(잔액 >= 1000000/);
    expect(agreement).toMatch(/backticks/);
    const pattern = new RegExp(
      (jsonSchemaOf("dataset") as { properties: { fields: { propertyNames: { pattern: string } } } })
        .properties.fields.propertyNames.pattern,
      "u",
    );
    expect(pattern.test("잔액")).toBe(true);
    expect(pattern.test("잔 액")).toBe(false);
  });
});
