// runtime failures: small Error subclasses with a stable code; messages never carry record values or keys.

/** Exit codes shared by every command: 0 ok, 1 findings, 2 unusable input, 3 release held. */
export const ExitCode = { ok: 0, findings: 1, usage: 2, held: 3, internal: 70 } as const;

/**
 * A failure the user can act on. `summary` says what is wrong and where, `hint` what to do about it; `message` is
 * the two joined ("summary: hint"), as a terminal shows it. Both come from the message catalogue (src/i18n), in
 * the language in force when the error is made. `code` is snake_case and stable: adapters map it to exit codes
 * and HTTP statuses, and `--format json` prints `{error: {code, message, hint}}`.
 * @example throw new JikimiError("workspace_not_found", t("errors.workspace_not_found", { dir }), { hint: t("errors.workspace_not_found_hint", { dir }) });
 */
export class JikimiError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly summary: string;
  readonly hint: string | undefined;
  constructor(
    code: string,
    summary: string,
    options: { exitCode?: number; cause?: unknown; hint?: string | undefined } = {},
  ) {
    super(
      options.hint === undefined ? summary : `${summary}: ${options.hint}`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = "JikimiError";
    this.code = code;
    this.summary = summary;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.usage;
  }
}
