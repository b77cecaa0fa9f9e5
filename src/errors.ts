// runtime failures as data: a stable code from the catalogue (errors/catalogue.ts), a message, a hint and details;
// messages never carry record values or keys. Which exit code or HTTP status a code gets is the adapters' choice.
import { type ErrorCode, type ErrorKind, kindOf } from "./errors/catalogue.js";

export {
  ERRORS,
  type ErrorCode,
  type ErrorKind,
  httpStatusOf,
  isErrorCode,
  kindOf,
} from "./errors/catalogue.js";

/** Facts about an error for programs: names, counts, flags; never a record value, key or token. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean>>;

/** An error as data, as adapters print or send it. */
export interface ErrorData {
  code: ErrorCode;
  kind: ErrorKind;
  /** what is wrong and where (the summary, without the hint) */
  message: string;
  hint: string | undefined;
  details: ErrorDetails | undefined;
}

/**
 * A failure the user can act on. `summary` says what is wrong and where, `hint` what to do about it; `message` is
 * the two joined ("summary: hint"), as a terminal shows it. Both come from the message catalogue (src/i18n), in
 * the language in force when the error is made. `code` is snake_case, stable and listed in errors/catalogue.ts,
 * which gives its kind; adapters map the kind to exit codes and HTTP statuses.
 * @example throw new JikimiError("workspace_not_found", t("errors.workspace_not_found", { dir }), { hint: t("errors.workspace_not_found_hint", { dir }) });
 */
export class JikimiError extends Error {
  readonly code: ErrorCode;
  readonly summary: string;
  readonly hint: string | undefined;
  readonly details: ErrorDetails | undefined;
  constructor(
    code: ErrorCode,
    summary: string,
    options: { cause?: unknown; hint?: string | undefined; details?: ErrorDetails } = {},
  ) {
    super(
      options.hint === undefined ? summary : `${summary}: ${options.hint}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "JikimiError";
    this.code = code;
    this.summary = summary;
    this.hint = options.hint;
    this.details = options.details;
  }

  /** The error's kind, from the catalogue. */
  get kind(): ErrorKind {
    return kindOf(this.code);
  }

  /** The error as data: `{code, kind, message, hint, details}` (message is the summary). */
  toData(): ErrorData {
    return {
      code: this.code,
      kind: this.kind,
      message: this.summary,
      hint: this.hint,
      details: this.details,
    };
  }
}
