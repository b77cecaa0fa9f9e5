// options and helpers shared by several commands: the workspace folder, colour, writing output atomically.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { JikimiError } from "../errors.js";

/** Adds -w/--workspace (default: $JIKIMI_WORKSPACE or the current folder). */
export function workspaceOption(cmd: Command): Command {
  return cmd.option("-w, --workspace <dir>", "workspace folder (default: $JIKIMI_WORKSPACE or .)");
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
export function emit(text: string, file: string | undefined, mode?: number): void {
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
    throw new JikimiError(
      "output_unwritable",
      `cannot write ${file}: check that its folder exists and is writable`,
      { cause },
    );
  }
}

/** Parses YYYY-MM-DD for --at, or today's date (UTC). */
export function dateOption(value: string | undefined, now: Date = new Date()): string {
  if (value === undefined) return now.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new JikimiError("bad_date", `--at ${JSON.stringify(value)} is not a date: use YYYY-MM-DD`);
  return value;
}

/** Prints a verify report's problems (ledger verify, verify log): kind, entry, place and message, one per line. */
export function printProblems(
  problems: readonly {
    kind: string;
    seq?: number | undefined;
    place?: string | undefined;
    message: string;
  }[],
): void {
  process.stdout.write(`FAILED: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`);
  for (const p of problems)
    process.stdout.write(
      `  ${p.kind}${p.seq === undefined ? "" : ` at entry ${p.seq}`}${p.place ? ` [${p.place}]` : ""}: ${p.message}\n`,
    );
}
