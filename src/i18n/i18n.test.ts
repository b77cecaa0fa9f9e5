import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { AREAS, resolveLanguage, setLanguage, t, withLanguage } from "./index.js";
import { cells, padEnd, table } from "./width.js";

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
const base = (key: string): string => key.replace(/_(one|other)$/, "");

describe("the message catalogue", () => {
  for (const [area, tables] of Object.entries(AREAS)) {
    const en = tables.en as Record<string, string>;
    const ko = tables.ko as Record<string, string>;
    it(`${area}: every English message has a Korean one with the same placeholders`, () => {
      for (const key of Object.keys(en)) {
        if (key.endsWith("_one")) continue;
        expect(ko[key], `messages/${area}.ts: ko lacks ${key}`).toBeTypeOf("string");
        expect(ko[key], `messages/${area}.ts: ko ${key} is empty`).not.toBe("");
        // Korean has no plural: its one form may drop {{count}} only if English's other form has it too
        expect(placeholders(ko[key] ?? ""), `messages/${area}.ts: placeholders of ${key}`).toEqual(
          placeholders(en[key] ?? ""),
        );
      }
      for (const key of Object.keys(ko))
        expect(en, `messages/${area}.ts: ko has ${key}, en does not`).toHaveProperty(key);
    });
    it(`${area}: keys live under their area and plural forms come in pairs`, () => {
      for (const key of Object.keys(en)) {
        expect(key.startsWith(`${area}.`), `messages/${area}.ts: ${key} must start with "${area}."`).toBe(
          true,
        );
        expect(key, `messages/${area}.ts`).toMatch(/^[a-z_]+\.[\w.]+$/);
        if (key.endsWith("_one"))
          expect(en, `${key} needs ${base(key)}_other`).toHaveProperty(`${base(key)}_other`);
      }
    });
  }

  it("renders plurals in English and the one form in Korean", () => {
    expect(t("common.releases", { count: 1 }, "en")).toBe("1 release");
    expect(t("common.releases", { count: 2 }, "en")).toBe("2 releases");
    expect(t("common.releases", { count: 1 }, "ko")).toBe("제공 1건");
  });

  it("speaks the language set for the process, and the one of the async context over it", async () => {
    setLanguage("ko");
    try {
      expect(t("common.yes")).toBe("예");
      expect(await withLanguage("en", async () => t("common.yes"))).toBe("yes");
      expect(t("common.yes")).toBe("예");
    } finally {
      setLanguage("en");
    }
  });

  it("chooses the flag, then the workspace, then the locale", () => {
    expect(resolveLanguage("ko", "en", { LANG: "en_US.UTF-8" })).toBe("ko");
    expect(resolveLanguage(undefined, "ko", { LANG: "en_US.UTF-8" })).toBe("ko");
    expect(resolveLanguage(undefined, undefined, { LANG: "ko_KR.UTF-8" })).toBe("ko");
    expect(resolveLanguage(undefined, undefined, { LC_ALL: "C", LANG: "ko_KR.UTF-8" })).toBe("en");
    expect(resolveLanguage(undefined, undefined, {})).toBe("en");
    expect(resolveLanguage("fr", undefined, {})).toBeUndefined();
  });
});

describe("columns", () => {
  it("counts Hangul as two cells", () => {
    expect(padEnd("잔액", 6)).toBe("잔액  ");
    const lines = table(
      [
        ["필드", "n"],
        ["customer_no", "12"],
      ],
      ["l", "r"],
    );
    expect(lines).toEqual([`필드${" ".repeat(10)}n`, "customer_no  12"]);
  });

  it("counts as string-width does, on the quick path (ASCII, Hangul syllables) and off it", () => {
    // the quick path's edges (space, ~, DEL, the first and last syllable) and what must leave it: a tab, an
    // escape, a conjoining jamo after a syllable (one grapheme, two cells), CJK, emoji, a combining mark
    const alphabet = [
      " ",
      "~",
      "a",
      "Z",
      "0",
      "\x7f",
      "\t",
      "\x1b",
      "가",
      "힣",
      "잔",
      "\u11a8",
      "\u1100",
      "ㄱ",
    ];
    alphabet.push("漢", "ｱ", "Ａ", "·", "—", "\u0301", "\u200d", "👍", "\ud83d");
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (s) => {
        expect(cells(s)).toBe(stringWidth(s));
      }),
      { numRuns: 2000 },
    );
    expect(cells("customer_no 잔액")).toBe(16);
  });
});
