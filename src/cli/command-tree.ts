// the CLI's command tree as data (paths, subcommands, long options), read from a registered commander program;
// the help examples, shell completion and their tests all walk this one list.
import type { Command } from "commander";

/** One command of the tree: its path without the program name ("" for the program itself). */
export interface CommandNode {
  path: string;
  command: Command;
  subcommands: { name: string; description: string }[];
  longOptions: string[];
}

/**
 * Every command under `program`, the program first, parents before their children.
 * @example commandTree(program).map((n) => n.path) // ["", "init", ..., "ledger", "ledger verify", ...]
 */
export function commandTree(program: Command): CommandNode[] {
  const nodes: CommandNode[] = [];
  const walk = (command: Command, path: string): void => {
    nodes.push({
      path,
      command,
      subcommands: command.commands.map((c) => ({ name: c.name(), description: c.description() })),
      longOptions: [
        // old flags that still work for one release are hidden: completion offers the current ones only
        ...command.options
          .filter((o) => !o.hidden)
          .map((o) => o.long)
          .filter((l): l is string => l !== undefined),
        "--help",
      ],
    });
    for (const sub of command.commands) walk(sub, path === "" ? sub.name() : `${path} ${sub.name()}`);
  };
  walk(program, "");
  return nodes;
}
