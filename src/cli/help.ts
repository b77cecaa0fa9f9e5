// commander's own words in the output language: in --help (Usage:, Options:, "choices", "default") and in the errors
// it meets while parsing (unknown option, missing argument, ...). The program is configured before its verbs
// register, and every command inherits the configuration.
import { type Argument, type Command, Help, type Option } from "commander";
import { currentLanguage, t } from "../public/base.js";

/** commander's "(choices: …, default: …)" with its two words in the output language. */
function localiseExtra(text: string): string {
  return text
    .replace(
      /\((choices|default): /,
      (_, word: string) => `(${word === "choices" ? t("cli.help.choices") : t("cli.help.default")}: `,
    )
    .replace(/, default: /, `, ${t("cli.help.default")}: `);
}

/** commander's error messages, by their English form, and their translation. */
const COMMANDER_ERRORS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^error: unknown option '(.+?)'/, (m) => t("cli.commander.unknown_option", { flag: m[1] ?? "" })],
  [/^error: unknown command '(.+?)'/, (m) => t("cli.commander.unknown_command", { name: m[1] ?? "" })],
  [
    /^error: missing required argument '(.+?)'/,
    (m) => t("cli.commander.missing_argument", { name: m[1] ?? "" }),
  ],
  [
    /^error: option '(.+?)' argument missing/,
    (m) => t("cli.commander.option_argument_missing", { flags: m[1] ?? "" }),
  ],
  [
    /^error: required option '(.+?)' not specified/,
    (m) => t("cli.commander.required_option", { flags: m[1] ?? "" }),
  ],
  [
    /^error: option '(.+?)' argument '(.*?)' is invalid\./,
    (m) => t("cli.commander.invalid_option_argument", { flags: m[1] ?? "", value: m[2] ?? "" }),
  ],
  [
    /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\./,
    (m) => t("cli.commander.invalid_argument", { value: m[1] ?? "", name: m[2] ?? "" }),
  ],
  [/^error: too many arguments/, () => t("cli.commander.too_many_arguments")],
  [/^Allowed choices are (.+)\.$/, (m) => t("cli.commander.choices", { choices: m[1] ?? "" })],
  [/^\(Did you mean (?:one of )?(.+)\?\)$/, (m) => t("cli.commander.did_you_mean", { names: m[1] ?? "" })],
];

/**
 * One of commander's error messages in the output language (as it is in English, or for a form not known here),
 * without its "error: " prefix.
 * @example commanderMessage("error: unknown option '--colour'") // "unknown option '--colour'"
 */
export function commanderMessage(message: string): string {
  const text = message.trim();
  if (currentLanguage() === "en") return text.replace(/^error: /, "");
  return text
    .split(/\n| (?=Allowed choices are)/)
    .map((part) => {
      for (const [pattern, render] of COMMANDER_ERRORS) {
        const m = pattern.exec(part);
        if (m) return render(m);
      }
      return part.replace(/^error: /, "");
    })
    .join(" ");
}

/**
 * Configures `program`'s help (and, by inheritance, its commands') to speak the output language.
 * @example const program = new Command("jikimi"); localiseHelp(program); await registerCommands(program, argv);
 */
export function localiseHelp(program: Command): void {
  const titles: Record<string, string> = {
    "Usage:": t("cli.help.usage"),
    "Options:": t("cli.help.options"),
    "Arguments:": t("cli.help.arguments"),
    "Commands:": t("cli.help.commands"),
    "Global Options:": t("cli.help.global_options"),
  };
  program.configureOutput({
    outputError: (text, write) => write(`${t("common.error", { message: commanderMessage(text) })}\n`),
  });
  program.configureHelp({
    styleTitle: (title: string) => titles[title] ?? title,
    optionDescription(this: Help, option: Option) {
      return localiseExtra(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(this: Help, argument: Argument) {
      return localiseExtra(Help.prototype.argumentDescription.call(this, argument));
    },
  });
}
