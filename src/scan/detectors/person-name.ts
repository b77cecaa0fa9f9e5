// Korean personal names: 2-4 Hangul syllables beginning with a surname (one syllable, or a two-syllable one such
// as 남궁), excluding common words that happen to begin with a surname syllable (서울, 정상, 주문취소, ...).
import type { Detector } from "../detector.js";
import { DOUBLE_SURNAMES, NOT_NAMES, SURNAMES } from "./korean-words.js";

export const PERSON_NAME: Detector = {
  id: "name-ko",
  category: "user.name",
  title: "Korean personal name",
  starts: ["hangul"],
  lengths: [2, 4],
  weight: 0.85,
  nameHints: [
    "성명",
    "이름",
    "고객명",
    "성함",
    "예금주",
    "수취인",
    "받는분",
    "name",
    "full_name",
    "fullname",
    "customer_name",
    "holder",
  ],
  test(v) {
    const n = v.length;
    if (n < 2 || n > 4) return false;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c < 0xac00 || c > 0xd7a3) return false;
    }
    if (NOT_NAMES.has(v)) return false;
    return SURNAMES.has(v[0] ?? "") || (n >= 3 && DOUBLE_SURNAMES.has(v.slice(0, 2)));
  },
};
