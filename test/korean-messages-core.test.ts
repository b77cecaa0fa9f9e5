// the messages of model, expr, io and engine in Korean: each area's errors, issues and hints, made in process with
// Korean in force, come out in Korean (with the names, counts and places they carry) and differ from the English.
import { describe, expect, it } from "vitest";
import { describeRecovery } from "../src/engine/release/journal.js";
import { expectedOf } from "../src/engine/typecheck.js";
import { JikimiError } from "../src/errors.js";
import { compileScope } from "../src/expr/compile.js";
import { checkExpression } from "../src/expr/validate.js";
import { type Language, withLanguage } from "../src/i18n/index.js";
import { formatOf, parseCsv } from "../src/io/records/index.js";
import { openError } from "../src/io/records/open-error.js";
import type { FieldType } from "../src/model/dataset.js";
import type { LoadIssue } from "../src/model/issues.js";
import { agreement, baseFiles, load } from "./support/workspace.js";

const HANGUL = /[\uAC00-\uD7A3]/;
const both = <T>(fn: () => T): { en: T; ko: T } => ({
  en: withLanguage("en" as Language, fn),
  ko: withLanguage("ko" as Language, fn),
});
const thrown = (fn: () => unknown): JikimiError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof JikimiError) return e;
    throw e;
  }
  throw new Error("expected a JikimiError");
};
const issues = (files: Parameters<typeof load>[0]): LoadIssue[] => {
  const r = load(files);
  if (r.ok) throw new Error("expected the workspace to fail loading");
  return r.issues;
};

describe("Korean output", () => {
  it("model: load issues and their hints, zod's own texts included", () => {
    // a file the schema refuses (zod), and one whose references do not resolve
    const refused = baseFiles();
    Object.assign(agreement(refused), { purposes: [], legal_bases: "consent" });
    const dangling = baseFiles();
    const a = agreement(dangling);
    Object.assign(a, { recipient: "nobody", fields: { ...(a.fields as object), balanse: "keep" } });
    const { en, ko } = both(() => [...issues(refused), ...issues(dangling)]);
    expect(ko.map((i) => i.code)).toEqual(["invalid", "unknown_key", "dangling_reference", "unknown_field"]);
    expect(ko.map((i) => i.code)).toEqual(en.map((i) => i.code));
    const [tooSmall, unknownKey, reference, field] = ko as [LoadIssue, LoadIssue, LoadIssue, LoadIssue];
    // zod's "too small" for an empty purposes list, through the catalogue
    expect(tooSmall.message).toBe("purposes: 값이 1개 이상 있어야 합니다");
    expect(en[0]?.message).toBe("purposes: needs at least 1 item(s)");
    expect(unknownKey.message).toBe('알 수 없는 키 "legal_bases"');
    expect(unknownKey.hint).toMatch(/^"legal_bases"를 지우거나 철자를 고치세요/);
    expect(reference.message).toBe('수령자 "nobody"이(가) 선언되지 않았습니다');
    expect(field.message).toBe('항목 "balanse"은(는) 데이터셋 "customers"에 선언되지 않았습니다');
    // the closest declared field first, in Korean too
    expect(field.hint).toMatch(/^datasets\/customers.yaml에 선언하거나 다음 중 하나를 쓰세요: balance, /);
    ko.forEach((i, k) => {
      expect(`${i.message} ${i.hint}`, i.code).toMatch(HANGUL);
      expect(i.message).not.toBe(en[k]?.message);
    });
  });

  it("model: a workspace that is not there", () => {
    const ko = withLanguage("ko", () => issues({}));
    expect(ko[0]).toMatchObject({
      code: "workspace_not_found",
      message: "<memory>에 jikimi.yaml이(가) 없습니다",
    });
    expect(ko[0]?.hint).toMatch(/jikimi init DIR/);
  });

  it("expr: scope issues and compile errors", () => {
    const fields = new Map<string, FieldType>([
      ["잔액", "integer"],
      ["os", "string"],
    ]);
    const { ko } = both(() => checkExpression("잔엑 > 0 && os > 1", fields));
    if (ko.ok) throw new Error("expected issues");
    expect(ko.issues.map((i) => i.message)).toEqual([
      '"잔엑"은(는) 데이터셋의 항목이 아닙니다(항목: 잔액, os)',
      "string 값과 int 값은 비교할 수 없습니다",
    ]);
    const checked = checkExpression("잔액 > 0", fields);
    if (!checked.ok) throw new Error("expected ok");
    const e = withLanguage("ko", () => thrown(() => compileScope(checked.expr, fields, new Map())));
    expect(e.code).toBe("scope_column_missing");
    expect(e.summary).toBe('제공 범위가 항목 "잔액"을(를) 읽는데 레코드에 그 열이 없습니다');
    expect(e.hint).toMatch(/source_column/);
  });

  it("io: files that cannot be opened or read", () => {
    const missing = withLanguage("ko", () =>
      openError("회원.csv", Object.assign(new Error("x"), { code: "ENOENT" })),
    );
    expect(missing).toBeInstanceOf(JikimiError);
    expect((missing as JikimiError).message).toBe("회원.csv이(가) 없습니다: 경로를 확인하세요");
    const empty = withLanguage("ko", () => thrown(() => parseCsv(new Uint8Array(0), { name: "빈.csv" })));
    expect(empty.message).toBe(
      "빈.csv이(가) 비어 있습니다: CSV 파일에는 열 이름을 적은 머리글 줄이 있어야 합니다",
    );
    const format = withLanguage("ko", () => thrown(() => formatOf("회원.xlsx")));
    expect(format.hint).toBe("--format csv, jsonl, parquet 중 하나를 주세요");
    const bad = withLanguage("ko", () =>
      parseCsv(new TextEncoder().encode("a,b\n1,2,3\n"), { name: "x.csv" }).flatMap((b) => b.bad),
    );
    expect(bad[0]?.message).toMatch(/^1행\(2번째 줄\)의 필드는 3개인데 머리글은 2개입니다/);
  });

  it("engine: what a type expects, and how an interrupted release ended", () => {
    const { en, ko } = both(() => expectedOf("date"));
    expect(en).toBe("a date YYYY-MM-DD that exists in the calendar");
    expect(ko).toBe("달력에 있는 YYYY-MM-DD 날짜");
    const recovery = {
      agreement: "적립금-소멸-안내",
      action: "completed" as const,
      seq: 3,
      placed: ["a.csv"],
      present: [],
      missing: [],
    };
    expect(withLanguage("ko", () => describeRecovery(recovery))).toBe(
      '중단된 "적립금-소멸-안내"의 제공을 마무리했습니다(원장 항목 3); a.csv을(를) 제자리에 두었습니다',
    );
  });
});
