// account and customer identifiers: a service's own ids (HB0000000001, U00012345, member_000123) have no standard
// shape, so the pattern is loose (an ASCII token of 6-24 letters, digits and _ with at least 4 digits) and counts for
// almost nothing alone; a column named like one (customer_id, 회원번호, ...) classifies it. In the case, such ids let
// the recipient join two feeds: they identify a person to anyone holding another file keyed by them.
import type { Detector } from "../detector.js";

const PATTERN = /^[A-Za-z0-9_]{6,24}$/;

export const ACCOUNT_ID: Detector = {
  id: "account-id",
  category: "user.unique_id.account",
  title: "Account or customer identifier (by column name)",
  starts: ["digit", "latin"],
  lengths: [6, 24],
  weight: 0.1,
  nameHints: [
    "회원번호",
    "고객번호",
    "회원아이디",
    "고객아이디",
    "아이디",
    "customer_id",
    "customer_no",
    "cust_id",
    "client_id",
    "member_id",
    "member_no",
    "user_id",
    "userid",
    "uid",
    "account_id",
    "login_id",
  ],
  test(v) {
    if (!PATTERN.test(v)) return false;
    let digits = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
    }
    return digits >= 4;
  },
};
