// e-mail addresses: local@domain.tld with a letter-only top-level domain.
import type { Detector } from "../detector.js";

const PATTERN = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}$/;

export const EMAIL: Detector = {
  id: "email",
  category: "user.contact.email",
  title: "E-mail address",
  starts: ["digit", "latin", "other"],
  lengths: [6, 254],
  nameHints: ["이메일", "메일", "email", "e_mail", "mail"],
  test(v) {
    const at = v.indexOf("@");
    return at > 0 && v.length >= 6 && v.length <= 254 && PATTERN.test(v);
  },
};
