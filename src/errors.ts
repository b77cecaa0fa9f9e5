// runtime failures: small Error subclasses with a stable code; messages never carry record values or keys.

/** Exit codes shared by every command: 0 ok, 1 findings, 2 unusable input, 3 release held. */
export const ExitCode = { ok: 0, findings: 1, usage: 2, held: 3, internal: 70 } as const;

/**
 * A failure the user can act on. `message` names the place and the fix; `code` is snake_case.
 * @example throw new JikimiError("workspace_not_found", "no jikimi.yaml in ./ws: run `jikimi init ./ws`");
 */
export class JikimiError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "JikimiError";
    this.code = code;
    this.exitCode = options.exitCode ?? ExitCode.usage;
  }
}
