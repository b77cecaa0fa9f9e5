// IPv6 addresses in any RFC 4291 text form (node:net decides after a cheap shape check).
import { isIPv6 } from "node:net";
import type { Detector } from "../detector.js";
import { IPV4 } from "./ipv4.js";

export const IPV6: Detector = {
  id: "ipv6",
  category: "user.unique_id.ip_address",
  title: "IPv6 address",
  starts: ["digit", "latin", "other"],
  lengths: [3, 45],
  ...(IPV4.nameHints ? { nameHints: IPV4.nameHints } : {}),
  test(v) {
    const n = v.length;
    if (n < 3 || n > 45) return false;
    const colon = v.indexOf(":");
    return colon >= 0 && colon <= 4 && v.indexOf(":", colon + 1) > 0 && isIPv6(v);
  },
};
