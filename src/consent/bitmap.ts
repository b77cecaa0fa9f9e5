// the roaring bitmap class, through the ledger's one wrapper of the CommonJS package, and the digest of a
// consent set that a ledger entry commits to.

import { RoaringBitmap32 } from "../ledger/subjects/roaring.js";
import { setDigest } from "../ledger/subjects/sets.js";

export type { RoaringBitmap32 } from "../ledger/subjects/roaring.js";
/** The RoaringBitmap32 class, e.g. `new Bitmap([1, 2])`, `Bitmap.deserialize(buf, "portable")`. */
export const Bitmap = RoaringBitmap32;

/**
 * The digest of a set (sets.ts's canonical bytes) taken over a copy rebuilt from its members: run-optimising
 * keeps a container's kind where a run and an array container are the same size, so equal sets reached by
 * different adds and removes (a snapshot plus events, a replay) could otherwise give different bytes.
 * @example setDigestOf(registry.asOf("p", "2024-06-01T00:00:00Z")) // "3f1a..."
 */
export function setDigestOf(set: RoaringBitmap32): string {
  return setDigest(new RoaringBitmap32(set.toUint32Array()), true);
}

const RUN = 1 << 16;
/** Subject indexes from here on are applied one by one (a byte of state each below it; bad data must not allocate). */
const BATCHED_SUBJECTS = 2 ** 28;

/**
 * A consent set fed events in order, where a subject's state is its last event's: a run of events becomes one
 * addMany of the subjects whose last event grants and one removeMany of the others.
 * @example const s = new LastEventSet(); s.apply(7, 1); s.apply(7, 0); s.current().has(7) // false
 */
export class LastEventSet {
  private set = new Bitmap();
  private granted = new Uint8Array(1024);
  private pending = new Uint32Array(RUN);
  private count = 0;
  private readonly adds = new Uint32Array(RUN);
  private readonly removes = new Uint32Array(RUN);

  /** Applies one grant (1) or withdrawal (0) after every earlier one. */
  apply(subject: number, granted: number): void {
    if (Number.isInteger(subject) && subject >= 0 && subject < BATCHED_SUBJECTS) {
      if (subject >= this.granted.length) {
        let size = this.granted.length;
        while (size <= subject) size *= 2;
        const next = new Uint8Array(Math.min(size, BATCHED_SUBJECTS));
        next.set(this.granted);
        this.granted = next;
      }
      this.granted[subject] = granted === 1 ? 1 : 0;
      if (this.count === this.pending.length) this.flush();
      this.pending[this.count++] = subject;
      return;
    }
    // a value no dictionary index has: one add or remove, in order
    this.flush();
    if (granted === 1) this.set.add(subject);
    else this.set.remove(subject);
  }

  /** The set with every event applied so far. */
  current(): RoaringBitmap32 {
    this.flush();
    return this.set;
  }

  /** Starts again from the empty set, or from `start` (taken as the set's own). */
  reset(start?: RoaringBitmap32): void {
    this.set = start ?? new Bitmap();
    this.count = 0;
  }

  private flush(): void {
    let adds = 0;
    let removes = 0;
    for (let i = 0; i < this.count; i++) {
      const subject = this.pending[i] as number;
      if (this.granted[subject] === 1) this.adds[adds++] = subject;
      else this.removes[removes++] = subject;
    }
    this.count = 0;
    if (adds > 0) this.set.addMany(this.adds.subarray(0, adds));
    if (removes > 0) this.set.removeMany(this.removes.subarray(0, removes));
  }
}
