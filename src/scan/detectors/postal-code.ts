// Korean postal codes: the 5-digit zone numbers in use since 2015 (01000-63999) and the older 6-digit form written
// 123-456. Any 5-digit number matches, so a match alone is weak: it takes a column-name hint (우편번호, zip,
// postal) to classify a column. A postal code narrows a person down with other quasi-identifiers.
import type { Detector } from "../detector.js";
import { allDigits } from "../detector.js";

export const POSTAL_CODE: Detector = {
  id: "postal-code-kr",
  category: "user.contact.address.postal_code",
  title: "Korean postal code (5-digit zone number, or the older 123-456)",
  starts: ["digit"],
  lengths: [5, 7],
  weight: 0.2,
  nameHints: [
    "우편번호",
    "우편",
    "postal",
    "postal_code",
    "postcode",
    "post_code",
    "zip",
    "zipcode",
    "zip_code",
  ],
  test(v) {
    if (v.length === 5) {
      if (!allDigits(v)) return false;
      const n = Number(v);
      return n >= 1000 && n <= 63999;
    }
    return v.length === 7 && v.charCodeAt(3) === 45 && allDigits(v, 0, 3) && allDigits(v, 4, 7);
  },
};
