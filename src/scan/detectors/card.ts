// payment card numbers: 13-19 digits (groups may be split by - or spaces), a known IIN prefix and the Luhn check.
import { type Detector, digitAt } from "../detector.js";

/** Luhn check over a digit string. */
export function luhn(d: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let x = digitAt(d, i);
    if (double) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
    double = !double;
  }
  return sum % 10 === 0;
}

/** True when the digits start with an issuer prefix of a card network (Korean domestic cards start with 9). */
export function knownIin(d: string): boolean {
  const two = digitAt(d, 0) * 10 + digitAt(d, 1);
  const four = two * 100 + digitAt(d, 2) * 10 + digitAt(d, 3);
  const n = d.length;
  if (two >= 40 && two <= 49) return n === 13 || n === 16 || n === 19; // Visa
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return n === 16; // Mastercard
  if (two === 34 || two === 37) return n === 15; // American Express
  if (four >= 3528 && four <= 3589) return n >= 16; // JCB
  if (two === 36 || two === 38 || (four >= 3000 && four <= 3059)) return n >= 14; // Diners
  if (four === 6011 || two === 65 || (four >= 6440 && four <= 6499)) return n >= 16; // Discover
  if (two === 62) return n >= 16; // UnionPay
  if (two >= 90 && two <= 99) return n === 16; // Korean domestic (BC, local issuers)
  return false;
}

export const CARD: Detector = {
  id: "card-luhn",
  category: "user.financial.card_number",
  title: "Payment card number (Luhn, known issuer)",
  starts: ["digit"],
  lengths: [13, 23],
  nameHints: ["카드", "카드번호", "card", "card_no", "card_number", "pan", "cc", "credit_card"],
  test(v) {
    const n = v.length;
    if (n < 13 || n > 23) return false;
    let d = v;
    if (n > 19 || v.indexOf("-") >= 0 || v.indexOf(" ") >= 0) {
      d = v.replace(/[- ]/g, "");
      if (d.length < 13 || d.length > 19) return false;
    }
    for (let i = 0; i < d.length; i++) {
      const c = d.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    return knownIin(d) && luhn(d);
  },
};
