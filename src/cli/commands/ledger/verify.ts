// jikimi ledger verify / checkpoint / proof: prove the log was never rewritten.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { consentCheck } from "../../../engine/consent-commitment.js";
import { ExitCode, JikimiError } from "../../../errors.js";
import { type Checkpoint, CheckpointSchema } from "../../../ledger/checkpoint.js";
import { verifyLedger } from "../../../ledger/verify.js";
import { emit } from "../../options.js";
import { type LedgerOptions, ledgerVerb, printJson, withState } from "./open.js";

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
      "trust this ledger public key (a regulator's pinned key) instead of the keyring's",
    )
    .action((opts: LedgerOptions & { against?: string; publicKey?: string }) =>
      withState(opts, (state) => {
        const against = opts.against ? readCheckpoint(opts.against) : undefined;
        const trusted = new Map<string, string>();
        for (const k of state.keyring.file.keys)
          if (k.purpose === "ledger-signing" && k.public) trusted.set(k.id, k.public);
        if (opts.publicKey) {
          trusted.clear();
          for (const k of state.keyring.file.keys)
            if (k.public === opts.publicKey) trusted.set(k.id, k.public);
          if (against) trusted.set(against.key_id, opts.publicKey);
        }
        const started = performance.now();
        const report = verifyLedger(state.store.db, trusted, {
          against,
          consent: consentCheck(state.store.db),
        });
        const seconds = (performance.now() - started) / 1000;
        if (opts.json) printJson({ ...report, seconds });
        else if (report.ok)
          process.stdout.write(
            `ok: ${report.size} ${report.size === 1 ? "entry" : "entries"}, root ${report.root}${report.against ? `; consistent with the checkpoint of size ${report.against.size}` : ""} (${seconds.toFixed(2)} s)\n`,
          );
        else {
          process.stdout.write(
            `FAILED: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}\n`,
          );
          for (const p of report.problems)
            process.stdout.write(
              `  ${p.kind}${p.seq === undefined ? "" : ` at entry ${p.seq}`}${p.place ? ` [${p.place}]` : ""}: ${p.message}\n`,
            );
        }
        process.exitCode = report.ok ? ExitCode.ok : ExitCode.findings;
      }),
    );
  ledgerVerb(ledger, "checkpoint", "write a signed checkpoint (size, root, time) for a regulator to keep")
    .option("-o, --out <file>", "write to a file")
    .action((opts: LedgerOptions & { out?: string }) =>
      withState(opts, (state) => emit(`${JSON.stringify(state.ledger().checkpoint(), null, 2)}\n`, opts.out)),
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
