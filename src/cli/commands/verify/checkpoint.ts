// jikimi verify checkpoint FILE --vkey VKEY: open a checkpoint note with the log's published verifier key.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { ExitCode, JikimiError } from "../../../errors.js";
import { parseCheckpoint } from "../../../ledger/note/checkpoint.js";
import { openNote, verifierFromVkey } from "../../../ledger/note/signed-note.js";
import { verifyCosignatures } from "../../../witness/cosignature.js";

/** Reads a text file named on the command line, with an error naming it. */
export function readPublicFile(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new JikimiError("file_unreadable", `cannot read the ${what} ${file}: check the path`);
  }
}

export interface WitnessOptions {
  witness?: string[];
  quorum?: string;
}

/** The witness check of a note for `--witness`/`--quorum`, or undefined when no witness is given. */
export function checkWitnesses(
  note: string,
  opts: WitnessOptions,
): { cosigned: string[]; missing: string[]; quorum: number; met: boolean } | undefined {
  if (!opts.witness || opts.witness.length === 0) return undefined;
  const quorum = opts.quorum === undefined ? opts.witness.length : Number(opts.quorum);
  if (!Number.isInteger(quorum))
    throw new JikimiError("usage", `--quorum takes a whole number from 0 to ${opts.witness.length}`);
  const check = verifyCosignatures(note, opts.witness, quorum);
  return { cosigned: check.cosigned.map((c) => c.witness), missing: check.missing, quorum, met: check.met };
}

export function describeWitnesses(w: { cosigned: string[]; missing: string[]; quorum: number }): string {
  return `cosigned by ${w.cosigned.length} of the ${w.quorum} witnesses required${w.cosigned.length ? ` (${w.cosigned.join(", ")})` : ""}${w.missing.length ? `; missing ${w.missing.join(", ")}` : ""}`;
}

export function registerVerifyCheckpoint(verify: Command): void {
  verify
    .command("checkpoint")
    .argument("<file>", "a checkpoint note (c2sp.org/tlog-checkpoint)")
    .requiredOption("--vkey <vkey...>", "the log's verifier key(s), as `jikimi ledger vkey` printed them")
    .option("--witness <vkey...>", "witnesses' cosigner keys (`jikimi witness vkey`)")
    .option("--quorum <n>", "how many of the witnesses must have cosigned (default: all given)")
    .option("--json", "print JSON")
    .description(
      "check a checkpoint's signature with the log's published verifier key, and its witness cosignatures",
    )
    .action((file: string, opts: WitnessOptions & { vkey: string[]; json?: boolean }) => {
      const note = readPublicFile(file, "checkpoint");
      const opened = openNote(note, opts.vkey.map(verifierFromVkey));
      const body = parseCheckpoint(opened.text);
      const witnessed = checkWitnesses(note, opts);
      const result = {
        ok: witnessed?.met ?? true,
        origin: body.origin,
        size: body.size,
        root: Buffer.from(body.root).toString("hex"),
        signed_by: opened.verified.map((k) => k.name),
        ...(witnessed ? { witnesses: witnessed } : {}),
      };
      if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        process.stdout.write(
          `${result.ok ? "ok" : "NOT WITNESSED"}: ${result.origin} at size ${result.size}, root ${result.root}, signed by ${result.signed_by.join(", ")}\n`,
        );
        if (witnessed) process.stdout.write(`  ${describeWitnesses(witnessed)}\n`);
      }
      process.exitCode = result.ok ? ExitCode.ok : ExitCode.findings;
    });
}
