// bank account numbers as Korean banks print them: 3-5 hyphenated digit groups, 10-14 digits in all (110-123-456789,
// 123456-78-901234, 1002-123-456789, 352-1234-5678-93). Nothing checks them, so a match alone is weak: it takes a
// column-name hint to classify a column, and phone, registration, business and licence shapes are left out.
import type { Detector } from "../detector.js";
import { BRN } from "./brn.js";
import { DRIVERS_LICENSE } from "./drivers-license.js";
import { LANDLINE } from "./landline.js";
import { MOBILE } from "./mobile.js";
import { parseRegistration } from "./registration-number.js";

const PATTERN = /^\d{2,6}(?:-\d{2,7}){2,4}$/;

export const BANK_ACCOUNT: Detector = {
  id: "bank-account-kr",
  category: "user.financial.account_number",
  title: "Bank account number (hyphenated digit groups)",
  starts: ["digit"],
  lengths: [12, 18],
  weight: 0.3,
  nameHints: [
    "계좌",
    "계좌번호",
    "입금계좌",
    "출금계좌",
    "account_no",
    "account_number",
    "acct",
    "bank_account",
    "bank",
  ],
  test(v) {
    const n = v.length;
    if (n < 12 || n > 18 || v.indexOf("-") < 0) return false;
    if (!PATTERN.test(v)) return false;
    const digits = n - (v.split("-").length - 1);
    if (digits < 10 || digits > 14) return false;
    return !(
      MOBILE.test(v) ||
      LANDLINE.test(v) ||
      BRN.test(v) ||
      DRIVERS_LICENSE.test(v) ||
      parseRegistration(v) !== undefined
    );
  },
};
