// Korean lot-number addresses: a province or city prefix, more place words, then a 동, 리 or 가 and a lot number
// with an optional 산 and 번지 (서울 종로구 청진동 123-4, 경기도 양평군 양서면 용담리 산 12번지).
import type { Detector } from "../detector.js";
import { PROVINCE, PROVINCE_FIRST } from "./address.js";
import { ADDRESS_HINTS } from "./road-address.js";

const PATTERN = new RegExp(
  `^${PROVINCE}\\s+(?:\\S+\\s+){0,4}?\\S+(?:동|리|가)(?:\\d+가)?\\s+(?:산\\s*)?\\d+(?:-\\d+)?(?:\\s*번지)?(?:\\s.*)?$`,
);

export const LOT_ADDRESS: Detector = {
  id: "address-lot-kr",
  category: "user.contact.address.lot",
  title: "Korean lot-number address",
  starts: ["hangul"],
  lengths: [8, Number.POSITIVE_INFINITY],
  nameHints: ADDRESS_HINTS,
  test(v) {
    return v.length >= 8 && PROVINCE_FIRST.has(v[0] ?? "") && PATTERN.test(v);
  },
};
