// what a verb prints, by the format in force (`--format text|json|sarif`, set once per run before the verb's action,
// see convention.ts): stdout carries the result, JSON in snake_case; stderr carries notes for people. Under
// `--format json` an error is a JSON document on stdout too ({"error":{"code","message","hint"}}), with the text
// line on stderr as always and the same exit code.
import { CommanderError } from "commander";
import { JikimiError, t } from "../public/base.js";
import { ExitCode, exitCodeOf } from "./exit-codes.js";
import { commanderMessage } from "./help.js";
import { snakeKeys } from "./snake-case.js";

export type OutputFormat = "text" | "json" | "sarif";

let current: OutputFormat | undefined;
/** where results go: stdout, unless stdout carries data (see resultsToStderr) */
let results: NodeJS.WritableStream | undefined;

/** Sends the verb's result and JSON error document to stderr from now on: stdout carries data (`share --out-dir -`). */
export function resultsToStderr(): void {
  results = process.stderr;
}

/** Sets the run's output format (the convention's hook does, before the action). */
export function setOutputFormat(format: OutputFormat): void {
  current = format;
}

/** The run's output format; `text` until the hook has set it. */
export function outputFormat(): OutputFormat {
  return current ?? "text";
}

/** True once the hook has set the format (an error before that is a parse error: see jsonRequested). */
export function formatKnown(): boolean {
  return current !== undefined;
}

/** Whether the run prints JSON. */
export function jsonOutput(): boolean {
  return current === "json";
}

/**
 * `value` as JSON text (two-space indent, a final newline), keys in snake_case except inside the `data` maps.
 * @example jsonText({ newSubjects: 2 }) // '{\n  "new_subjects": 2\n}\n'
 */
export function jsonText(value: unknown, data: readonly string[] = []): string {
  return `${JSON.stringify(snakeKeys(value, data), null, 2)}\n`;
}

/** Prints `value` as JSON on stdout (see jsonText). */
export function printJson(value: unknown, data: readonly string[] = []): void {
  (results ?? process.stdout).write(jsonText(value, data));
}

/**
 * Prints a verb's result: `json()` under `--format json`, else `text()` (nothing when it is empty).
 * @example report(() => ({ size }), () => `ok: ${size} entries\n`);
 */
export function report(json: () => unknown, text: () => string, data: readonly string[] = []): void {
  if (jsonOutput()) printJson(json(), data);
  else {
    const out = text();
    if (out !== "") (results ?? process.stdout).write(out);
  }
}

/** A note for people on stderr (both formats: stdout is for the result). */
export function note(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** The JSON document of an error: its code, summary and hint, and the problems a few errors carry. */
export function errorDocument(error: unknown, command: string): { error: Record<string, unknown> } {
  if (error instanceof JikimiError) {
    const extra: Record<string, unknown> = {};
    // an error over many rows (consent import) carries them: one document with the error and its problems
    const detail = error as JikimiError & { problems?: unknown; total?: unknown };
    if (Array.isArray(detail.problems)) extra.problems = detail.problems;
    if (typeof detail.total === "number") extra.total = detail.total;
    if (error.details !== undefined) extra.details = error.details;
    return { error: { code: error.code, message: error.summary, hint: error.hint ?? null, ...extra } };
  }
  if (error instanceof CommanderError)
    return {
      error: {
        code: commanderCode(error),
        message: commanderMessage(error.message),
        hint: t("cli.errors.see_help", { command: command === "" ? "jikimi" : `jikimi ${command}` }),
      },
    };
  const name = error instanceof Error ? error.name : "unknown error";
  return {
    error: {
      code: "internal_error",
      message: t("cli.errors.internal", { name }),
      hint: t("cli.errors.internal_hint"),
    },
  };
}

/** commander's error code (`commander.unknownOption`) as a snake_case code of ours (`unknown_option`). */
function commanderCode(error: CommanderError): string {
  const name = error.code.replace(/^commander\./, "");
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Reports an error the way the run's format asks: the text line on stderr always, the JSON document on stdout
 * under `--format json`; returns the exit code (from the error's kind: exit-codes.ts).
 * @example process.exitCode = reportError(error, "ledger verify", true);
 */
export function reportError(error: unknown, command: string, json: boolean): number {
  let exit: number;
  if (error instanceof CommanderError) {
    // commander has printed its own message (and the help) on stderr
    if (error.exitCode === 0) return 0;
    exit = ExitCode.usage;
  } else if (error instanceof JikimiError) {
    process.stderr.write(`${t("common.error", { message: error.message })}\n`);
    exit = exitCodeOf(error.kind);
  } else {
    const name = error instanceof Error ? error.name : "unknown error";
    process.stderr.write(`${t("common.internal_error", { name })}\n`);
    if (process.env.JIKIMI_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    exit = ExitCode.internal;
  }
  if (json) printJson(errorDocument(error, command));
  return exit;
}
