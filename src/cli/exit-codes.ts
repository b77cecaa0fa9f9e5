// the CLI's exit codes and the one mapping from an error's kind (errors/catalogue.ts) to them: 0 ok, 1 findings,
// 2 unusable input (also conflicts, unavailable stores and missing things), 3 release held, 70 internal, 130
// interrupted. docs/errors.md lists every code with its exit code.
import type { ErrorKind } from "../public/base.js";

/** Exit codes shared by every command. */
export const ExitCode = { ok: 0, findings: 1, usage: 2, held: 3, internal: 70, interrupted: 130 } as const;

const BY_KIND: Record<ErrorKind, number> = {
  input: ExitCode.usage,
  findings: ExitCode.findings,
  held: ExitCode.held,
  conflict: ExitCode.usage,
  unavailable: ExitCode.usage,
  not_found: ExitCode.usage,
  interrupted: ExitCode.interrupted,
  internal: ExitCode.internal,
  unauthenticated: ExitCode.usage,
  forbidden: ExitCode.usage,
  too_many: ExitCode.usage,
  too_large: ExitCode.usage,
};

/**
 * The exit code of an error of `kind`.
 * @example exitCodeOf("held") // 3
 */
export function exitCodeOf(kind: ErrorKind): number {
  return BY_KIND[kind];
}
