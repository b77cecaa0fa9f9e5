// the public surface's base: errors as data and their catalogue, the message catalogue (t, languages) and
// terminal widths and where the package is installed; light enough for every adapter to load at start-up.

export { PACKAGE_ROOT } from "../built.js";
export {
  ERRORS,
  type ErrorCode,
  type ErrorData,
  type ErrorDetails,
  type ErrorKind,
  httpStatusOf,
  isErrorCode,
  JikimiError,
  kindOf,
} from "../errors.js";
export {
  currentLanguage,
  isLanguage,
  LANGUAGES,
  type Language,
  type MessageKey,
  type MessageParams,
  requestLanguage,
  resolveLanguage,
  setLanguage,
  t,
  withLanguage,
} from "../i18n/index.js";
export { cells, padEnd, padStart, table, widest } from "../i18n/width.js";
export { VERSION } from "../version.js";
