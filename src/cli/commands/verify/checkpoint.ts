// jikimi verify checkpoint FILE --vkey VKEY: open a checkpoint note with the log's published verifier key.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { JikimiError, t } from "../../../public/base.js";
import { openNote, parseCheckpoint, verifierFromVkey, verifyCosignatures } from "../../../public/verify.js";
import { formatOption } from "../../convention.js";
import { ExitCode } from "../../exit-codes.js";
import { report } from "../../output.js";

/** Reads a text file named on the command line, with an error naming it (`what` is already in the output language). */
export function readPublicFile(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    throw new JikimiError("file_unreadable", t("cli.verify.unreadable", { what, file }), {
      hint: t("cli.errors.check_path"),
    });
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
    throw new JikimiError("usage", t("cli.verify.bad_quorum"), {
      hint: t("cli.verify.bad_quorum_hint", { max: opts.witness.length }),
    });
  const check = verifyCosignatures(note, opts.witness, quorum);
  return { cosigned: check.cosigned.map((c) => c.witness), missing: check.missing, quorum, met: check.met };
}

export function describeWitnesses(w: { cosigned: string[]; missing: string[]; quorum: number }): string {
  return t("cli.verify.cosigned_by", {
    cosigned: w.cosigned.length,
    quorum: w.quorum,
    names: w.cosigned.length ? ` (${w.cosigned.join(", ")})` : "",
    missing: w.missing.length ? t("cli.verify.missing", { names: w.missing.join(", ") }) : "",
  });
}

/** The options the verify verbs share: the log's vkeys, the witnesses' and the quorum. */
export function witnessOptions(command: Command, witnessHelp: string): Command {
  return command
    .requiredOption("--vkey <vkey...>", t("cli.options.vkey"))
    .option("--witness <vkey...>", witnessHelp)
    .option("--quorum <n>", t("cli.verify.quorum"));
}

export function registerVerifyCheckpoint(verify: Command): void {
  formatOption(
    witnessOptions(
      verify
        .command("checkpoint")
        .argument("<file>", t("cli.verify.checkpoint.file"))
        .description(t("cli.verify.checkpoint.description")),
      t("cli.verify.witness"),
    ),
  ).action((file: string, opts: WitnessOptions & { vkey: string[] }) => {
    const note = readPublicFile(file, t("cli.verify.checkpoint.what"));
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
    report(
      () => result,
      () =>
        `${t(result.ok ? "cli.verify.checkpoint.ok" : "cli.verify.checkpoint.not_witnessed", {
          origin: result.origin,
          size: result.size,
          root: result.root,
          signers: result.signed_by.join(", "),
        })}\n${witnessed ? `  ${describeWitnesses(witnessed)}\n` : ""}`,
    );
    process.exitCode = result.ok ? ExitCode.ok : ExitCode.findings;
  });
}
