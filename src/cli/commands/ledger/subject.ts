// jikimi ledger subject: every release that contained one person (Credit Information Act Art. 35, GDPR Art. 15).
import type { Command } from "commander";
import { type LedgerOptions, ledgerVerb, printJson, withState } from "./open.js";

export function registerSubject(ledger: Command): void {
  ledgerVerb(ledger, "subject", "who received this person's data, when, why and what")
    .argument("<id>", "the subject key, e.g. a customer ID")
    .action((id: string, opts: LedgerOptions) =>
      withState(opts, (state) => {
        const started = performance.now();
        const releases = state.ledger().subjectHistory(id);
        const ms = performance.now() - started;
        if (opts.json) return printJson({ releases, count: releases.length, ms: Math.round(ms * 10) / 10 });
        if (releases.length === 0)
          return void process.stdout.write("no recorded release contained this subject\n");
        for (const r of releases)
          process.stdout.write(
            `${r.released_at.slice(0, 10)}  ${r.recipient} (${r.country})  ${r.purposes.join(", ")}  basis: ${r.legal_basis}  fields: ${r.fields.join(", ")}  [${r.agreement}@${r.version} #${r.seq}]\n`,
          );
        process.stdout.write(
          `${releases.length} release${releases.length === 1 ? "" : "s"} (${ms.toFixed(1)} ms)\n`,
        );
      }),
    );
}
