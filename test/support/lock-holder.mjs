// a child process for the lock contract test: takes the lock named by argv[2] (from dist), reports, then holds it
// until killed, or until stdin closes (then releases and exits 0). Prints "held" or "busy: <message>".

import { JikimiError } from "../../dist/errors.js";
import { takeLock } from "../../dist/io/lock.js";

const base = process.argv[2];
try {
  const lock = takeLock(base, (o) => new JikimiError("busy", `held by ${o ? o.pid : "unknown"}`));
  process.stdout.write("held\n");
  process.stdin.resume();
  process.stdin.on("end", () => {
    lock.release();
    process.exit(0);
  });
} catch (e) {
  process.stdout.write(`busy: ${e.message}\n`);
  process.exit(3);
}
