// Korean passport numbers: M/S/R/G/D + 8 digits (until 2021), or letter + 3 digits + letter + 4 digits (since).
import type { Detector } from "../detector.js";

const PATTERN = /^[MSRGDmsrgd](?:\d{8}|\d{3}[A-Za-z]\d{4})$/;

export const PASSPORT: Detector = {
  id: "passport-kr",
  category: "user.government_id.passport_number",
  title: "Korean passport number",
  starts: ["latin"],
  lengths: [9, 9],
  weight: 0.9,
  nameHints: ["여권", "여권번호", "passport", "passport_no"],
  test(v) {
    return v.length === 9 && PATTERN.test(v);
  },
};
