// jikimi verify receipt FILE --vkey VKEY: a person checks their receipt with the log's published key, without a
// keyring, database or workspace, and reads which releases contained them.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { JikimiError, t } from "../../../public/base.js";
import { type ReceiptReport, releaseLines, verifyReceipt } from "../../../public/verify.js";
import { formatOption } from "../../convention.js";
import { ExitCode } from "../../exit-codes.js";
import { report } from "../../output.js";
import { checkWitnesses, describeWitnesses, type WitnessOptions, witnessOptions } from "./checkpoint.js";

function text(r: ReceiptReport): string {
  if (!r.ok) {
    const lines = [t("cli.verify.failed", { problems: t("common.problems", { count: r.problems.length }) })];
    for (const p of r.problems) lines.push(`  ${p.code} [${p.path}]: ${p.message}`);
    return lines.map((l) => `${l}\n`).join("");
  }
  const lines = [
    t(r.subject ? "cli.verify.receipt.ok_bound" : "cli.verify.receipt.ok", {
      releases: t("common.releases", { count: r.releases.length }),
      origin: r.origin ?? "",
      entries: t("ledger.entries", { count: r.checkpoint?.size ?? 0 }),
    }),
    ...releaseLines(r.releases).map((line) => `  ${line}`),
  ];
  return lines.map((l) => `${l}\n`).join("");
}

export function registerVerifyReceipt(verify: Command): void {
  formatOption(
    witnessOptions(
      verify
        .command("receipt")
        .argument("<file>", t("cli.verify.receipt.file"))
        .option("--subject <key>", t("cli.verify.receipt.subject"))
        .description(t("cli.verify.receipt.description")),
      t("cli.verify.receipt.witness"),
    ),
  ).action((file: string, opts: WitnessOptions & { vkey: string[]; subject?: string }) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      throw new JikimiError(
        "file_unreadable",
        t("cli.verify.unreadable", { what: t("cli.verify.receipt.what"), file }),
        { hint: t("cli.errors.check_path") },
      );
    }
    const checked = verifyReceipt(bytes, {
      vkeys: opts.vkey,
      subject: opts.subject,
      checkNote: (note) => {
        try {
          const w = checkWitnesses(note, opts);
          return w && !w.met
            ? [t("cli.verify.receipt.checkpoint_is", { witnesses: describeWitnesses(w) })]
            : [];
        } catch (e) {
          return [e instanceof Error ? e.message : t("cli.verify.receipt.cosignatures_bad")];
        }
      },
    });
    process.exitCode = checked.ok ? ExitCode.ok : ExitCode.findings;
    report(
      () => checked,
      () => text(checked),
    );
  });
}
