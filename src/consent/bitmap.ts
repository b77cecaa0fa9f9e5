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
