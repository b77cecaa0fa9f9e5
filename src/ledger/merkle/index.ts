// the transparency-log Merkle tree (RFC 9162): hashing, an incremental tree with proofs, verifiers, log checks.
export { EMPTY_ROOT, fromHex, HASH_SIZE, hashEquals, leafHash, nodeHash, toHex } from "./hash.js";
export { HashList, type LeafHashSource } from "./leaf-source.js";
export { computeRoot } from "./mth.js";
export { DEFAULT_CACHE_LEVEL, MerkleTree, type MerkleTreeOptions } from "./tree.js";
export {
  type Checkpoint,
  findFirstDivergence,
  firstMismatch,
  type LogCheck,
  type RootAt,
  type SearchStrategy,
  type StoredLog,
  type StoredRootAt,
  sequentialRoots,
} from "./verify-log.js";
export { verifyConsistency, verifyInclusion } from "./verify-proof.js";
