// options and helpers shared by several commands: the workspace folder, colour, writing output atomically.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { JikimiError, t } from "../public/base.js";

/** Adds -w/--workspace (default: $JIKIMI_WORKSPACE or the current folder). */
export function workspaceOption(cmd: Command): Command {
  return cmd.option("-w, --workspace <dir>", t("cli.options.workspace"));
}

export function workspaceDir(opts: { workspace?: string }): string {
  return resolve(opts.workspace ?? process.env.JIKIMI_WORKSPACE ?? ".");
}

/** Colour only on a terminal, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && process.env.NO_COLOR === undefined && process.env.FORCE_COLOR !== "0";
}

/**
 * Writes `text` to a file via a temporary file and a rename, or to stdout when no file is given; `mode` 0o600 for
 * a file about a person (created exclusively, so an existing temporary is never reused).
 */
export function emit(text: string | Uint8Array, file: string | undefined, mode?: number): void {
  if (file === undefined || file === "-") {
    process.stdout.write(text);
    return;
  }
  const target = resolve(file);
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, mode === undefined ? {} : { mode, flag: "wx" });
    renameSync(tmp, target);
  } catch (cause) {
    rmSync(tmp, { force: true });
    throw new JikimiError("output_unwritable", t("cli.errors.output_unwritable", { file }), {
      hint: t("cli.errors.output_unwritable_hint"),
      cause,
    });
  }
}

/** Parses YYYY-MM-DD for --at, or today's date (UTC). */
export function dateOption(value: string | undefined, now: Date = new Date()): string {
  if (value === undefined) return now.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new JikimiError("bad_date", t("cli.errors.bad_date", { value: JSON.stringify(value) }), {
      hint: t("cli.errors.bad_date_hint"),
    });
  return value;
}

/** A verify problem (ledger verify, verify log, monitor, publish): kind, entry, place and message. */
export interface ProblemLine {
  kind: string;
  seq?: number | undefined;
  place?: string | undefined;
  message: string;
}

/** One problem as an indented line: "  changed at entry 1 [tile/entries/000.p/3]: ..." */
export function problemLine(p: ProblemLine): string {
  const at = p.seq === undefined ? "" : t("cli.verify.at_entry", { seq: p.seq });
  return `  ${p.kind}${at}${p.place ? ` [${p.place}]` : ""}: ${p.message}\n`;
}

/** The text of a failed verify: "FAILED: n problems", then one line per problem. */
export function problemsText(problems: readonly ProblemLine[]): string {
  return `${t("cli.verify.failed", { problems: t("common.problems", { count: problems.length }) })}\n${problems.map(problemLine).join("")}`;
}

/** Thousands separated, as both languages write them: 1,234,567. */
export const n = (value: number): string => value.toLocaleString("en-US");
