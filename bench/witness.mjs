// bench/witness.mjs: one witness on loopback (jikimi's HTTP witness, c2sp.org/tlog-witness) under 100 concurrent
// add-checkpoint requests, each with a real consistency proof and a signed checkpoint; prints JSON with p50/p99
// latency (ms) and requests/s. Scenarios:
// - oneLog: rounds of 100 concurrent requests for one growing log, all from the witness's latest size to 100
//   different new sizes: the first processed wins (200), the rest get 409 with the latest size (the CAS race)
// - manyLogs: 100 logs, one client each, every request valid (200): the throughput a witness of many logs sees
// - inProcess: manyLogs' requests through the same handler without HTTP, one at a time: the baseline that the
//   HTTP throughput is a ratio of (a ratio holds on a noisy machine; an absolute time does not). Each cosigned
//   checkpoint is fsynced before the answer (the spec's "persist before responding"): that is most of its time.
// Run after `npm run build`: node bench/witness.mjs [--rounds N]
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { initWitness, openWitness } from "../dist/app/witness.js";
import { HashList, leafHash, MerkleTree } from "../dist/ledger/merkle/index.js";
import { checkpointText } from "../dist/ledger/note/checkpoint.js";
import { signerFromSeed, signNote, vkeyOf } from "../dist/ledger/note/signed-note.js";
import {
  addCheckpointHandler,
  formatAddCheckpoint,
  listenWitness,
  witnessApp,
} from "../dist/witness/index.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg("--rounds", 20);
const CONCURRENCY = 100;
const seed = (label) => createHash("sha256").update(label).digest();

class Log {
  constructor(origin) {
    this.origin = origin;
    this.leaves = new HashList();
    this.tree = new MerkleTree(this.leaves);
    this.signer = signerFromSeed(origin, seed(origin));
    this.vkey = vkeyOf(origin, this.signer.publicKey);
  }
  grow(n) {
    for (let i = 0; i < n; i++) {
      const h = leafHash(Buffer.from(`${this.origin} ${this.tree.size}`));
      this.leaves.push(h);
      this.tree.append(h);
    }
  }
  body(old, size) {
    const text = checkpointText({ origin: this.origin, size, root: this.tree.rootAt(size), extensions: [] });
    const proof = old === 0 || old === size ? [] : this.tree.consistencyProof(old, size);
    return formatAddCheckpoint({ oldSize: old, proof, note: signNote(text, [this.signer]) });
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
function summary(latencies, wallMs, statuses) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const counts = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  return {
    requests: latencies.length,
    statuses: counts,
    p50Ms: Number(quantile(sorted, 0.5).toFixed(2)),
    p99Ms: Number(quantile(sorted, 0.99).toFixed(2)),
    requestsPerSecond: Math.round((latencies.length / wallMs) * 1000),
  };
}

async function post(url, body) {
  const started = performance.now();
  const res = await fetch(url, { method: "POST", body });
  const text = await res.text();
  return { ms: performance.now() - started, status: res.status, text };
}

const root = mkdtempSync(join(tmpdir(), "jikimi-bench-witness-"));
try {
  const dir = join(root, "w");
  await initWitness(dir, "witness.example/bench", seed("witness"));
  const state = await openWitness(dir);
  const one = new Log("bench.example/one");
  const many = Array.from({ length: CONCURRENCY }, (_, i) => new Log(`bench.example/log-${i}`));
  for (const l of [one, ...many]) await state.addLog(l.origin, l.vkey);
  const server = await listenWitness(witnessApp({ state }), { host: "127.0.0.1", port: 0 });
  const url = `${server.url}/add-checkpoint`;

  // warm-up: connections, JIT
  one.grow(CONCURRENCY);
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => post(url, one.body(0, i + 1))));
  let base = (await state.latest(one.origin))?.size ?? 0;

  // oneLog: each round, 100 requests from the latest size to 100 new sizes, sent at once
  const oneLog = await (async () => {
    const lat = [];
    const statuses = [];
    let wall = 0;
    for (let r = 0; r < ROUNDS; r++) {
      one.grow(CONCURRENCY);
      const bodies = Array.from({ length: CONCURRENCY }, (_, i) => ({
        size: base + i + 1,
        body: one.body(base, base + i + 1),
      }));
      const started = performance.now();
      const results = await Promise.all(bodies.map(({ body }) => post(url, body)));
      wall += performance.now() - started;
      for (const x of results) {
        lat.push(x.ms);
        statuses.push(x.status);
      }
      base = (await state.latest(one.origin))?.size ?? base;
    }
    return summary(lat, wall, statuses);
  })();

  // manyLogs: 100 clients, each sending its own log's checkpoints one after another
  const steps = Array.from({ length: CONCURRENCY }, () => []);
  for (const [i, l] of many.entries()) {
    let size = 0;
    for (let r = 0; r < ROUNDS; r++) {
      l.grow(1 + ((i + r) % 5));
      steps[i].push(l.body(size, l.tree.size));
      size = l.tree.size;
    }
  }
  const manyLogs = await (async () => {
    const lat = [];
    const statuses = [];
    const started = performance.now();
    await Promise.all(
      steps.map(async (bodies) => {
        for (const body of bodies) {
          const x = await post(url, body);
          lat.push(x.ms);
          statuses.push(x.status);
        }
      }),
    );
    return summary(lat, performance.now() - started, statuses);
  })();
  await server.close();

  // inProcess: the same requests for fresh logs, through the handler alone
  const inProcess = await (async () => {
    const dir2 = join(root, "w2");
    await initWitness(dir2, "witness.example/bench2", seed("witness2"));
    const state2 = await openWitness(dir2);
    for (const l of many) await state2.addLog(l.origin, l.vkey);
    const add = addCheckpointHandler({ state: state2 });
    const lat = [];
    const statuses = [];
    const started = performance.now();
    for (let r = 0; r < ROUNDS; r++)
      for (const bodies of steps) {
        const t = performance.now();
        statuses.push((await add(Buffer.from(bodies[r]))).status);
        lat.push(performance.now() - t);
      }
    await state2.close();
    return summary(lat, performance.now() - started, statuses);
  })();
  await state.close();

  const result = {
    bench: "witness add-checkpoint",
    node: process.version,
    cpus: cpus().length,
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    oneLog,
    manyLogs,
    inProcess,
    // under 100 concurrent clients latency is queueing (Little's law), so the ratio that compares is throughput
    httpShareOfInProcessThroughput: Number(
      (manyLogs.requestsPerSecond / inProcess.requestsPerSecond).toFixed(2),
    ),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
