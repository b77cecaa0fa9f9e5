// jikimi verify checkpoint FILE --vkey VKEY: open a checkpoint note with the log's published verifier key.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { ExitCode, JikimiError } from "../../../errors.js";
import { parseCheckpoint } from "../../../ledger/note/checkpoint.js";
import { openNote, verifierFromVkey } from "../../../ledger/note/signed-note.js";

/** Reads a text file named on the command line, with an error naming it. */
export function readPublicFile(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new JikimiError("file_unreadable", `cannot read the ${what} ${file}: check the path`);
  }
}

export function registerVerifyCheckpoint(verify: Command): void {
  verify
    .command("checkpoint")
    .argument("<file>", "a checkpoint note (c2sp.org/tlog-checkpoint)")
    .requiredOption("--vkey <vkey...>", "the log's verifier key(s), as `jikimi ledger vkey` printed them")
    .option("--json", "print JSON")
    .description("check a checkpoint's signature with the log's published verifier key")
    .action((file: string, opts: { vkey: string[]; json?: boolean }) => {
      const note = readPublicFile(file, "checkpoint");
      const opened = openNote(note, opts.vkey.map(verifierFromVkey));
      const body = parseCheckpoint(opened.text);
      const result = {
        ok: true,
        origin: body.origin,
        size: body.size,
        root: Buffer.from(body.root).toString("hex"),
        signed_by: opened.verified.map((k) => k.name),
      };
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else
        process.stdout.write(
          `ok: ${result.origin} at size ${result.size}, root ${result.root}, signed by ${result.signed_by.join(", ")}\n`,
        );
      process.exitCode = ExitCode.ok;
    });
}
