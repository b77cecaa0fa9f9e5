// Korean mobile numbers: 010 (4-digit middle), 011 and 016-019 (3 or 4), with or without - or spaces, or +82 10 form.
import type { Detector } from "../detector.js";

const PATTERN = /^(?:\+82[- ]?0?|0)1(?:0[- ]?\d{4}|[16-9][- ]?\d{3,4})[- ]?\d{4}$/;

export const MOBILE: Detector = {
  id: "mobile-kr",
  category: "user.contact.phone.mobile",
  title: "Korean mobile phone number",
  starts: ["digit", "plus"],
  lengths: [10, 17],
  nameHints: [
    "휴대폰",
    "핸드폰",
    "휴대전화",
    "전화",
    "연락처",
    "phone",
    "mobile",
    "cell",
    "tel",
    "hp",
    "contact",
  ],
  test(v) {
    const n = v.length;
    if (n < 10 || n > 17) return false;
    const c = v.charCodeAt(0);
    if (c === 48 ? v.charCodeAt(1) !== 49 : c !== 43) return false;
    return PATTERN.test(v);
  },
};
