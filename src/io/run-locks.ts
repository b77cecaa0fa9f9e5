// the process-level run lock of the share gateway: one small SQLite file per agreement under `.jikimi/locks`, held
// in an open EXCLUSIVE transaction that names its owner (pid, host, start); the kernel drops it when the process dies.
import { join } from "node:path";
import type { RunLocks } from "../engine/share/ports.js";
import { JikimiError } from "../errors.js";
import { describeOwner, takeLock } from "./lock.js";

/**
 * The run locks of the workspace at `root`.
 * @example share({ ...req, locks: processLocks(dir) })
 */
export function processLocks(root: string): RunLocks {
  return {
    take(agreement) {
      let owner: string | undefined;
      let busy = false;
      try {
        return takeLock(join(root, ".jikimi", "locks", agreement), (o) => {
          busy = true;
          owner = o ? describeOwner(o) : undefined;
          return new JikimiError("share_running", "busy");
        });
      } catch (e) {
        if (!busy) throw e;
        return owner === undefined ? { busy: true } : { busy: true, owner };
      }
    },
  };
}
