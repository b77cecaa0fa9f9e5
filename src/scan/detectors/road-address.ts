// Korean road-name addresses: a province or city prefix, up to four more place words, then a road name ending in
// 로 or 길 and a building number (서울특별시 중구 세종대로 110, 경기 성남시 분당구 판교역로 235-1).
import type { Detector } from "../detector.js";
import { PROVINCE, PROVINCE_FIRST } from "./address.js";

const PATTERN = new RegExp(
  `^${PROVINCE}\\s+(?:\\S+\\s+){0,4}?\\S*?(?:로|길)\\s*(?:지하\\s*)?\\d+(?:-\\d+)?(?:\\D.*)?$`,
);

export const ADDRESS_HINTS = [
  "주소",
  "거주지",
  "배송지",
  "도로명",
  "지번",
  "address",
  "addr",
  "street",
  "residence",
];

export const ROAD_ADDRESS: Detector = {
  id: "address-road-kr",
  category: "user.contact.address.road",
  title: "Korean road-name address",
  starts: ["hangul"],
  lengths: [8, Number.POSITIVE_INFINITY],
  nameHints: ADDRESS_HINTS,
  test(v) {
    return v.length >= 8 && PROVINCE_FIRST.has(v[0] ?? "") && PATTERN.test(v);
  },
};
