// bench/merkle.mjs: times the ledger's Merkle tree (build, roots, proofs) at 1M and 10M leaves against a naive
// recomputation; prints a Markdown table. Run after `npm run build`: node bench/merkle.mjs [--quick]
import { randomBytes } from "node:crypto";
import {
  computeRoot,
  DEFAULT_CACHE_LEVEL,
  findFirstDivergence,
  HashList,
  leafHash,
  MerkleTree,
  verifyConsistency,
  verifyInclusion,
} from "../dist/ledger/merkle/index.js";
import { rngUnit } from "./support.mjs";

const quick = process.argv.includes("--quick");
const SIZES = quick ? [100_000] : [1_000_000, 10_000_000];
const NAIVE_SIZE = quick ? 100_000 : 1_000_000;
const OPS = 1000;
const rows = [];

// deterministic choices of sizes and indexes: a whole number below n
function rng(seed) {
  const unit = rngUnit(seed);
  return (n) => Math.floor(unit() * n);
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

function perOp(ms, ops) {
  const us = (ms * 1000) / ops;
  return us >= 1000
    ? `${(us / 1000).toFixed(2)} ms`
    : us >= 1
      ? `${us.toFixed(1)} µs`
      : `${(us * 1000).toFixed(0)} ns`;
}

function row(name, n, ops, ms, note = "") {
  rows.push({ name, n: n.toLocaleString("en-US"), ops, ms: ms.toFixed(0), per: perOp(ms, ops), note });
}

// random 32-byte leaf hashes: what the ledger's SQLite would hand the tree, here one flat buffer
function memorySource(n) {
  const bytes = randomBytes(n * 32);
  return { bytes, source: { size: () => n, leafHashes: (s, e) => bytes.subarray(s * 32, e * 32) } };
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function benchTree(n, cacheLevel = DEFAULT_CACHE_LEVEL, label = "") {
  const { bytes, source } = memorySource(n);
  const next = rng(n + cacheLevel);
  const tree = new MerkleTree(source, { cacheLevel });
  const build = time(() => {
    for (let i = 0; i < n; i++) tree.append(bytes.subarray(i * 32, i * 32 + 32));
  });
  const tag = label || `(default cacheLevel ${cacheLevel})`;
  row(`append (build) ${tag}`, n, n, build.ms, `level cache ${mb(tree.cacheBytes())}`);
  if (label === "") {
    const roots = time(() => {
      for (let i = 0; i < OPS; i++) tree.rootAt(1 + next(n));
    });
    row("rootAt, random sizes", n, OPS, roots.ms);
  }
  const queries = Array.from({ length: OPS }, () => {
    const size = 1 + next(n);
    return { size, index: next(size), root: tree.rootAt(size) };
  });
  const proofs = time(() => queries.map((q) => tree.inclusionProof(q.index, q.size)));
  row(`inclusionProof, random sizes ${label === "" ? "" : tag}`.trim(), n, OPS, proofs.ms);
  const latest = time(() => {
    for (let i = 0; i < OPS; i++) tree.inclusionProof(next(n));
  });
  row(`inclusionProof, at the tree size ${label === "" ? "" : tag}`.trim(), n, OPS, latest.ms);
  if (label !== "") return;
  const verified = time(() =>
    queries.every((q, i) =>
      verifyInclusion(
        bytes.subarray(q.index * 32, q.index * 32 + 32),
        q.index,
        q.size,
        proofs.result[i],
        q.root,
      ),
    ),
  );
  if (!verified.result) throw new Error("an inclusion proof failed to verify");
  row("verifyInclusion", n, OPS, verified.ms);
  const pairs = Array.from({ length: OPS }, () => {
    const a = 1 + next(n);
    const b = 1 + next(n);
    const [size1, size2] = a <= b ? [a, b] : [b, a];
    return { size1, size2, root1: tree.rootAt(size1), root2: tree.rootAt(size2) };
  });
  const consistency = time(() => pairs.map((p) => tree.consistencyProof(p.size1, p.size2)));
  row("consistencyProof", n, OPS, consistency.ms);
  const checked = time(() =>
    pairs.every((p, i) => verifyConsistency(p.size1, p.size2, p.root1, p.root2, consistency.result[i])),
  );
  if (!checked.result) throw new Error("a consistency proof failed to verify");
  row("verifyConsistency", n, OPS, checked.ms);
}

// the baseline: RFC 9162's recursive MTH from scratch over an array of leaf hashes, for every question
function benchNaive(n) {
  const { bytes } = memorySource(n);
  const leaves = Array.from({ length: n }, (_, i) => bytes.subarray(i * 32, i * 32 + 32));
  const root = time(() => computeRoot(leaves));
  row(
    "naive: MTH from scratch (one root)",
    n,
    1,
    root.ms,
    `${OPS} rootAt ≈ ${((root.ms * OPS) / 1000).toFixed(0)} s`,
  );
  const path = (m, lo, hi, out) => {
    if (hi - lo <= 1) return out;
    let k = 1;
    while (k * 2 < hi - lo) k *= 2;
    if (m < lo + k) {
      path(m, lo, lo + k, out);
      out.push(computeRoot(leaves.slice(lo + k, hi)));
    } else {
      path(m, lo + k, hi, out);
      out.push(computeRoot(leaves.slice(lo, lo + k)));
    }
    return out;
  };
  const next = rng(7);
  const few = 5;
  const proofs = time(() => {
    for (let i = 0; i < few; i++) path(next(n), 0, n, []);
  });
  row(
    "naive: inclusion proof from scratch",
    n,
    few,
    proofs.ms,
    `${OPS} proofs ≈ ${(((proofs.ms / few) * OPS) / 1000).toFixed(0)} s`,
  );
}

// the ledger's own check: recompute 2,300 leaf hashes from entries, rebuild, compare with a checkpoint
function benchLedgerCheck(n = 2300) {
  const entries = Array.from({ length: n }, (_, i) => randomBytes(200 + (i % 300)));
  const written = new HashList();
  const writer = new MerkleTree(written);
  const runningRoots = entries.map((entry) => {
    const h = leafHash(entry);
    written.push(h);
    writer.append(h);
    return writer.root();
  });
  const checkpoint = { size: n, root: writer.root() };
  const check = () =>
    findFirstDivergence(
      { leaves: HashList.of(entries.map(leafHash)), storedRootAt: (s) => runningRoots[s - 1] },
      checkpoint,
    );
  const median = (label, expect) => {
    const runs = Array.from({ length: 7 }, () => time(check));
    for (const r of runs) if (!expect(r.result)) throw new Error(`ledger check: ${label}`);
    const ms = runs.map((r) => r.ms).sort((a, b) => a - b)[3];
    return { ms, result: runs[0].result };
  };
  const intact = median("intact log reported as tampered", (r) => r.intact);
  row("ledger check: rehash entries + rebuild + compare", n, 1, intact.ms, "intact; median of 7");
  entries[1234] = randomBytes(64);
  const located = median("tampering not located", (r) => r.firstIndex === 1234);
  row(
    "ledger check: same + locate a changed entry",
    n,
    1,
    located.ms,
    `bisect found index ${located.result.firstIndex}`,
  );
}

benchLedgerCheck();
for (const n of SIZES) benchTree(n);
for (const level of quick ? [0, 8] : [0, 4, 6, 8, 10]) benchTree(NAIVE_SIZE, level, `cacheLevel ${level}`);
benchNaive(NAIVE_SIZE);

console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}, ${new Date().toISOString().slice(0, 10)}\n`,
);
console.log("| operation | leaves | ops | total ms | per op | notes |");
console.log("|---|---:|---:|---:|---:|---|");
for (const r of rows) console.log(`| ${r.name} | ${r.n} | ${r.ops} | ${r.ms} | ${r.per} | ${r.note} |`);
