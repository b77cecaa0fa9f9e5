// jikimi ledger log / show: the releases recorded, newest first, and one entry in full.
import type { Command } from "commander";
import { JikimiError, padEnd, padStart, t } from "../../../public/base.js";
import { describeHold, type StoredEntry } from "../../../public/ledger.js";
import { report } from "../../output.js";
import { type LedgerOptions, ledgerVerb, withState } from "./open.js";

/** One line of the log: a release, a hold, a prune event, or an entry whose body was pruned. */
function line(e: StoredEntry): string {
  const b = e.body;
  if (!b) return t("cli.ledger.log.pruned_entry", { date: e.prunedAt?.slice(0, 10) ?? "" });
  if (b.kind === "prune")
    return t("cli.ledger.log.prune_event", {
      at: b.recorded_at,
      entries: t("ledger.entries", { count: b.pruned.reduce((n, [f, to]) => n + to - f + 1, 0) }),
      before: b.before.slice(0, 10),
      rule: b.retention.rule,
      operator: b.operator,
    });
  if (b.kind === "hold")
    return t("cli.ledger.log.hold_event", {
      at: b.released_at,
      agreement: `${b.agreement.id}@${b.agreement.version}`,
      recipient: b.recipient.name,
      country: b.recipient.country,
      subjects: t("cli.ledger.subjects", { count: b.subjects }),
      reasons: b.holds.map(describeHold).join("; "),
    });
  const late = Date.parse(b.recorded_at) - Date.parse(b.released_at) > 86_400_000;
  const when = `${b.released_at}${late ? t("cli.ledger.log.recorded_late", { at: b.recorded_at }) : ""}`;
  const counts = t("cli.ledger.log.counts", {
    subjects: t("cli.ledger.subjects", { count: b.subjects.count }),
    records: t("cli.ledger.records", { count: b.records }),
  });
  const override = b.override ? `  ${t("cli.ledger.log.override", { reason: b.override })}` : "";
  return `${when}  ${padEnd(`${b.agreement.id}@${b.agreement.version}`, 30)} ${b.recipient.name} (${b.recipient.country})  ${b.legal_basis}  ${counts}${override}`;
}

export function registerLog(ledger: Command): void {
  ledgerVerb(ledger, "log", t("cli.ledger.log.description"))
    .option("-a, --agreement <id>", t("cli.ledger.log.agreement"))
    .option("-n, --limit <n>", t("cli.ledger.log.limit"), "50")
    .action((opts: LedgerOptions & { agreement?: string; limit: string }) =>
      withState(opts, async (state) => {
        const entries = await state
          .ledger()
          .entries({ agreement: opts.agreement?.normalize("NFC"), limit: Number(opts.limit) });
        report(
          () => entries.map((e) => e.body ?? { seq: e.seq, pruned_at: e.prunedAt }),
          () =>
            entries.length === 0
              ? `${t("cli.ledger.log.empty")}\n`
              : entries.map((e) => `${padStart(String(e.seq), 6)}  ${line(e)}\n`).join(""),
        );
      }),
    );
  ledgerVerb(ledger, "show", t("cli.ledger.show.description"))
    .argument("<seq>", t("cli.ledger.show.seq"))
    .action((seq: string, opts: LedgerOptions) =>
      withState(opts, async (state) => {
        const l = state.ledger();
        const n = Number(seq);
        const stored = Number.isInteger(n) ? await l.entry(n) : undefined;
        if (!stored)
          throw new JikimiError("no_such_entry", t("cli.ledger.no_such_entry", { seq }), {
            hint: t("cli.ledger.no_such_entry_hint"),
          });
        const proof = await l.inclusionProof(n);
        report(
          () => ({ entry: stored.body ?? null, pruned_at: stored.prunedAt ?? null, proof }),
          () => {
            const body = stored.body
              ? JSON.stringify(stored.body, null, 2)
              : t("cli.ledger.show.pruned", { seq: n, at: stored.prunedAt ?? "?" });
            return `${body}\n${t("cli.ledger.show.leaf", { leaf: proof.leaf })}\n${t("cli.ledger.show.root", { root: proof.root, size: proof.size })}\n`;
          },
        );
      }),
    );
}
