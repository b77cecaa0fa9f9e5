// Korean landline numbers written with separators: 02 (Seoul) or an area code 031-064, then 3-4 and 4 digits.
import type { Detector } from "../detector.js";

const PATTERN = /^\(?0(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4])(?:\)[- ]?|[- ])\d{3,4}[- ]\d{4}$/;

/** Area codes as digits, for the unseparated variant. */
export const LANDLINE_DIGITS_PATTERN = /^0(?:2[2-9]\d{6,7}|(?:3[1-3]|4[1-4]|5[1-5]|6[1-4])[2-9]\d{6,7})$/;

export const LANDLINE: Detector = {
  id: "landline-kr",
  category: "user.contact.phone.landline",
  title: "Korean landline number",
  starts: ["digit", "other"],
  lengths: [11, 15],
  nameHints: ["전화", "연락처", "유선", "자택", "phone", "tel", "telephone", "landline", "contact", "fax"],
  test(v) {
    const n = v.length;
    if (n < 11 || n > 15) return false;
    const c = v.charCodeAt(0);
    if (c !== 48 && c !== 40) return false;
    return PATTERN.test(v);
  },
};
