// `jikimi completion bash|zsh`: prints a completion script made from every verb's commands and long options.
import { Argument, Command } from "commander";
import { t } from "../../public/base.js";
import { commandTree } from "../command-tree.js";
import { completionScript, SHELLS, type Shell } from "../completion.js";
import { formatOption } from "../convention.js";
import { report } from "../output.js";
import { registerCommands } from "./index.js";

export function registerCompletion(program: Command): void {
  formatOption(
    program
      .command("completion")
      .description(t("cli.completion.description"))
      .addArgument(new Argument("<shell>", t("cli.completion.shell")).choices(SHELLS))
      .addHelpText("after", `\n${t("cli.completion.how")}\n`),
  ).action(async (shell: Shell) => {
    // only this verb was registered to run it: build the whole tree apart, the way `jikimi --help` does
    const all = new Command(program.name());
    const version = program.version();
    if (version !== undefined) all.version(version);
    await registerCommands(all, ["node", "jikimi"]);
    const script = completionScript(shell, commandTree(all));
    report(
      () => ({ shell, script }),
      () => script,
    );
  });
}
