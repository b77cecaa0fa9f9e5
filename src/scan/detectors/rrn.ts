// resident registration numbers with a valid date, a resident gender digit (1-4) and a checksum that holds.
import type { Detector } from "../detector.js";
import { isResident, parseRegistration } from "./registration-number.js";

export const RRN_HINTS = [
  "주민번호",
  "주민등록",
  "주민",
  "ssn",
  "rrn",
  "jumin",
  "resident",
  "registration",
  "regno",
];

export const RRN: Detector = {
  id: "rrn",
  category: "user.government_id.resident_registration_number",
  title: "Resident registration number (checksum valid)",
  starts: ["digit"],
  lengths: [13, 14],
  nameHints: RRN_HINTS,
  test(v) {
    const r = parseRegistration(v);
    return r !== undefined && isResident(r) && r.checksum;
  },
};
