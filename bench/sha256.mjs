// Throughput of the SHA-256 / HMAC engine against node:crypto, and the hash audit's digit-space search.
// Run after `npm run build`: `node bench/sha256.mjs [--quick] [--no-full]`. Prints a markdown section.
//   --quick    smaller counts (a smoke run)
//   --no-full  skip the full 10^8 runs on 2 worker threads
// Every row has wall-clock and process CPU time: the build machine is shared, and CPU time (summed over
// threads) is what a run would cost on otherwise idle cores, so "on 2 idle cores" = CPU time / 2.
import { createHash, createHmac, hash as nodeHash, randomBytes } from "node:crypto";
import os from "node:os";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import {
  DigestSet,
  formatDigits,
  hmac,
  hmacBatch,
  hmacInto,
  hmacKey,
  KOREAN_MOBILE_TEMPLATES,
  selfTest,
  sha256DigitTemplate,
  sha256Into,
} from "../dist/crypto/sha256/index.js";

const quick = process.argv.includes("--quick");
const full = !process.argv.includes("--no-full") && !quick;

/** n phone-number-like messages (8..64 bytes when `mixed`, else 11 bytes) packed as bytes + offsets. */
function messages(n, mixed) {
  const offsets = new Uint32Array(n + 1);
  const parts = [];
  for (let i = 0; i < n; i++) {
    let s = formatDigits("010########", (i * 7919) % 100_000_000);
    if (mixed) s = `${s}@example.co.kr:${"x".repeat(i % 40)}`.slice(0, 8 + (i % 57));
    parts.push(s);
    offsets[i + 1] = offsets[i] + s.length;
  }
  return { bytes: Buffer.from(parts.join(""), "latin1"), offsets };
}

/** Wall and process CPU milliseconds of one call (CPU covers every thread, workers included). */
async function measure(f) {
  const c = process.cpuUsage();
  const t = performance.now();
  const result = await f();
  const wall = performance.now() - t;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1000, result };
}

/** Best of `runs` after one warm-up, wall and CPU separately: contention only ever slows a run down. */
async function best(f, runs = 3) {
  await f();
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const m = await measure(f);
    wall = Math.min(wall, m.wall);
    cpu = Math.min(cpu, m.cpu);
  }
  return { wall, cpu };
}

function inWorker(task) {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL(import.meta.url), { workerData: task });
    w.once("message", resolve);
    w.once("error", reject);
  });
}

if (!isMainThread) {
  const task = workerData;
  if (task.kind === "digits") {
    const targets = DigestSet.from(task.targets);
    sha256DigitTemplate(task.template, 0, 10_000, targets); // compile + tier up outside the timing
    const t = performance.now();
    const found = sha256DigitTemplate(task.template, task.start, task.end, targets);
    parentPort.postMessage({ ms: performance.now() - t, found: found.map((m) => m.number) });
  } else {
    const { bytes, offsets } = messages(task.n, false);
    const k = hmacKey(Buffer.from("bench key: not a secret"));
    const out = new Uint8Array(task.n * 32);
    if (!task.cold) hmacBatch(k, bytes, offsets, out); // a full warm-up pass: the optimizing tier is ready
    const c = process.cpuUsage(); // process-wide: meaningful while the other threads are idle
    const t = performance.now();
    hmacBatch(k, bytes, offsets, out);
    const u = process.cpuUsage(c);
    parentPort.postMessage({ ms: performance.now() - t, cpu: (u.user + u.system) / 1000 });
  }
} else {
  await main();
}

async function main() {
  const load = os.loadavg()[0].toFixed(2);
  if (!selfTest({ digits: true })) throw new Error("self-test failed");
  const rows = [];
  const row = (what, n, m, note = "") => {
    rows.push({ what, n, wall: n / m.wall / 1000, cpu: n / m.cpu / 1000, note });
    console.error(`${what.padEnd(60)} ${(n / m.wall / 1000).toFixed(2).padStart(7)} M/s wall`);
  };
  const key = Buffer.from("bench key: not a secret");
  const k = hmacKey(key);
  const n = quick ? 200_000 : 1_000_000;
  const short = messages(n, false);
  const mixed = messages(n, true);
  const out = new Uint8Array(n * 32);
  const one = new Uint8Array(32);
  const sub = (m, i) => m.bytes.subarray(m.offsets[i], m.offsets[i + 1]);

  const base = await best(() => {
    for (let i = 0; i < n; i++) createHmac("sha256", key).update(sub(short, i)).digest();
  });
  row("HMAC, node createHmac one at a time (baseline), 11 B", n, base);
  const hmacOne = () => {
    for (let i = 0; i < n; i++) hmac(k, sub(short, i));
  };
  row("HMAC, JS hmac() one at a time, 11 B", n, await best(hmacOne));
  const hmacNoAlloc = () => {
    for (let i = 0; i < n; i++) hmacInto(k, short.bytes, short.offsets[i], short.offsets[i + 1], one, 0);
  };
  row("HMAC, JS hmacInto() without allocation, 11 B", n, await best(hmacNoAlloc));
  row(
    "HMAC, hmacBatch (wasm SIMD, 4 lanes), 11 B",
    n,
    await best(() => hmacBatch(k, short.bytes, short.offsets, out)),
  );
  const mixedNode = () => {
    for (let i = 0; i < n; i++) createHmac("sha256", key).update(sub(mixed, i)).digest();
  };
  row("HMAC, node createHmac one at a time, 8-64 B", n, await best(mixedNode));
  row(
    "HMAC, hmacBatch, 8-64 B (56-64 B take the JS path)",
    n,
    await best(() => hmacBatch(k, mixed.bytes, mixed.offsets, out)),
  );
  // The ledger: 4 M subject IDs in one call from a cold worker (kernel compilation and tier-up included).
  const ledgerN = quick ? 400_000 : 4_000_000;
  const ledger = await inWorker({ kind: "hmac", n: ledgerN, cold: true });
  row(
    `HMAC, hmacBatch ${ledgerN / 1e6} M ids, cold worker (ledger)`,
    ledgerN,
    { wall: ledger.ms, cpu: ledger.cpu },
    `one call: ${(ledger.ms / 1000).toFixed(2)} s wall, ${(ledger.cpu / 1000).toFixed(2)} s CPU`,
  );
  // Two workers, each batching n: the pseudonym target (>= 1 M values/s end to end on 2 cores).
  const pair = await Promise.all([inWorker({ kind: "hmac", n }), inWorker({ kind: "hmac", n })]);
  row(
    "HMAC, hmacBatch on 2 worker threads, 11 B (total)",
    2 * n,
    { wall: Math.max(...pair.map((p) => p.ms)), cpu: Number.NaN },
    "wall time of the slower worker",
  );

  if (typeof nodeHash === "function") {
    const nodeOne = () => {
      for (let i = 0; i < n; i++) nodeHash("sha256", sub(short, i), "buffer");
    };
    row("SHA-256, node crypto.hash one at a time, 11 B", n, await best(nodeOne));
  }
  const nodeCreate = () => {
    for (let i = 0; i < n; i++) createHash("sha256").update(sub(short, i)).digest();
  };
  row("SHA-256, node createHash one at a time, 11 B", n, await best(nodeCreate));
  const jsOne = () => {
    for (let i = 0; i < n; i++) sha256Into(sub(short, i), one, 0);
  };
  row("SHA-256, JS sha256Into() one at a time, 11 B", n, await best(jsOne));

  // The hash audit: 1 thread over 10^7 numbers per format, extrapolated to 10^8 on 2 threads.
  const digitN = quick ? 1_000_000 : 10_000_000;
  const planted = [12_345_678, 50_000_000, 99_999_999, 3];
  const noise = Array.from({ length: 996 }, () => randomBytes(32).toString("hex"));
  const digitRows = [];
  for (const [name, template] of Object.entries(KOREAN_MOBILE_TEMPLATES)) {
    const targets = DigestSet.from([
      ...planted.map((p) => nodeHash("sha256", formatDigits(template, p), "hex")),
      ...noise,
    ]);
    const m = await best(() => sha256DigitTemplate(template, 0, digitN, targets), 2);
    const est = (ms) => ((ms * (1e8 / digitN)) / 2 / 1000).toFixed(1);
    row(
      `sha256Digits ${template} (${name}), wasm, 1 thread`,
      digitN,
      m,
      `10^8 on 2 threads ≈ ${est(m.wall)} s (wall), ${est(m.cpu)} s (CPU)`,
    );
    digitRows.push({ name, template, targets });
  }
  const jsN = quick ? 100_000 : 1_000_000;
  const jsTargets = digitRows[0].targets;
  row(
    "sha256Digits 010######## portable JS engine, 1 thread",
    jsN,
    await best(() => sha256DigitTemplate("010########", 0, jsN, jsTargets, { engine: "js" }), 1),
  );
  const nodeDigits = () => {
    const buf = Buffer.from("01000000000", "latin1");
    for (let i = 0; i < jsN; i++) {
      buf.write(String(i).padStart(8, "0"), 3, "latin1");
      nodeHash("sha256", buf, "buffer");
    }
  };
  row("node crypto.hash over formatted numbers, 1 thread", jsN, await best(nodeDigits, 1));

  const fullRuns = [];
  if (full) {
    for (const { template, targets } of digitRows) {
      const hexes = [...Array(targets.size).keys()].map((i) => targets.hex(i));
      const m = await measure(() =>
        Promise.all([
          inWorker({ kind: "digits", template, start: 0, end: 50_000_000, targets: hexes }),
          inWorker({ kind: "digits", template, start: 50_000_000, end: 100_000_000, targets: hexes }),
        ]),
      );
      const found = m.result.flatMap((p) => p.found).sort((a, b) => a - b);
      const ok = JSON.stringify(found) === JSON.stringify([...planted].sort((a, b) => a - b));
      fullRuns.push({ template, wall: m.wall, cpu: m.cpu, ok });
      console.error(
        `full 10^8 ${template}: ${(m.wall / 1000).toFixed(2)} s wall, ${(m.cpu / 1000).toFixed(2)} s CPU`,
      );
    }
  }

  const cpuModel = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = ["## SHA-256 and HMAC engine", ""];
  lines.push(
    `${new Date().toISOString().slice(0, 10)}, \`npm run build && node bench/sha256.mjs\`; Node ${process.version}, ` +
      `${os.platform()}/${os.arch()}, ${os.cpus().length} cores (${cpuModel}); load average ${load} at the start ` +
      '(the machine is shared). Rows are the best of 3 runs after a warm-up; "M/s CPU" divides by process ' +
      "CPU time, i.e. the rate on an otherwise idle core.",
    "",
  );
  lines.push("| what | values | M/s wall | M/s CPU | CPU vs createHmac | note |");
  lines.push("| --- | ---: | ---: | ---: | ---: | --- |");
  const baseCpu = n / base.cpu / 1000;
  for (const r of rows) {
    const vs = r.what.startsWith("HMAC") ? `${(r.cpu / baseCpu).toFixed(1)}x` : "";
    const cpu = Number.isNaN(r.cpu) ? "" : r.cpu.toFixed(2);
    const vsCell = Number.isNaN(r.cpu) ? "" : vs;
    lines.push(
      `| ${r.what} | ${r.n.toLocaleString("en")} | ${r.wall.toFixed(2)} | ${cpu} | ${vsCell} | ${r.note} |`,
    );
  }
  if (fullRuns.length > 0) {
    lines.push(
      "",
      "Full Korean mobile space: 10^8 numbers, 2 worker threads of 50 M each, 1,000 targets (4 planted):",
      "",
    );
    lines.push(
      "| format | wall (s) | CPU, both workers, incl. start-up (s) | on 2 idle cores ≈ CPU / 2 (s) | planted found |",
    );
    lines.push("| --- | ---: | ---: | ---: | --- |");
    for (const f of fullRuns) {
      const cells = [f.wall, f.cpu, f.cpu / 2].map((ms) => (ms / 1000).toFixed(2)).join(" | ");
      lines.push(`| \`${f.template}\` | ${cells} | ${f.ok ? "all 4" : "NO"} |`);
    }
  }
  console.log(lines.join("\n"));
}
