// jikimi ledger subject: every release that contained one person (Credit Information Act Art. 35, GDPR Art. 15).
import type { Command } from "commander";
import { t } from "../../../public/base.js";
import { historyLines, historyTotal } from "../../../public/verify.js";
import { report } from "../../output.js";
import { type LedgerOptions, ledgerVerb, withState } from "./open.js";

export function registerSubject(ledger: Command): void {
  ledgerVerb(ledger, "subject", t("cli.ledger.subject.description"))
    .argument("<id>", t("cli.ledger.subject.id"))
    .action((id: string, opts: LedgerOptions) =>
      withState(opts, async (state) => {
        const started = performance.now();
        const releases = await state.ledger().subjectHistory(id);
        const ms = performance.now() - started;
        report(
          () => ({ releases, count: releases.length, ms: Math.round(ms * 10) / 10 }),
          () => {
            // one aligned line per release (Hangul names count two cells), then the count and the lookup time
            const lines = historyLines(releases);
            if (releases.length > 0) lines.push(historyTotal(releases.length, ms));
            return lines.map((l) => `${l}\n`).join("");
          },
        );
      }),
    );
}
