#!/usr/bin/env node
// the jikimi command: parses arguments, calls the library, prints; exit codes come from errors.ts.
import { Command, CommanderError } from "commander";
import { ExitCode, JikimiError } from "../errors.js";
import { registerCommands } from "./commands/index.js";
import { attachExamples } from "./examples.js";

// a reader that stops early (`jikimi share ... | head`) closes the pipe: the rest of the output is dropped quietly
// and the command finishes what it was doing (a release is never cut short by its own report)
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stream.write = (() => true) as typeof stream.write;
  });

const program = new Command("jikimi")
  .description("Controls how personal data leaves a company.")
  .version("0.1.0")
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
    process.stderr.write(`jikimi: ${error.message}\n`);
    process.exitCode = error.exitCode;
  } else {
    const name = error instanceof Error ? error.name : "unknown error";
    process.stderr.write(`jikimi: internal error (${name}); rerun with JIKIMI_DEBUG=1 for a stack trace\n`);
    if (process.env.JIKIMI_DEBUG === "1" && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = ExitCode.internal;
  }
}
