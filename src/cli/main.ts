#!/usr/bin/env node
// the jikimi command: parses arguments, calls the library, prints; an error's exit code comes from its kind
// (exit-codes.ts over errors/catalogue.ts), the output convention (formats, JSON errors, old flags) from
// convention.ts and output.ts.
import { Command } from "commander";
import { JikimiError, setLanguage, t } from "../public/base.js";
import { streamsRelease } from "./adapters/stdout-release.js";
import { registerCommands } from "./commands/index.js";
import { applyConvention, commandPathOf, jsonRequested } from "./convention.js";
import { attachExamples } from "./examples.js";
import { ExitCode } from "./exit-codes.js";
import { localiseHelp } from "./help.js";
import { languageOf } from "./language.js";
import { formatKnown, jsonOutput, reportError, resultsToStderr } from "./output.js";

// a reader that stops early (`jikimi share ... | head`) closes the pipe: the rest of the output is dropped quietly
// and the command finishes what it was doing (a release is never cut short by its own report)
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stream.write = (() => true) as typeof stream.write;
  });

// `share --out-dir -` owns stdout for the released file from the first byte: no result or error document goes there
if (streamsRelease(process.argv)) resultsToStderr();
const language = languageOf(process.argv, process.env);
if (language instanceof JikimiError) {
  process.exitCode = reportError(language, "", jsonRequested(process.argv));
  process.exit(process.exitCode ?? ExitCode.usage);
}
setLanguage(language);

// no top-level await: the bundle is a CommonJS script (scripts/bundle.mjs), which V8's code cache can hold
async function main(): Promise<void> {
  const program = new Command("jikimi")
    .description(t("cli.help.program"))
    .version("0.1.0", "-V, --version", t("cli.help.version"))
    .helpOption("-h, --help", t("cli.help.help"))
    .helpCommand("help [command]", t("cli.help.help_command"))
    .option("--lang <lang>", t("cli.help.lang"))
    .showHelpAfterError()
    .exitOverride();
  localiseHelp(program);

  await registerCommands(program, process.argv);
  applyConvention(program);
  attachExamples(program);

  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    const json = formatKnown() ? jsonOutput() : jsonRequested(process.argv);
    process.exitCode = reportError(error, commandPathOf(program, process.argv), json);
  }
}

void main();
