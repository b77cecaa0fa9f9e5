// each detector on values it must accept and near misses it must refuse.
import { describe, expect, it } from "vitest";
import type { Detector } from "../detector.js";
import {
  BANK_ACCOUNT,
  BRN,
  CARD,
  DATE_OF_BIRTH,
  DETECTORS,
  DRIVERS_LICENSE,
  EMAIL,
  FRN,
  IPV4,
  IPV6,
  LANDLINE,
  LANDLINE_DIGITS,
  LOT_ADDRESS,
  MOBILE,
  PASSPORT,
  PERSON_NAME,
  ROAD_ADDRESS,
  RRN,
  RRN_UNCHECKED,
} from "./index.js";

const cases: [Detector, string[], string[]][] = [
  [
    MOBILE,
    ["010-1234-5678", "01012345678", "010 1234 5678", "+82 10-1234-5678", "+821012345678", "011-123-4567"],
    ["01012345678901", "010-123-4567", "012-1234-5678", "02-1234-5678"],
  ],
  [
    LANDLINE,
    ["02-123-4567", "031-1234-5678", "(02) 345-6789", "064-712-3456"],
    ["02-12-4567", "035-123-4567", "010-1234-5678"],
  ],
  [LANDLINE_DIGITS, ["0223456789", "0312345678"], ["0101234567", "0351234567"]],
  [RRN, ["900101-1234568", "9001011234568"], ["900101-1234567", "901301-1234568", "900101-9234568"]],
  [RRN_UNCHECKED, ["900101-1234567"], ["900101-1234568", "900230-1234567"]],
  [FRN, ["900101-5234561"], ["900101-1234568"]],
  [BRN, ["220-81-62517", "2208162517"], ["220-81-62518", "020-81-62517"]],
  [PASSPORT, ["M12345678", "M123A4567", "S98765432"], ["A12345678", "M1234567", "M12345678X"]],
  [
    DRIVERS_LICENSE,
    ["11-23-456789-01", "서울 23-456789-01", "112345678901"],
    ["10-23-456789-01", "27-23-456789-01"],
  ],
  [
    CARD,
    ["4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"],
    ["4111111111111112", "1234567812345670", "41111111"],
  ],
  [
    BANK_ACCOUNT,
    ["110-123-456789", "123456-78-901234", "352-1234-5678-93"],
    ["010-1234-5678", "220-81-62517", "900101-1234568", "1101234567890"],
  ],
  [EMAIL, ["a.b@example.co.kr", "kim123@naver.com"], ["a@b", "@naver.com", "kim@naver"]],
  [IPV4, ["192.168.0.1", "8.8.8.8"], ["256.1.1.1", "1.2.3", "01.2.3.4"]],
  [IPV6, ["2001:db8::1", "::1", "fe80::1ff:fe23:4567:890a"], ["12:30:45", "00:1a:2b:3c:4d:5e"]],
  [PERSON_NAME, ["김철수", "이영희", "남궁민수", "박지"], ["서울", "정상", "배송완료", "철수", "김철수님A"]],
  [
    ROAD_ADDRESS,
    ["서울특별시 중구 세종대로 110", "경기 성남시 분당구 판교역로 235-1, 101동 1203호"],
    ["세종대로 110", "서울특별시 중구 청진동 123-4"],
  ],
  [
    LOT_ADDRESS,
    ["서울 종로구 청진동 123-4", "경기도 양평군 양서면 용담리 산 12번지"],
    ["청진동 123", "서울특별시 중구 세종대로 110"],
  ],
  [DATE_OF_BIRTH, ["1990-01-31", "19900131", "1985.12.01"], ["1990-02-30", "1850-01-01", "90-01-31"]],
];

describe("detectors", () => {
  for (const [d, yes, no] of cases) {
    it(`${d.id} accepts its values and refuses near misses`, () => {
      for (const v of yes) expect(d.test(v), v).toBe(true);
      for (const v of no) expect(d.test(v), v).toBe(false);
    });
  }

  it("declares lengths that hold for every accepted example and ids that are unique", () => {
    for (const [d, yes] of cases)
      for (const v of yes) expect(v.length, `${d.id} ${v}`).toBeGreaterThanOrEqual(d.lengths[0]);
    expect(new Set(DETECTORS.map((d) => d.id)).size).toBe(DETECTORS.length);
  });

  it("uses only categories that exist in the default taxonomy", async () => {
    const { DEFAULT_CATEGORIES } = await import("../../taxonomy/default-categories.js");
    const keys = new Set(DEFAULT_CATEGORIES.map((c) => c.key));
    for (const d of DETECTORS) expect(keys.has(d.category), d.category).toBe(true);
  });
});
