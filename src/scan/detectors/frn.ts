// foreigner registration numbers: the RRN layout with gender digit 5-8; the checksum (either the resident rule or
// the older foreigner variant) decides between a strong and a possible match.
import type { Detector } from "../detector.js";
import { isResident, parseRegistration } from "./registration-number.js";

export const FRN_HINTS = ["외국인등록", "외국인번호", "foreigner", "alien", "arc", "frn"];

export const FRN: Detector = {
  id: "frn",
  category: "user.government_id.foreigner_registration_number",
  title: "Foreigner registration number (checksum valid)",
  starts: ["digit"],
  lengths: [13, 14],
  nameHints: FRN_HINTS,
  test(v) {
    const r = parseRegistration(v);
    return r !== undefined && !isResident(r) && (r.checksum || r.foreignChecksum);
  },
};
