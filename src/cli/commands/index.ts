// every CLI verb registers itself here; each lives in its own file.
import type { Command } from "commander";

/** Adds every verb to the program. */
export function registerCommands(program: Command): void {
  void program;
}
