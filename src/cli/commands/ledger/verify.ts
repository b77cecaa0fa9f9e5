// jikimi ledger verify / checkpoint / proof: prove the log was never rewritten.
import { readFileSync } from "node:fs";
import { type Command, Option } from "commander";
import { ExitCode, JikimiError } from "../../../errors.js";
import { type Checkpoint, CheckpointSchema } from "../../../ledger/checkpoint.js";
import { parseCheckpoint } from "../../../ledger/note/checkpoint.js";
import { openNote, verifierFromVkey } from "../../../ledger/note/signed-note.js";
import { verifyLedger } from "../../../ledger/verify.js";
import { emit, printProblems } from "../../options.js";
import { type LedgerOptions, ledgerVerb, printJson, trustedKeys, verifyOptions, withState } from "./open.js";
import { storedCheckpoint } from "./witness.js";

/** A checkpoint note opened with the given verifier keys: its size and hex root. */
function readCheckpointNote(
  file: string,
  text: string,
  vkeys: string[],
): { size: number; root: string; label: string } {
  const opened = openNote(text, vkeys.map(verifierFromVkey));
  const body = parseCheckpoint(opened.text);
  return {
    size: body.size,
    root: Buffer.from(body.root).toString("hex"),
    label: `the checkpoint ${file} (${body.origin}, signed by ${opened.verified.map((k) => k.name).join(", ")})`,
  };
}

function readCheckpoint(file: string): Checkpoint {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new JikimiError(
      "bad_checkpoint",
      `cannot read the checkpoint ${file}: it must be the JSON that \`jikimi ledger checkpoint\` wrote`,
    );
  }
  const parsed = CheckpointSchema.safeParse(raw);
  if (!parsed.success)
    throw new JikimiError(
      "bad_checkpoint",
      `${file} is not a checkpoint (${parsed.error.issues.map((i) => i.path.join(".")).join(", ")})`,
    );
  return parsed.data;
}

export function registerVerify(ledger: Command): void {
  ledgerVerb(ledger, "verify", "recompute every entry, root, signature and subject set")
    .option("--against <file>", "a checkpoint kept earlier: prove the log only grew since")
    .option(
      "--public-key <base64>",
      "trust this ledger public key (a regulator's pinned key) instead of the log key file's",
    )
    .addOption(
      new Option(
        "--receipts <which>",
        "recompute the receipts roots of the latest release of each agreement, or all",
      )
        .choices(["latest", "all"])
        .default("latest"),
    )
    .option(
      "--vkey <vkey...>",
      "trust these verifier keys for a note checkpoint (default: the log key file's)",
    )
    .action(
      (opts: LedgerOptions & { against?: string; publicKey?: string; vkey?: string[]; receipts?: string }) =>
        withState(opts, (state) => {
          let text: string | undefined;
          if (opts.against)
            try {
              text = readFileSync(opts.against, "utf8");
            } catch {
              throw new JikimiError(
                "bad_checkpoint",
                `cannot read the checkpoint ${opts.against}: check the path`,
              );
            }
          const isNote = text !== undefined && !text.trimStart().startsWith("{");
          const vkeys = opts.vkey ?? state.logVkeys(true);
          const anchor =
            isNote && opts.against ? readCheckpointNote(opts.against, text ?? "", vkeys) : undefined;
          const against = opts.against && !isNote ? readCheckpoint(opts.against) : undefined;
          const trusted = trustedKeys(state);
          if (opts.publicKey) {
            trusted.clear();
            for (const k of state.logKeys.all()) if (k.public === opts.publicKey) trusted.set(k.id, k.public);
            if (against) trusted.set(against.key_id, opts.publicKey);
          }
          const started = performance.now();
          const report = verifyLedger(state.store.db, trusted, {
            ...verifyOptions(state, opts.receipts === "all" ? "all" : "latest"),
            against,
            anchor,
          });
          const seconds = (performance.now() - started) / 1000;
          if (opts.json) printJson({ ...report, seconds });
          else if (report.ok)
            process.stdout.write(
              `ok: ${report.size} ${report.size === 1 ? "entry" : "entries"}, root ${report.root}${report.against ? `; consistent with the checkpoint of size ${report.against.size}` : ""}${report.receipts ? `; receipts roots recomputed for ${report.receipts.checked} of ${report.receipts.checked + report.receipts.unchecked} releases${opts.receipts === "all" ? "" : " (the latest of each agreement; --receipts all for every one)"}` : ""} (${seconds.toFixed(2)} s)\n`,
            );
          else {
            printProblems(report.problems);
          }
          process.exitCode = report.ok ? ExitCode.ok : ExitCode.findings;
        }),
    );
  ledgerVerb(
    ledger,
    "checkpoint",
    "write a signed checkpoint for a regulator to keep (a c2sp.org/tlog-checkpoint note)",
  )
    .option("-o, --out <file>", "write to a file")
    .addOption(
      new Option("--format <format>", "note (c2sp.org/signed-note) or the older json")
        .choices(["note", "json"])
        .default("note"),
    )
    .action((opts: LedgerOptions & { out?: string; format: "note" | "json" }) =>
      withState(opts, (state) => {
        const l = state.ledger();
        if (opts.format === "json") return emit(`${JSON.stringify(l.checkpoint(), null, 2)}\n`, opts.out);
        emit(storedCheckpoint(state), opts.out);
      }),
    );
  ledgerVerb(
    ledger,
    "vkey",
    "print the verifier key of the log's checkpoints (publish it: regulators and people verify with it)",
  )
    .option("--all", "also the retired signing keys, which verify older checkpoints")
    .action((opts: LedgerOptions & { all?: boolean }) =>
      withState(opts, (state) => {
        const vkeys = state.logVkeys(opts.all === true);
        if (opts.json) return printJson(vkeys);
        for (const v of vkeys) process.stdout.write(`${v}\n`);
      }),
    );
  ledgerVerb(ledger, "proof", "an inclusion proof of one entry, or a consistency proof between two sizes")
    .argument("[seq]", "entry number for an inclusion proof")
    .option("--consistency <size1>", "prove the log of this size is a prefix of the current one")
    .option("--size <n>", "the tree size to prove against (default: the whole log)")
    .action((seq: string | undefined, opts: LedgerOptions & { consistency?: string; size?: string }) =>
      withState(opts, (state) => {
        const l = state.ledger();
        const size = opts.size === undefined ? undefined : Number(opts.size);
        if (opts.consistency !== undefined)
          return printJson(l.consistencyProof(Number(opts.consistency), size));
        if (seq === undefined) throw new JikimiError("usage", "give an entry number, or --consistency SIZE");
        printJson(l.inclusionProof(Number(seq), size));
      }),
    );
}
