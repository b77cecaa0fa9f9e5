// Korean driver's licence numbers: region (numeric code 11-26 or 28, or its name, e.g. 서울) - 2 digits (year) -
// 6 digits (serial) - 2 digits (check).
import type { Detector } from "../detector.js";

const PATTERN =
  /^(?:(?:1[1-9]|2[0-68])[- ]?|(?:서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산)[- ]?)\d{2}[- ]?\d{6}[- ]?\d{2}$/;

export const DRIVERS_LICENSE: Detector = {
  id: "drivers-license-kr",
  category: "user.government_id.drivers_license_number",
  title: "Korean driver's licence number",
  starts: ["digit", "hangul"],
  lengths: [12, 16],
  weight: 0.9,
  nameHints: ["운전면허", "면허번호", "면허", "license", "licence", "driver", "dl", "driving"],
  test(v) {
    const n = v.length;
    if (n < 12 || n > 16) return false;
    const c = v.charCodeAt(0);
    if (c === 49 || c === 50) {
      // numeric region: 12 digits, or 15 with the three separators in place
      if (n !== 12 && n !== 15) return false;
    }
    return PATTERN.test(v);
  },
};
