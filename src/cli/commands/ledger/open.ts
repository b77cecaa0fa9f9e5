// shared by the ledger verbs: open the workspace state and print JSON or text.
import type { Command } from "commander";
import { workspaceDir, workspaceOption } from "../../options.js";
import { openWorkspaceState, type WorkspaceState } from "../../state.js";

export interface LedgerOptions {
  workspace?: string;
  json?: boolean;
}

/** Adds -w and --json to a ledger verb. */
export function ledgerVerb(parent: Command, name: string, description: string): Command {
  return workspaceOption(parent.command(name)).description(description).option("--json", "print JSON");
}

/** Runs `fn` with the workspace state open, closing it afterwards. */
export function withState<T>(opts: LedgerOptions, fn: (state: WorkspaceState) => T): T {
  const state = openWorkspaceState(workspaceDir(opts));
  try {
    return fn(state);
  } finally {
    state.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
