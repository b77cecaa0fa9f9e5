// the one wording of "this input cannot be opened", shared by every reader: the path and the fix, never contents.
import { JikimiError } from "../../errors.js";

/**
 * A JikimiError for a missing, unreadable or directory path; any other error is returned as is.
 * @example catch (e) { throw openError("customers.csv", e); }
 */
export function openError(name: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT")
    return new JikimiError("file_not_found", `${name} does not exist: check the path`, { cause: e });
  if (code === "EACCES")
    return new JikimiError("file_unreadable", `${name} cannot be read: check its permissions`, { cause: e });
  if (code === "EISDIR")
    return new JikimiError("file_unreadable", `${name} is a directory: name a file`, { cause: e });
  return e;
}
