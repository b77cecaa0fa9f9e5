// bench: a distributed release (`jikimi share --distributed` on BullMQ workers) against single-process `jikimi share`
// in the same run, on the same generated customers and the bench agreement of bench/share.mjs: 1, 2 and 4 worker
// processes on this machine's cores. Each run is a first release (the state removed first); workers are started
// for it and timed from the enqueuing command's spawn to its exit (planning, the input's digest and cutting,
// partitions, the merge, the append and the placing). Checks that the parts in order equal `share`'s file.
// Needs redis-server (Debian's); run after `npm run build`:  node bench/scale-out.mjs
//   BENCH_ROWS=10000000     rows (default); the input is cached as in bench/share.mjs
//   BENCH_WORKERS=1,2,4     worker processes per run
//   BENCH_THREADS=0         block threads of each worker (default 0, the worker's default: one core per worker process)
//   BENCH_PARTITION=67108864 bytes of a partition (default 64 MiB)
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { agreementYaml, BENCH, PURPOSE_YAML, RECIPIENT_YAML } from "./share-baselines.mjs";
import { cli, customersFile, customersPath } from "./support.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const WORKERS = (process.env.BENCH_WORKERS ?? "1,2,4").split(",").map(Number);
const THREADS = process.env.BENCH_THREADS ?? "0";
const PARTITION = process.env.BENCH_PARTITION ?? String(64 << 20);
const log = (line) => process.stdout.write(`${line}\n`);
const fmt = (n) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

customersFile(ROWS, log);
const file = customersPath(ROWS);
const bytes = statSync(file).size;
const dir = mkdtempSync(join(tmpdir(), "jikimi-scale-bench-"));
const ws = join(dir, "ws");
const env = {
  ...process.env,
  JIKIMI_KEYRING: join(dir, "bench.keyring"),
  JIKIMI_KEYRING_PASSPHRASE: "",
  LANG: "en_US.UTF-8",
  LC_ALL: "",
};
const jikimi = (args) =>
  execFileSync(process.execPath, [cli, ...args], { env, encoding: "utf8", stdio: "pipe" });
jikimi(["init", ws, "--example", "nsf-case-corrected"]);
writeFileSync(join(ws, "recipients", `${BENCH.recipient}.yaml`), RECIPIENT_YAML);
writeFileSync(join(ws, "purposes", "churn-analytics.yaml"), PURPOSE_YAML);
writeFileSync(join(ws, "agreements", `${BENCH.agreement}.yaml`), agreementYaml());
jikimi(["keys", "init", "-w", ws]);

// a Redis of its own, on loopback, no persistence
const port = 6400 + Math.floor(Math.random() * 500);
const redis = spawn(
  "redis-server",
  ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
  { stdio: "ignore" },
);
const url = `redis://127.0.0.1:${port}`;
await new Promise((r) => setTimeout(r, 500));

/** Runs the CLI; its time, and when (seconds from its spawn) a line of its stderr first matched `mark`. */
function timed(args, mark) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let marked;
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
      if (marked === undefined && mark?.test(stderr)) marked = (performance.now() - t0) / 1000;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ seconds: (performance.now() - t0) / 1000, marked, code, stdout, stderr }),
    );
  });
}

async function sha(paths) {
  const h = createHash("sha256");
  for (const p of paths) for await (const c of createReadStream(p)) h.update(c);
  return h.digest("hex");
}

const common = (out) => [
  "share",
  BENCH.agreement,
  "-w",
  ws,
  "-i",
  file,
  "--out-dir",
  out,
  "--at",
  BENCH.at,
  "--override",
  "benchmark at a fixed release date",
  "--format",
  "json",
];
let n = 0;
const phases = [];
function fresh() {
  rmSync(join(ws, ".jikimi"), { recursive: true, force: true });
  const out = join(dir, `out-${n++}`);
  mkdirSync(out);
  return out;
}

log(
  `${fmt(ROWS)} rows, ${(bytes / 2 ** 20).toFixed(0)} MiB; ${cpus().length} cores; load ${loadavg()[0].toFixed(2)}`,
);
const singleOut = fresh();
const single = await timed([...common(singleOut), "--threads", String(Math.min(8, cpus().length))]);
if (single.code !== 0) throw new Error(`share: ${single.stderr}`);
const singleDoc = JSON.parse(single.stdout);
const reference = await sha([singleDoc.output]);
log(
  `| share (one process, ${Math.min(8, cpus().length)} threads) | ${single.seconds.toFixed(1)} s | ${fmt(ROWS / single.seconds)} rows/s | 1.00 |`,
);

for (const w of WORKERS) {
  const out = fresh();
  const workers = [];
  for (let i = 0; i < w; i++) {
    const child = spawn(
      process.execPath,
      [cli, "worker", "-w", ws, "--redis", url, "--queue", `b${n}`, "--threads", THREADS],
      { env, stdio: ["ignore", "ignore", "pipe"] },
    );
    const worker = { child, log: "" };
    workers.push(worker);
    await new Promise((resolve) => {
      child.stderr.setEncoding("utf8").on("data", (d) => {
        worker.log += d;
        if (worker.log.includes("taking jobs")) resolve();
      });
    });
  }
  const r = await timed(
    [...common(out), "--distributed", "--redis", url, "--queue", `b${n}`, "--partition-size", PARTITION],
    /partitions enqueued/,
  );
  for (const w of workers) w.child.kill("SIGTERM");
  if (r.code !== 0) throw new Error(`share --distributed: ${r.stderr}`);
  const doc = JSON.parse(r.stdout);
  const same = (await sha(doc.parts)) === reference;
  log(
    `| ${w} worker${w > 1 ? "s" : ""} (${THREADS} thread${THREADS === "1" ? "" : "s"} each), ${doc.parts.length} partitions | ${r.seconds.toFixed(1)} s | ${fmt(ROWS / r.seconds)} rows/s | ${(r.seconds / single.seconds).toFixed(2)} | parts = share's file: ${same} |`,
  );
  if (!same) process.exitCode = 1;
  // where the time went: planning (start-up, the input's digest and cut) until the enqueue, the partitions' jobs
  // (their sum over workers and cores: the work), the release job (merge, gates, append, parts digested and placed)
  const jobs = workers.flatMap((w) =>
    w.log
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l))
      .filter((j) => j.ms !== undefined),
  );
  const partMs = jobs.filter((j) => j.queue === "jikimi-partition").map((j) => j.ms);
  const releaseMs = jobs.filter((j) => j.queue === "jikimi-release").reduce((a, j) => a + j.ms, 0);
  const sum = partMs.reduce((a, b) => a + b, 0);
  phases.push({
    workers: w,
    total: r.seconds,
    plan: r.marked ?? 0,
    partitions: partMs.length,
    partitionSeconds: sum / 1000,
    slowestPartition: Math.max(...partMs) / 1000,
    release: releaseMs / 1000,
  });
}
log("");
log("| workers | total | plan (to enqueued) | partitions: jobs, sum of job time, slowest | release job |");
log("| --- | --- | --- | --- | --- |");
for (const p of phases)
  log(
    `| ${p.workers} | ${p.total.toFixed(1)} s | ${p.plan.toFixed(1)} s | ${p.partitions}, ${p.partitionSeconds.toFixed(1)} s, ${p.slowestPartition.toFixed(2)} s | ${p.release.toFixed(1)} s |`,
  );
redis.kill("SIGKILL");
rmSync(dir, { recursive: true, force: true });
