#!/usr/bin/env node
// the jikimi command: parses arguments, calls the library, prints; exit codes come from errors.ts.
import { Command, CommanderError } from "commander";
import { ExitCode, JikimiError } from "../errors.js";
import { setLanguage, t } from "../i18n/index.js";
import { registerCommands } from "./commands/index.js";
import { attachExamples } from "./examples.js";
import { languageOf } from "./language.js";

// a reader that stops early (`jikimi share ... | head`) closes the pipe: the rest of the output is dropped quietly
// and the command finishes what it was doing (a release is never cut short by its own report)
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stream.write = (() => true) as typeof stream.write;
  });

const language = languageOf(process.argv, process.env);
if (language instanceof JikimiError) {
  process.stderr.write(`${t("common.error", { message: language.message })}\n`);
  process.exit(ExitCode.usage);
}
setLanguage(language);

const program = new Command("jikimi")
  .description("Controls how personal data leaves a company.")
  .version("0.1.0")
  .option("--lang <lang>", "language of the output: ko or en (default: the workspace's lang, then LANG)")
  .showHelpAfterError()
  .exitOverride();

await registerCommands(program, process.argv);
attachExamples(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : ExitCode.usage;
  } else if (error instanceof JikimiError) {
    process.stderr.write(`${t("common.error", { message: error.message })}\n`);
    process.exitCode = error.exitCode;
  } else {
    const name = error instanceof Error ? error.name : "unknown error";
    process.stderr.write(`${t("common.internal_error", { name })}\n`);
    if (process.env.JIKIMI_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = ExitCode.internal;
  }
}
