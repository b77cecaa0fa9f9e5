// the one wording of "this input cannot be opened", shared by every reader: the path and the fix, never contents.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";

/**
 * A JikimiError for a missing, unreadable or directory path; any other error is returned as is.
 * @example catch (e) { throw openError("customers.csv", e); }
 */
export function openError(name: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT")
    return new JikimiError("file_not_found", t("io.not_found", { input: name }), {
      hint: t("io.not_found_hint"),
      cause: e,
    });
  if (code === "EACCES")
    return new JikimiError("file_unreadable", t("io.unreadable", { input: name }), {
      hint: t("io.unreadable_hint"),
      cause: e,
    });
  if (code === "EISDIR") return directoryError(name, e);
  return e;
}

/**
 * The error for a path that names a folder where a file is needed.
 * @example throw directoryError("customers.csv");
 */
export function directoryError(name: string, cause?: unknown): JikimiError {
  return new JikimiError("file_unreadable", t("io.directory", { input: name }), {
    hint: t("io.directory_hint"),
    ...(cause === undefined ? {} : { cause }),
  });
}
