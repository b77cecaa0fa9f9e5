// preloaded into a `jikimi share` child (node --import) to stand for a failure at an exact step of the release:
// JIKIMI_TEST_FAULT=kill:<pattern> SIGKILLs the process just before it links a file whose name matches <pattern>
// into place (the ledger entry is committed by then); JIKIMI_TEST_FAULT=eacces:<pattern> makes that link fail as
// an output folder that became unwritable does (EACCES), which root cannot reproduce with chmod.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { basename } from "node:path";

const fault = process.env.JIKIMI_TEST_FAULT ?? "";
const at = fault.indexOf(":");
const kind = fault.slice(0, at);
const pattern = new RegExp(fault.slice(at + 1));
if (at > 0 && (kind === "kill" || kind === "eacces")) {
  const link = fs.linkSync;
  fs.linkSync = (existing, target) => {
    if (pattern.test(basename(String(target)))) {
      if (kind === "kill") process.kill(process.pid, "SIGKILL");
      throw Object.assign(new Error(`EACCES: permission denied, link '${existing}' -> '${target}'`), {
        code: "EACCES",
        errno: -13,
        syscall: "link",
      });
    }
    return link(existing, target);
  };
  syncBuiltinESMExports();
}
