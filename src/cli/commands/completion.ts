// `jikimi completion bash|zsh`: prints a completion script made from every verb's commands and long options.
import { Argument, Command } from "commander";
import { commandTree } from "../command-tree.js";
import { completionScript, SHELLS, type Shell } from "../completion.js";
import { registerCommands } from "./index.js";

export function registerCompletion(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script for jikimi's commands and options")
    .addArgument(new Argument("<shell>", "bash or zsh").choices(SHELLS))
    .addHelpText(
      "after",
      "\nTo load it in the current shell:\n  bash: source <(jikimi completion bash)\n  zsh:  source <(jikimi completion zsh)\n" +
        "Add that line to ~/.bashrc or ~/.zshrc to load it in every new shell.\n",
    )
    .action(async (shell: Shell) => {
      // only this verb was registered to run it: build the whole tree apart, the way `jikimi --help` does
      const all = new Command(program.name());
      const version = program.version();
      if (version !== undefined) all.version(version);
      await registerCommands(all, ["node", "jikimi"]);
      process.stdout.write(completionScript(shell, commandTree(all)));
    });
}
