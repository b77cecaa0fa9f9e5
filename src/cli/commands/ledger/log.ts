// jikimi ledger log / show: the releases recorded, newest first, and one entry in full.
import type { Command } from "commander";
import { JikimiError } from "../../../errors.js";
import type { StoredEntry } from "../../../ledger/ledger.js";
import { type LedgerOptions, ledgerVerb, printJson, withState } from "./open.js";

/** One line of the log: a release, a prune event, or an entry whose body was pruned. */
function line(e: StoredEntry): string {
  const b = e.body;
  if (!b) return `(pruned ${e.prunedAt?.slice(0, 10) ?? ""}: only the leaf hash remains)`;
  if (b.kind === "prune")
    return `${b.recorded_at}  PRUNE ${b.pruned.reduce((n, [f, t]) => n + t - f + 1, 0)} entries recorded before ${b.before.slice(0, 10)} (retention ${b.retention.rule}) by ${b.operator}`;
  const late = Date.parse(b.recorded_at) - Date.parse(b.released_at) > 86_400_000;
  return `${b.released_at}${late ? ` (recorded ${b.recorded_at})` : ""}  ${`${b.agreement.id}@${b.agreement.version}`.padEnd(30)} ${b.recipient.name} (${b.recipient.country})  ${b.legal_basis}  ${b.subjects.count} subjects, ${b.records} records${b.override ? `  OVERRIDE: ${b.override}` : ""}`;
}

export function registerLog(ledger: Command): void {
  ledgerVerb(ledger, "log", "list releases, newest first")
    .option("-a, --agreement <id>", "only this agreement's releases")
    .option("-n, --limit <n>", "how many", "50")
    .action((opts: LedgerOptions & { agreement?: string; limit: string }) =>
      withState(opts, (state) => {
        const entries = state.ledger().entries({ agreement: opts.agreement, limit: Number(opts.limit) });
        if (opts.json) return printJson(entries.map((e) => e.body ?? { seq: e.seq, pruned_at: e.prunedAt }));
        if (entries.length === 0) return void process.stdout.write("the ledger has no releases yet\n");
        for (const e of entries) process.stdout.write(`${String(e.seq).padStart(6)}  ${line(e)}\n`);
      }),
    );
  ledgerVerb(ledger, "show", "one release in full, with its inclusion proof")
    .argument("<seq>", "entry number")
    .action((seq: string, opts: LedgerOptions) =>
      withState(opts, (state) => {
        const l = state.ledger();
        const n = Number(seq);
        const stored = Number.isInteger(n) ? l.entry(n) : undefined;
        if (!stored)
          throw new JikimiError("no_such_entry", `there is no entry ${seq}: see \`jikimi ledger log\``);
        const proof = l.inclusionProof(n);
        if (opts.json)
          return printJson({ entry: stored.body ?? null, pruned_at: stored.prunedAt ?? null, proof });
        const text = stored.body
          ? JSON.stringify(stored.body, null, 2)
          : `entry ${n} was pruned on ${stored.prunedAt ?? "?"} past its retention: only its leaf hash remains (see the prune event in \`jikimi ledger log\`)`;
        process.stdout.write(`${text}\nleaf ${proof.leaf}\nroot ${proof.root} (size ${proof.size})\n`);
      }),
    );
}
