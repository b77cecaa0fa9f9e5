import { describe, expect, it } from "vitest";
import { t, withLanguage } from "../i18n/index.js";
import type { Dataset } from "../model/dataset.js";
import { describeMissing, mapHeader, neededFields } from "./columns.js";

const field = (source_column?: string) => ({
  type: "string" as const,
  categories: [],
  nullable: false,
  ...(source_column === undefined ? {} : { source_column }),
});
const DATASET: Pick<Dataset, "fields"> = {
  fields: {
    회원번호: field("회원 번호"),
    휴대전화: field(),
    적립금: field("적립금(원)"),
    알림수신: field(),
    생년월일: field(),
  },
};
const NEEDED = neededFields("회원번호", ["회원번호", "휴대전화", "적립금"], ["알림수신", "적립금"]);

describe("mapping a header onto the fields", () => {
  it("knows why each field is read: the subject key first, then released fields, then the scope's", () => {
    expect([...NEEDED]).toEqual([
      ["회원번호", "subject"],
      ["휴대전화", "released"],
      ["적립금", "released"],
      ["알림수신", "scope"],
    ]);
  });

  it("reads a field from its source_column, others from their own name, and drops the rest", () => {
    const m = mapHeader(["회원 번호", "휴대전화", "적립금(원)", "알림수신", "가입 경로"], DATASET, NEEDED);
    expect(m).toEqual({
      columns: ["회원번호", "휴대전화", "적립금", "알림수신", "가입 경로"],
      missing: [],
      duplicated: [],
    });
  });

  it("needs only the columns the release reads: a cut-down source is enough", () => {
    const m = mapHeader(["알림수신", "적립금(원)", "회원 번호", "휴대전화"], DATASET, NEEDED);
    expect(m.missing).toEqual([]);
    expect(m.columns).toEqual(["알림수신", "적립금", "회원번호", "휴대전화"]);
  });

  it("compares headers in NFC: a header in decomposed Hangul feeds its field", () => {
    const header = ["회원 번호", "휴대전화", "적립금(원)", "알림수신"].map((h) => h.normalize("NFD"));
    expect(mapHeader(header, DATASET, NEEDED)).toMatchObject({
      columns: ["회원번호", "휴대전화", "적립금", "알림수신"],
      missing: [],
    });
  });

  it("names each missing column, the field it feeds and why it is read", () => {
    const m = mapHeader(["회원번호", "휴대전화"], DATASET, NEEDED);
    expect(m.missing).toEqual([
      { field: "회원번호", column: "회원 번호", why: "subject", named: true },
      { field: "적립금", column: "적립금(원)", why: "released" },
      { field: "알림수신", column: "알림수신", why: "scope" },
    ]);
    // a column named like a field that reads another header feeds nothing, and cannot pass for that field
    expect(m.columns[0]).toBe("[회원번호]");
    expect(describeMissing(m.missing)).toBe(
      '"회원 번호" (source_column of field 회원번호; the subject key; the column headed 회원번호 is not read: rename its header to "회원 번호", or remove source_column), "적립금(원)" (source_column of field 적립금; released by the agreement), 알림수신 (read by the scope)',
    );
    expect(withLanguage("ko", () => describeMissing(m.missing.slice(2)))).toBe(
      `알림수신(${t("engine.columns.why_scope", {}, "ko")})`,
    );
  });

  it("reports repeated headers, in either Unicode form", () => {
    const m = mapHeader(
      ["회원 번호", "휴대전화", "휴대전화".normalize("NFD"), "적립금(원)", "알림수신"],
      DATASET,
      NEEDED,
    );
    expect(m.duplicated).toEqual(["휴대전화"]);
  });
});
