// checking a stored log against a trusted checkpoint, and locating the first tampered entry via running roots.
//
// A checkpoint (size, root) says whether the first `size` stored entries are intact, not where they differ.
// To locate a difference the ledger also stores, with each entry, the running root: the tree root right
// after that entry was appended (`tree.append(h); tree.root()`). For sizes s = 1..n compare the root
// recomputed from the stored entries' first s leaf hashes with the running root stored on the s-th entry.
//
// Why the mismatch is monotone in s (so a binary search finds the first one): if stored entry i was
// changed, removed, inserted or moved, the recomputed leaf list first differs from the original at index
// i. Roots for s <= i hash only leaves 0..s-1, which are unchanged, so they match. Every root for s > i
// hashes a leaf list that differs from the original one at index i; RFC 9162 roots are injective on leaf
// lists unless SHA-256 collides (the 0x00/0x01 prefixes rule out leaf/node confusion and the tree shape is
// fixed by s), so all of them differ from the roots stored when the log was written. Hence "mismatch at s"
// is false up to i and true from i + 1 on, and the first mismatching size s gives index s - 1.
// The property fails only if the running roots themselves were edited (e.g. one corrupted, or all of them
// recomputed after tampering): then a binary search may miss or misplace the first difference, and a
// linear scan (O(n), with incremental roots) finds the first mismatch if there is one left to find.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { EMPTY_ROOT, HASH_SIZE, hashEquals } from "./hash.js";
import type { LeafHashSource } from "./leaf-source.js";
import { MerkleTree } from "./tree.js";

/** A root the verifier trusts (signed or published elsewhere): the first `size` leaves hash to `root`. */
export interface Checkpoint {
  size: number;
  root: Uint8Array;
}

export type SearchStrategy = "bisect" | "linear";

/** A root lookup by tree size; stored roots are undefined when the entry or its running root is missing. */
export type RootAt = (size: number) => Uint8Array;
export type StoredRootAt = (size: number) => Uint8Array | undefined;

/**
 * The index of the first leaf whose running root disagrees: the smallest s in 1..size where
 * `storedRootAt(s)` is missing or differs from `recomputedRootAt(s)`, minus one; undefined if none.
 * "bisect" (default) makes O(log size) calls and assumes mismatches are monotone (see the module comment);
 * "linear" checks s = 1, 2, ... in order and finds the first mismatch even when they are not.
 * @example firstMismatch((s) => tree.rootAt(s), (s) => ledger.runningRoot(s - 1), tree.size) // 41
 */
export function firstMismatch(
  recomputedRootAt: RootAt,
  storedRootAt: StoredRootAt,
  size: number,
  strategy: SearchStrategy = "bisect",
): number | undefined {
  if (!(Number.isSafeInteger(size) && size >= 0))
    throw new JikimiError("merkle_bad_argument", t("ledger.merkle.size", { size }));
  const mismatch = (s: number): boolean => {
    const stored = storedRootAt(s);
    return stored === undefined || !hashEquals(stored, recomputedRootAt(s));
  };
  if (strategy === "linear") {
    for (let s = 1; s <= size; s++) if (mismatch(s)) return s - 1;
    return undefined;
  }
  if (size === 0 || !mismatch(size)) return undefined;
  // invariant: sizes <= lo match (size 0 always does), size hi mismatches
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (mismatch(mid)) hi = mid;
    else lo = mid;
  }
  return hi - 1;
}

/**
 * Roots of the first s leaves of `source`, cheap when asked for increasing sizes (one incremental tree
 * without a level cache, O(log n) per step); asking for a smaller size than the last restarts it.
 * @example const rootAt = sequentialRoots(leaves); rootAt(1); rootAt(2); // the running roots
 */
export function sequentialRoots(source: LeafHashSource): RootAt {
  let tree = new MerkleTree(source, { cacheLevel: 30 });
  return (size) => {
    if (size < tree.size) tree = new MerkleTree(source, { cacheLevel: 30 });
    if (size > tree.size) {
      const leaves = source.leafHashes(tree.size, size);
      for (let i = 0; i < leaves.length; i += HASH_SIZE) tree.append(leaves.subarray(i, i + HASH_SIZE));
    }
    return tree.root();
  };
}

/** What a stored log looks like to the verifier. */
export interface StoredLog {
  /** Leaf hashes recomputed from the stored entries, in stored order. */
  leaves: LeafHashSource;
  /** The running root stored with the s-th stored entry (index s - 1), when the ledger keeps them. */
  storedRootAt?: StoredRootAt;
}

/**
 * Outcome of checking a log against a checkpoint. `firstIndex` is the first entry that was changed,
 * removed, inserted or reordered; `located` says how it was found: "bisect" or "linear" over running
 * roots, "truncated" when every remaining entry agrees but entries are missing from the end, "unlocated"
 * when running roots are absent or were rewritten to match the tampered entries.
 */
export type LogCheck =
  | { intact: true; size: number }
  | { intact: false; size: number; firstIndex: number; located: "bisect" | "linear" | "truncated" }
  | { intact: false; size: number; firstIndex: undefined; located: "unlocated" };

/**
 * Decides whether the log's first `checkpoint.size` leaves still hash to `checkpoint.root`, and if not,
 * locates the first differing entry from the stored running roots (binary search, then a linear scan if
 * the running roots look rewritten). Pass `tree` to reuse a tree already built over `log.leaves`.
 * @example findFirstDivergence({ leaves, storedRootAt }, { size: 2300, root }) // { intact: true, size: 2300 }
 */
export function findFirstDivergence(
  log: StoredLog,
  checkpoint: Checkpoint,
  options: { tree?: MerkleTree; strategy?: SearchStrategy } = {},
): LogCheck {
  const { size, root } = checkpoint;
  if (!(Number.isSafeInteger(size) && size >= 0 && root instanceof Uint8Array && root.length === HASH_SIZE))
    throw new JikimiError("merkle_bad_checkpoint", t("ledger.merkle.checkpoint", { bytes: HASH_SIZE }));
  const unlocated = { intact: false, size, firstIndex: undefined, located: "unlocated" } as const;
  if (size === 0) return hashEquals(root, EMPTY_ROOT) ? { intact: true, size } : unlocated;
  const tree = options.tree ?? MerkleTree.over(log.leaves);
  if (tree.size < log.leaves.size()) tree.sync();
  const n = Math.min(size, tree.size);
  if (n === size && hashEquals(tree.rootAt(size), root)) return { intact: true, size };
  const stored = log.storedRootAt;
  if (stored === undefined) return unlocated;

  const strategy = options.strategy ?? "bisect";
  const recomputed: RootAt = strategy === "linear" ? sequentialRoots(log.leaves) : (s) => tree.rootAt(s);
  const found = firstMismatch(recomputed, stored, n, strategy);
  if (found !== undefined) return { intact: false, size, firstIndex: found, located: strategy };
  if (n < size) return { intact: false, size, firstIndex: n, located: "truncated" };
  if (strategy === "linear") return unlocated;
  // running roots agree with the tampered entries at the checkpoint size: they were rewritten, maybe not all
  const linear = firstMismatch(sequentialRoots(log.leaves), stored, n, "linear");
  return linear === undefined ? unlocated : { intact: false, size, firstIndex: linear, located: "linear" };
}
