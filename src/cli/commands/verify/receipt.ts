// jikimi verify receipt FILE --vkey VKEY: a person checks their receipt with the log's published key, without a
// keyring, database or workspace, and reads which releases contained them.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { ExitCode, JikimiError } from "../../../errors.js";
import { describeRelease } from "../../../ledger/receipts/receipt.js";
import { verifyReceipt } from "../../../ledger/receipts/verify.js";
import { checkWitnesses, describeWitnesses, type WitnessOptions } from "./checkpoint.js";

export function registerVerifyReceipt(verify: Command): void {
  verify
    .command("receipt")
    .argument("<file>", "a receipt (jikimi-receipt/1) from `jikimi ledger receipt`")
    .requiredOption("--vkey <vkey...>", "the log's verifier key(s), as `jikimi ledger vkey` printed them")
    .option("--subject <key>", "your subject key (e.g. your customer number): check the receipt is about you")
    .option(
      "--witness <vkey...>",
      "witnesses' cosigner keys: the receipt's checkpoint must carry their quorum",
    )
    .option("--quorum <n>", "how many of the witnesses must have cosigned (default: all given)")
    .option("--json", "print JSON")
    .description("check a person's receipt: each release that contained them, proven in the log")
    .action((file: string, opts: WitnessOptions & { vkey: string[]; subject?: string; json?: boolean }) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        throw new JikimiError("file_unreadable", `cannot read the receipt ${file}: check the path`);
      }
      const report = verifyReceipt(bytes, {
        vkeys: opts.vkey,
        subject: opts.subject,
        checkNote: (note) => {
          try {
            const w = checkWitnesses(note, opts);
            return w && !w.met ? [`the checkpoint is ${describeWitnesses(w)}`] : [];
          } catch (e) {
            return [e instanceof Error ? e.message : "the cosignatures do not verify"];
          }
        },
      });
      process.exitCode = report.ok ? ExitCode.ok : ExitCode.findings;
      if (opts.json) return void process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (!report.ok) {
        process.stdout.write(
          `FAILED: ${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}\n`,
        );
        for (const p of report.problems) process.stdout.write(`  ${p.code} [${p.path}]: ${p.message}\n`);
        return;
      }
      const n = report.releases.length;
      process.stdout.write(
        `ok: ${n} release${n === 1 ? "" : "s"} of ${report.origin} proven in its log of ${report.checkpoint?.size} entries${report.subject ? ", bound to the subject key given" : ""}\n`,
      );
      for (const r of report.releases) process.stdout.write(`  ${describeRelease(r)}\n`);
    });
}
