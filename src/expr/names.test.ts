import { CelScalar, celEnv, parse, plan } from "@bufbuild/cel";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FieldType } from "../model/dataset.js";
import { compileScope } from "./compile.js";
import { keyOf, normalise, requires } from "./meaning.js";
import { aliasNames, celName } from "./names.js";
import { checkExpression, fieldsRead } from "./validate.js";

const FIELDS = new Map<string, FieldType>([
  ["잔액", "integer"],
  ["고객등급", "string"],
  ["알림수신", "boolean"],
  ["in", "boolean"],
  ["os", "string"],
]);
const nfd = (s: string) => s.normalize("NFD");

describe("aliasNames", () => {
  it("replaces Hangul names and backticked names by ASCII aliases, one alias per name", () => {
    const a = aliasNames('잔액 >= 1000 && `잔액` < 5000 && 고객등급 == "VIP"');
    expect(a.text).toBe('_jk0_ >= 1000 && _jk0_ < 5000 && _jk1_ == "VIP"');
    expect([...a.names]).toEqual([
      ["_jk0_", "잔액"],
      ["_jk1_", "고객등급"],
    ]);
  });

  it("leaves string literals, raw strings, comments and ASCII names alone", () => {
    const text = "os == \"잔액\" && os != r'고객`등급`' && os == '''한\n글''' // 잔액 주석\n&& linked";
    expect(aliasNames(text).text).toBe(text);
  });

  it("never takes an alias the expression already uses as a name", () => {
    const a = aliasNames("_jk0_ && 잔액 > 0");
    expect(a.text).toBe("_jk0_ && _jk1_ > 0");
  });

  it("normalises names to NFC: a name in decomposed Hangul is the same name", () => {
    const a = aliasNames(`${nfd("잔액")} > 0 && 잔액 < 9`);
    expect(a.text).toBe("_jk0_ > 0 && _jk0_ < 9");
    expect(a.names.get("_jk0_")).toBe("잔액");
  });

  it("maps offsets in the rewritten text back to the text as written", () => {
    const text = "알림수신 && 잔액 > x";
    const a = aliasNames(text);
    expect(a.original(a.text.indexOf("_jk1_"))).toBe(text.indexOf("잔액"));
    expect(a.original(a.text.indexOf("x"))).toBe(text.indexOf("x"));
    expect(a.original(0)).toBe(0);
  });

  it("writes a name CEL reserves between backticks, any other name as it is", () => {
    expect(celName("in")).toBe("`in`");
    expect(celName("잔액")).toBe("잔액");
    expect(celName("balance")).toBe("balance");
  });
});

describe("scope expressions over Hangul names", () => {
  it("checks bare and backticked Hangul names against the dataset, with the real names in the AST", () => {
    for (const text of [
      "알림수신 && 잔액 >= 1000",
      '`잔액` > 0 || 고객등급.startsWith("V")',
      '고객등급 in ["VIP", "골드"] && !`in`',
      `${nfd("알림수신")} && ${nfd("잔액")} > 0`,
    ]) {
      const r = checkExpression(text, FIELDS);
      expect(r.ok, text).toBe(true);
      if (r.ok) for (const f of r.fields) expect(FIELDS.has(f), `${text}: ${f}`).toBe(true);
    }
    const r = checkExpression("알림수신 && `잔액` >= 1000", FIELDS);
    if (!r.ok) throw new Error("expected ok");
    expect(fieldsRead(r.expr)).toEqual(["알림수신", "잔액"]);
  });

  it("names an unknown Hangul field as written, at its offset, with the dataset's fields closest first", () => {
    const text = "알림수신 && 잔엑 > 0";
    const r = checkExpression(text, FIELDS);
    expect(r).toMatchObject({
      ok: false,
      issues: [{ code: "expr_unknown_field", offset: text.indexOf("잔엑") }],
    });
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/^"잔엑" is not a field of the dataset \(fields: 잔액, /);
  });

  it("reports a syntax error at its place in the text as written, without an alias in the message", () => {
    const text = "고객등급 == && 잔액";
    const r = checkExpression(text, FIELDS);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]?.code).toBe("expr_syntax");
      expect(r.issues[0]?.message).not.toMatch(/_jk\d+_/);
      expect(r.issues[0]?.offset).toBeGreaterThanOrEqual(text.indexOf("=="));
    }
  });

  it("compiles over Hangul columns and selects what CEL selects with ASCII names", () => {
    const checked = checkExpression('알림수신 && 잔액 >= 1000 && 고객등급 != "휴면"', FIELDS);
    if (!checked.ok) throw new Error("expected ok");
    const keep = compileScope(
      checked.expr,
      FIELDS,
      new Map([
        ["고객등급", 0],
        ["잔액", 1],
        ["알림수신", 2],
      ]),
    );
    // the same condition under ASCII names, evaluated by @bufbuild/cel itself
    const env = celEnv({ variables: { a: CelScalar.BOOL, b: CelScalar.INT, c: CelScalar.STRING } });
    const cel = plan(env, parse('a && b >= 1000 && c != "휴면"'));
    const rows: [string, string, string][] = [
      ["VIP", "1000", "true"],
      ["휴면", "5000", "true"],
      ["일반", "999", "true"],
      ["일반", "20000", "false"],
    ];
    for (const row of rows) {
      const expected = cel({ a: row[2] === "true", b: BigInt(row[1]), c: row[0] } as never) === true;
      expect(keep(row), row.join(",")).toBe(expected);
    }
  });

  it("compares conditions by meaning across spellings (bare, backticked, NFD)", () => {
    const a = checkExpression("알림수신 && 잔액 >= 1000", FIELDS);
    const b = checkExpression(`1000 <= \`잔액\` && ${nfd("알림수신")} == true`, FIELDS);
    const c = checkExpression("알림수신", FIELDS);
    if (!a.ok || !b.ok || !c.ok) throw new Error("expected ok");
    expect(keyOf(normalise(a.expr))).toBe(keyOf(normalise(b.expr)));
    expect(requires(a.expr, c.expr)).toBe(true);
  });

  it("never throws on arbitrary text with Hangul, backticks and quotes", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("잔액", "`", '"', "'", " ", "&&", "가", "\n", "r", "//", "1", "(", ")", "=="),
          {
            maxLength: 12,
          },
        ),
        (parts) => {
          const text = parts.join("");
          const r = checkExpression(text, FIELDS);
          if (!r.ok) for (const i of r.issues) expect(i.offset).toBeLessThanOrEqual(text.length + 1);
        },
      ),
    );
  });
});
