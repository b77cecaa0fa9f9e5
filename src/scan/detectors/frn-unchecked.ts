// foreigner registration numbers whose checksum fails under both rules (post-2020 numbers carry none): possible.
import type { Detector } from "../detector.js";
import { FRN_HINTS } from "./frn.js";
import { isResident, parseRegistration } from "./registration-number.js";

export const FRN_UNCHECKED: Detector = {
  id: "frn-unchecked",
  category: "user.government_id.foreigner_registration_number",
  title: "Possible foreigner registration number (no checksum)",
  starts: ["digit"],
  lengths: [13, 14],
  weight: 0.6,
  nameHints: FRN_HINTS,
  test(v) {
    const r = parseRegistration(v);
    return r !== undefined && !isResident(r) && !r.checksum && !r.foreignChecksum;
  },
};
