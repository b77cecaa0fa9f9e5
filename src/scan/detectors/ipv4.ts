// IPv4 addresses in dotted-quad form, each octet 0-255 without leading zeros.
import type { Detector } from "../detector.js";

const PATTERN = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export const IPV4: Detector = {
  id: "ipv4",
  category: "user.unique_id.ip_address",
  title: "IPv4 address",
  starts: ["digit"],
  lengths: [7, 15],
  nameHints: ["아이피", "ip", "ip_address", "ipaddr", "client_ip", "remote_addr", "접속ip"],
  test(v) {
    const n = v.length;
    return n >= 7 && n <= 15 && v.charCodeAt(1) !== 45 && PATTERN.test(v);
  },
};
