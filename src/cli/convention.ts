// the one CLI convention as options verbs add, and one hook that runs before any action: `--format` for the output
// (text|json, and sarif where findings are output), `--input-format` for input files, `-o/--output FILE` for a file,
// `--out-dir DIR` for a folder. Old flags (`--json`, share's `--format csv` and `-o DIR`, ...) keep working for one
// release: the hook moves their value to the new option and prints a notice on stderr. docs/cli.md describes it.
import { type Command, InvalidArgumentError, Option } from "commander";
import { JikimiError, t } from "../public/base.js";
import { type OutputFormat, setOutputFormat } from "./output.js";

/** Finds an old flag's use on a parsed command, moves its value to the new option and names both for the notice. */
type Deprecation = (command: Command) => { old: string; replacement: string } | undefined;

const deprecations = new WeakMap<Command, Deprecation[]>();
const required = new WeakMap<Command, { attribute: string; flag: string }[]>();

function push<T>(map: WeakMap<Command, T[]>, command: Command, item: T): void {
  const list = map.get(command) ?? [];
  list.push(item);
  map.set(command, list);
}

/** Registers an old flag's handling on `command` (see Deprecation); run in registration order. */
export function deprecate(command: Command, deprecation: Deprecation): void {
  push(deprecations, command, deprecation);
}

export interface FormatOptions {
  /** the output formats (default: text and json) */
  formats?: readonly OutputFormat[];
  /** also -f (check, scan, risk, link had it) */
  short?: boolean;
  /**
   * values `--format` took before it meant the output format, still accepted for one release: the value moves to
   * `attribute` (unless that option was given) and the notice names `replacement(value)`
   */
  legacy?: { values: readonly string[]; attribute?: string; replacement: (value: string) => string };
}

/**
 * Adds `--format` (default text) and the old `--json`, hidden, which still works with a notice.
 * @example formatOption(program.command("scan"), { formats: ["text", "json", "sarif"], short: true })
 */
export function formatOption(command: Command, options: FormatOptions = {}): Command {
  const formats = options.formats ?? ["text", "json"];
  const legacy = options.legacy;
  const accepted = [...formats, ...(legacy?.values ?? [])];
  command.addOption(
    new Option(
      `${options.short ? "-f, " : ""}--format <format>`,
      t("cli.convention.format", { formats: formats.join(", ") }),
    )
      .default("text")
      .argParser((value: string) => {
        if (!accepted.includes(value))
          throw new InvalidArgumentError(
            t("cli.convention.bad_format", { value, formats: formats.join(", ") }),
          );
        return value;
      }),
  );
  command.addOption(new Option("--json", t("cli.convention.json")).hideHelp());
  if (legacy)
    deprecate(command, (c) => {
      const value = c.getOptionValue("format") as string;
      if (!legacy.values.includes(value)) return undefined;
      if (legacy.attribute !== undefined && c.getOptionValue(legacy.attribute) === undefined)
        c.setOptionValue(legacy.attribute, value);
      c.setOptionValue("format", "text");
      return { old: `--format ${value}`, replacement: legacy.replacement(value) };
    });
  deprecate(command, (c) => {
    if (c.getOptionValue("json") !== true) return undefined;
    c.setOptionValue("format", "json");
    return { old: "--json", replacement: "--format json" };
  });
  return command;
}

/**
 * Adds an old flag, hidden from the help, that still works for one release: its value moves to the option whose
 * attribute is `attribute` (unless that one was given too), with a notice naming `replacement`.
 * @example oldFlag(share, "-o, --out <dir>", "outDir", "--out-dir");
 */
export function oldFlag(command: Command, flags: string, attribute: string, replacement: string): Command {
  const option = new Option(flags).hideHelp();
  command.addOption(option);
  const name = option.attributeName();
  const old = [option.short, option.long].filter((f) => f !== undefined).join("/");
  deprecate(command, (c) => {
    const value: unknown = c.getOptionValue(name);
    if (value === undefined) return undefined;
    if (c.getOptionValue(attribute) === undefined) c.setOptionValue(attribute, value);
    return { old, replacement };
  });
  return command;
}

/**
 * Makes an option required once the old flags are applied (commander's own check runs before them, so an option
 * with an old spelling cannot be a `requiredOption`).
 * @example requireOption(share, "outDir", "--out-dir <dir>");
 */
export function requireOption(command: Command, attribute: string, flag: string): Command {
  push(required, command, { attribute, flag });
  return command;
}

/** The command path (`ledger verify`) of a command, without the program's name. */
export function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/**
 * The path of the command argv names (`ledger verify` for `jikimi ledger verify -w x`), as far as it is known.
 * @example commandPathOf(program, ["node", "jikimi", "ledger", "log"]) // "ledger log"
 */
export function commandPathOf(program: Command, argv: readonly string[]): string {
  const names: string[] = [];
  let at: Command = program;
  for (const arg of argv.slice(2)) {
    const sub = at.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!sub) break;
    names.push(sub.name());
    at = sub;
  }
  return names.join(" ");
}

/**
 * Whether argv asks for JSON (`--format json`, `--format=json`, `-f json` where -f is the format, or the old
 * `--json`): how an error met before the hook (while commander parses) knows its format.
 * @example jsonRequested(["node", "jikimi", "scan", "x.csv", "--format", "json"]) // true
 */
export function jsonRequested(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  const shortIsFormat = ["check", "scan", "risk", "link"].includes(args[0] ?? "");
  let format: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--") break;
    if (arg === "--json") json = true;
    else if (arg === "--format" || (arg === "-f" && shortIsFormat)) format = args[i + 1];
    else if (arg.startsWith("--format=")) format = arg.slice("--format=".length);
  }
  return json || format === "json";
}

/**
 * Installs the hook that, before any verb's action, applies the old flags (with their notices), sets the output
 * format and checks the options `requireOption` named.
 * @example applyConvention(program); await program.parseAsync(process.argv);
 */
export function applyConvention(program: Command): void {
  program.hook("preAction", (_program, action) => {
    for (const deprecation of deprecations.get(action) ?? []) {
      const used = deprecation(action);
      if (used)
        process.stderr.write(`${t("common.deprecated_flag", { old: used.old, new: used.replacement })}\n`);
    }
    const format: unknown = action.getOptionValue("format");
    setOutputFormat(format === "json" || format === "sarif" ? format : "text");
    for (const r of required.get(action) ?? [])
      if (action.getOptionValue(r.attribute) === undefined)
        throw new JikimiError("missing_option", t("cli.convention.missing_option", { flag: r.flag }), {
          hint: t("cli.errors.see_help", { command: `jikimi ${pathOf(action)}` }),
        });
  });
}
