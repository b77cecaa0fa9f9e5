// which events of a batch are already recorded: equal in (purpose, subject, at, granted, source) to an event
// of an earlier batch (the evidence does not count), so re-importing a file adds nothing. Events of new
// subjects, purposes or sources cannot be recorded yet and are not looked up; the others are matched per
// purpose, all in one call to the store (which picks lookups or a scan).
import type { ConsentReads } from "../ports/consent.js";
import type { EventBatch } from "./batch.js";

/**
 * Flags the batch's events already recorded. `indexes` are the events' subject indexes; subjects at or
 * above `newFrom` were added by this batch; `purposeIds`/`sourceIds` give the stored id of each of the
 * batch's names, undefined for names not stored yet.
 * @example const { skip, skipped } = await findRecorded(tx, batch, indexes, sizeBefore, purposeIds, sourceIds);
 */
export async function findRecorded(
  tx: ConsentReads,
  batch: EventBatch,
  indexes: Uint32Array,
  newFrom: number,
  purposeIds: readonly (number | undefined)[],
  sourceIds: readonly (number | undefined)[],
): Promise<{ skip: Uint8Array; skipped: number }> {
  const skip = new Uint8Array(batch.count);
  // candidates per batch purpose
  const byPurpose = new Map<number, number[]>();
  for (let i = 0; i < batch.count; i++) {
    const p = batch.purpose[i] ?? 0;
    if (purposeIds[p] === undefined || sourceIds[batch.source[i] ?? 0] === undefined) continue;
    if ((indexes[i] ?? 0) >= newFrom) continue;
    let ids = byPurpose.get(p);
    if (ids === undefined) {
      ids = [];
      byPurpose.set(p, ids);
    }
    ids.push(i);
  }
  let skipped = 0;
  for (const [p, ids] of byPurpose) {
    const n = ids.length;
    const keys = {
      count: n,
      subject: new Uint32Array(n),
      at: new Float64Array(n),
      granted: new Uint8Array(n),
      source: new Float64Array(n),
    };
    ids.forEach((i, k) => {
      keys.subject[k] = indexes[i] ?? 0;
      keys.at[k] = batch.at[i] ?? 0;
      keys.granted[k] = batch.granted[i] ?? 0;
      keys.source[k] = sourceIds[batch.source[i] ?? 0] ?? 0;
    });
    const found = await tx.recorded(purposeIds[p] ?? 0, keys);
    ids.forEach((i, k) => {
      if (found[k] === 1) {
        skip[i] = 1;
        skipped++;
      }
    });
  }
  return { skip, skipped };
}
