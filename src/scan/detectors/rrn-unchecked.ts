// resident registration numbers whose checksum fails: numbers issued since October 2020 carry none, so a real
// date with a resident gender digit is still a possible RRN, at a lower weight.
import type { Detector } from "../detector.js";
import { isResident, parseRegistration } from "./registration-number.js";
import { RRN_HINTS } from "./rrn.js";

export const RRN_UNCHECKED: Detector = {
  id: "rrn-unchecked",
  category: "user.government_id.resident_registration_number",
  title: "Possible resident registration number (no checksum, post-2020 style)",
  starts: ["digit"],
  lengths: [13, 14],
  weight: 0.6,
  nameHints: RRN_HINTS,
  test(v) {
    const r = parseRegistration(v);
    return r !== undefined && isResident(r) && !r.checksum;
  },
};
