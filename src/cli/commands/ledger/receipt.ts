// jikimi ledger receipt SUBJECT -o FILE: a file a person can check with the log's public key alone, proving each
// release that contained them, and naming no one else. Checked with `jikimi verify receipt` before it is written.
import type { Command } from "commander";
import { ExitCode, JikimiError } from "../../../errors.js";
import { describeRelease } from "../../../ledger/receipts/receipt.js";
import { verifyReceipt } from "../../../ledger/receipts/verify.js";
import { emit, workspaceDir } from "../../options.js";
import { openWorkspaceState, witnessSettings } from "../../state.js";
import { type LedgerOptions, ledgerVerb, printJson } from "./open.js";
import { currentCheckpoint } from "./witness.js";

/** Writes the receipt atomically, mode 0600: a temporary file beside it, renamed into place. */

export function registerReceipt(ledger: Command): void {
  ledgerVerb(ledger, "receipt", "a receipt for one person: proof of every release that contained them")
    .argument("<subject>", "the subject key, e.g. a customer ID")
    .requiredOption("-o, --out <file>", "write the receipt (jikimi-receipt/1 JSON, mode 0600) here")
    .action(async (subject: string, opts: LedgerOptions & { out: string }) => {
      const state = openWorkspaceState(workspaceDir(opts));
      try {
        // with witnesses configured, the receipt proves against the checkpoint they cosigned now
        const checkpoint =
          witnessSettings(state.dir).witnesses.length > 0 ? await currentCheckpoint(state) : undefined;
        const issued = state.ledger().receipt(subject, {
          origin: state.origin,
          signer: state.noteSigner(),
          ...(checkpoint ? { checkpoint } : {}),
        });
        const skipped = issued?.skipped ?? [];
        const releases = issued?.releases ?? [];
        if (issued?.text) {
          // the receipt must pass the check a person will run, with the published key, before anyone gets it
          const check = verifyReceipt(issued.text, { vkeys: state.logVkeys(), subject });
          if (!check.ok)
            throw new JikimiError(
              "receipt_refused",
              `the receipt does not verify with the log's key (${check.problems.map((p) => p.code).join(", ")}): the ledger may have been altered; nothing was written: run \`jikimi ledger verify\``,
              { exitCode: ExitCode.findings },
            );
          emit(issued.text, opts.out, 0o600);
        }
        if (opts.json) return printJson({ written: issued?.text ? opts.out : null, releases, skipped });
        if (!issued)
          return void process.stdout.write(
            "no recorded release contained this subject: no receipt was written\n",
          );
        for (const r of releases) process.stdout.write(`${describeRelease(r)}\n`);
        for (const s of skipped) process.stdout.write(`skipped entry ${s.seq}: ${s.reason}\n`);
        process.stdout.write(
          issued.text
            ? `receipt of ${releases.length} release${releases.length === 1 ? "" : "s"} written to ${opts.out}; check it with \`jikimi verify receipt ${opts.out} --vkey VKEY\`\n`
            : `none of the ${skipped.length} releases that contained this subject can be proven: no receipt was written\n`,
        );
      } finally {
        state.close();
      }
    });
}
