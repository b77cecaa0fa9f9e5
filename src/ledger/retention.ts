// retention: past the policy period (never under 3 years, Credit Information Act Art. 20(2)) an entry's
// body and subject set are removed; its leaf hash and signed head stay, so the tree still verifies.
import type Database from "better-sqlite3";
import { JikimiError } from "../errors.js";
import { durationDays } from "../model/common.js";
import { canonicalSetBytes, SubjectSets } from "./subjects/sets.js";

export const MIN_RETENTION_DAYS = 3 * 365;

export interface PruneResult {
  pruned: number;
  cutoff: string;
}

/** The earliest time whose entries must still be kept, for a retention like "5y". */
export function keepFrom(retention: string, now: Date): string {
  const days = Math.max(durationDays(retention), MIN_RETENTION_DAYS);
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/**
 * Prunes entries released before `before`; refuses when that would touch an entry still under retention.
 * @example pruneLedger(db, "2019-01-01T00:00:00Z", "5y", new Date())
 */
export function pruneLedger(
  db: Database.Database,
  before: string,
  retention: string,
  now: Date,
): PruneResult {
  const limit = keepFrom(retention, now);
  if (before > limit)
    throw new JikimiError(
      "retention_not_reached",
      `entries released after ${limit.slice(0, 10)} are still under the ${retention} retention (at least 3 years): choose --before ${limit.slice(0, 10)} or earlier`,
    );
  const sets = new SubjectSets(db);
  const run = db.transaction((): PruneResult => {
    const victims = db
      .prepare(
        "SELECT seq, agreement_id AS chain FROM ledger_entries WHERE time < ? AND pruned_at IS NULL ORDER BY seq",
      )
      .all(before) as { seq: number; chain: string }[];
    if (victims.length === 0) return { pruned: 0, cutoff: before };
    const lastOf = new Map<string, number>();
    for (const v of victims) lastOf.set(v.chain, v.seq);
    // the last pruned release of each chain becomes the chain's new base snapshot
    const full = new Map<number, Buffer>();
    const bases = new Set(lastOf.values());
    for (const r of sets.replay()) if (bases.has(r.seq)) full.set(r.seq, canonicalSetBytes(r.set));
    const at = now.toISOString();
    for (const v of victims) {
      db.prepare("UPDATE ledger_entries SET body = '', pruned_at = ? WHERE seq = ?").run(at, v.seq);
      db.prepare("DELETE FROM ledger_subject_changes WHERE seq = ?").run(v.seq);
      const base = full.get(v.seq);
      if (base)
        db.prepare("UPDATE ledger_subject_sets SET kind = 'snapshot', data = ? WHERE seq = ?").run(
          base,
          v.seq,
        );
      else db.prepare("DELETE FROM ledger_subject_sets WHERE seq = ?").run(v.seq);
    }
    for (const [chain, seq] of lastOf)
      db.prepare("UPDATE ledger_chains SET first_seq = ? WHERE chain = ?").run(seq, chain);
    return { pruned: victims.length, cutoff: before };
  });
  return run.immediate();
}
