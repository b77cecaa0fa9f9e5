// Korean landline numbers as bare digits (022345678, 0311234567): ambiguous with zero-padded codes, so weak alone.
import type { Detector } from "../detector.js";
import { LANDLINE, LANDLINE_DIGITS_PATTERN } from "./landline.js";

export const LANDLINE_DIGITS: Detector = {
  id: "landline-kr-digits",
  category: "user.contact.phone.landline",
  title: "Korean landline number (digits only)",
  starts: ["digit"],
  lengths: [9, 11],
  weight: 0.4,
  ...(LANDLINE.nameHints ? { nameHints: LANDLINE.nameHints } : {}),
  test(v) {
    const n = v.length;
    if (n < 9 || n > 11 || v.charCodeAt(0) !== 48) return false;
    return LANDLINE_DIGITS_PATTERN.test(v);
  },
};
