// business registration numbers (사업자등록번호): NNN-NN-NNNNN or 10 digits, tax-office code 101+, with the
// National Tax Service checksum (weights 1,3,7,1,3,7,1,3,5 plus the carry of the ninth digit times 5).
import { allDigits, type Detector, digitAt } from "../detector.js";

const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** True when ten digits carry a valid business-number checksum. */
export function brnChecksum(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(d, i) * (WEIGHTS[i] ?? 0);
  sum += Math.floor((digitAt(d, 8) * 5) / 10);
  return (10 - (sum % 10)) % 10 === digitAt(d, 9);
}

export const BRN: Detector = {
  id: "brn",
  // a business number identifies a business (for a sole proprietor, also a person); the taxonomy files it here
  category: "system.merchant",
  title: "Business registration number (checksum valid)",
  starts: ["digit"],
  lengths: [10, 12],
  weight: 0.9,
  nameHints: ["사업자", "사업자번호", "사업자등록번호", "brn", "business", "biz", "bizno", "tax_id", "vat"],
  test(v) {
    let d: string;
    if (v.length === 12) {
      if (v.charCodeAt(3) !== 45 || v.charCodeAt(6) !== 45) return false;
      d = v.slice(0, 3) + v.slice(4, 6) + v.slice(7);
    } else if (v.length === 10) d = v;
    else return false;
    if (!allDigits(d) || d.charCodeAt(0) === 48) return false;
    return brnChecksum(d);
  },
};
