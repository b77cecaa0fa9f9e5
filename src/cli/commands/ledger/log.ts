// jikimi ledger log / show: the releases recorded, newest first, and one entry in full.
import type { Command } from "commander";
import { JikimiError } from "../../../errors.js";
import { type LedgerOptions, ledgerVerb, printJson, withState } from "./open.js";

export function registerLog(ledger: Command): void {
  ledgerVerb(ledger, "log", "list releases, newest first")
    .option("-a, --agreement <id>", "only this agreement's releases")
    .option("-n, --limit <n>", "how many", "50")
    .action((opts: LedgerOptions & { agreement?: string; limit: string }) =>
      withState(opts, (state) => {
        const entries = state.ledger().entries({ agreement: opts.agreement, limit: Number(opts.limit) });
        if (opts.json) return printJson(entries);
        if (entries.length === 0) return void process.stdout.write("the ledger has no releases yet\n");
        for (const e of entries)
          process.stdout.write(
            `${String(e.seq).padStart(6)}  ${e.time}  ${`${e.agreement.id}@${e.agreement.version}`.padEnd(30)} ${e.recipient.name} (${e.recipient.country})  ${e.legal_basis}  ${e.subjects.count} subjects, ${e.records} records\n`,
          );
      }),
    );
  ledgerVerb(ledger, "show", "one release in full, with its inclusion proof")
    .argument("<seq>", "entry number")
    .action((seq: string, opts: LedgerOptions) =>
      withState(opts, (state) => {
        const l = state.ledger();
        const n = Number(seq);
        const body = Number.isInteger(n) ? l.entry(n) : undefined;
        if (!body)
          throw new JikimiError("no_such_entry", `there is no entry ${seq}: see \`jikimi ledger log\``);
        const proof = l.inclusionProof(n);
        if (opts.json) return printJson({ entry: body, proof });
        process.stdout.write(
          `${JSON.stringify(body, null, 2)}\nleaf ${proof.leaf}\nroot ${proof.root} (size ${proof.size})\n`,
        );
      }),
    );
}
