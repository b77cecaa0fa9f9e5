// jikimi ledger receipt SUBJECT -o FILE: a file a person can check with the log's public key alone, proving each
// release that contained them, and naming no one else. Checked with `jikimi verify receipt` before it is written.
import type { Command } from "commander";
import { JikimiError, t } from "../../../public/base.js";
import { releaseLines, verifyReceipt } from "../../../public/verify.js";
import { oldFlag, requireOption } from "../../convention.js";
import { emit } from "../../options.js";
import { report } from "../../output.js";
import { withWorkspace } from "../../workspace.js";
import { type LedgerOptions, ledgerVerb } from "./open.js";

export function registerReceipt(ledger: Command): void {
  const command = ledgerVerb(ledger, "receipt", t("cli.ledger.receipt.description"))
    .argument("<subject>", t("cli.ledger.subject.id"))
    .option("-o, --output <file>", t("cli.ledger.receipt.output"));
  oldFlag(command, "--out <file>", "output", "--output");
  requireOption(command, "output", "-o, --output <file>");
  command.action(async (subject: string, opts: LedgerOptions & { output: string }) => {
    await withWorkspace(opts, async (state) => {
      // with witnesses configured, the receipt proves against the checkpoint they cosigned now
      const checkpoint = state.settings.witnesses.length > 0 ? await state.checkpoint() : undefined;
      const issued = await state.ledger().receipt(subject, {
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
            t("cli.ledger.receipt.refused", { codes: check.problems.map((p) => p.code).join(", ") }),
            { hint: t("cli.ledger.receipt.refused_hint") },
          );
        emit(issued.text, opts.output, 0o600);
      }
      report(
        () => ({ written: issued?.text ? opts.output : null, releases, skipped }),
        () => {
          if (!issued) return `${t("cli.ledger.receipt.none")}\n`;
          const lines = [
            ...releaseLines(releases),
            ...skipped.map((s) => t("cli.ledger.receipt.skipped", { seq: s.seq, reason: s.reason })),
            issued.text
              ? t("cli.ledger.receipt.written", {
                  releases: t("common.releases", { count: releases.length }),
                  file: opts.output,
                })
              : t("cli.ledger.receipt.unprovable", { count: skipped.length }),
          ];
          return lines.map((l) => `${l}\n`).join("");
        },
      );
    });
  });
}
