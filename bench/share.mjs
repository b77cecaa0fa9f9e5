// bench: `jikimi share` end to end on generated customers (10M rows, 20 columns, Korean names), against two baselines
// doing the same work in the same run (bench/share-baselines.mjs): (a) csv-parse + createHmac + csv-stringify and
// (b) DuckDB with the HMAC in SQL. The agreement: a two-clause scope, keyed pseudonyms of customer_id, phone and
// e-mail, join_date to the month, three fields dropped. Checks that Jikimi's pseudonyms equal DuckDB's byte for byte
// and a sample of 1,000 equals node:crypto's createHmac; exits 1 if not.
// Run after `npm run build`:  node bench/share.mjs
//   BENCH_ROWS=1000000           rows (default 10,000,000); the input is cached as in bench/records.mjs
//   BENCH_FILE=path              use this customers CSV instead (BENCH_ROWS must match its rows)
//   BENCH_SKIP_A=1               skip baseline (a) (about 76k rows/s)
//   BENCH_DETAIL=1               also time Jikimi --dry-run (no output, no ledger) and DuckDB without the HMAC
//   BENCH_MEMORY_ONLY=1          only Jikimi and its peak RSS, e.g. with BENCH_ROWS=40000000 (about 5.8 GB of /tmp)
//   BENCH_REPEAT=2               run Jikimi and (b) this many times each and keep the fastest (the machine is shared)
//   BENCH_KEEP=1                 keep the temp workspace and outputs
//   BENCH_RSS_TIMELINE=1         print Jikimi's resident set each second (sampled from /proc), to find the peak's phase
// Each run is a child process timed wall clock from spawn to exit. Peak memory is the child's own
// process.resourceUsage().maxRSS (worker threads and DuckDB's threads share the process): Jikimi's CLI runs inside a
// small wrapper module (written to the temp dir) that imports dist/bin/jikimi.js and reports it on exit.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  createReadStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import {
  agreementYaml,
  BENCH,
  benchKey,
  CUSTOMER_COLUMNS,
  OUTPUT_COLUMNS,
  PURPOSE_YAML,
  pseudonymOf,
  RECIPIENT_YAML,
  SCOPE_WHERE,
} from "./share-baselines.mjs";
import { cli, customersFile, customersPath, root } from "./support.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const SKIP_A = process.env.BENCH_SKIP_A === "1";
const DETAIL = process.env.BENCH_DETAIL === "1";
const MEMORY_ONLY = process.env.BENCH_MEMORY_ONLY === "1";
const KEEP = process.env.BENCH_KEEP === "1";
const TIMELINE = process.env.BENCH_RSS_TIMELINE === "1";
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const SAMPLE = 1000;
const baselines = join(root, "bench/share-baselines.mjs");
const file = customersPath(ROWS);
const log = (line) => process.stdout.write(`${line}\n`);
const fmt = (n) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
const mb = (kb) => (kb / 1024).toFixed(0);

// disk: the input (146 bytes a row) when it is not cached yet, and up to three outputs (about 60 bytes a row each)
const need = (existsSync(file) ? 0 : ROWS * 146) + (MEMORY_ONLY ? 1 : 3) * ROWS * 60 + 1e9;
const fs = statfsSync(tmpdir());
if (fs.bavail * fs.bsize < need) {
  log(
    `${tmpdir()} has ${((fs.bavail * fs.bsize) / 1e9).toFixed(1)} GB free; this run needs about ${(need / 1e9).toFixed(1)} GB`,
  );
  process.exit(2);
}
customersFile(ROWS, log);
const bytes = statSync(file).size;

// a fresh workspace: the corrected NSF example plus a domestic entrustee, its purpose and the bench agreement
const dir = mkdtempSync(join(tmpdir(), "jikimi-share-bench-"));
const ws = join(dir, "ws");
const env = { ...process.env, JIKIMI_KEYRING: join(dir, "bench.keyring") };
process.env.JIKIMI_KEYRING = env.JIKIMI_KEYRING;
const jikimi = (args) =>
  execFileSync(process.execPath, [cli, ...args], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
jikimi(["init", ws, "--example", "nsf-case-corrected"]);
writeFileSync(join(ws, "recipients", `${BENCH.recipient}.yaml`), RECIPIENT_YAML);
writeFileSync(join(ws, "purposes", "churn-analytics.yaml"), PURPOSE_YAML);
writeFileSync(join(ws, "agreements", `${BENCH.agreement}.yaml`), agreementYaml());
jikimi(["keys", "init", "-w", ws]);
try {
  jikimi(["check", "-w", ws, "--at", BENCH.at.slice(0, 10), "--strict", "--no-record"]);
} catch (error) {
  log(`jikimi check refuses the bench workspace:\n${error.stdout ?? error}`);
  process.exit(1);
}

/** Runs a child to completion; resolves {seconds, code, stdout, stderr}. */
function timed(args, childEnv = env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    // BENCH_RSS_TIMELINE=1: the child's resident set every 100 ms (from /proc), to see which phase sets the peak
    const rss = [];
    const sampler = TIMELINE
      ? setInterval(() => {
          const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"));
          if (m) rss.push([(performance.now() - t0) / 1000, Number(m[1]) / 1024]);
        }, 100)
      : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(sampler);
      resolve({ seconds: (performance.now() - t0) / 1000, code, stdout, stderr, rss });
    });
  });
}

// the CLI in-process under a wrapper that prints its peak RSS and CPU time on exit (stderr; stdout is the JSON).
// A file, not `node --input-type=module -e`: worker threads inherit execArgv, and a Worker started from a file
// refuses --input-type (ERR_INPUT_TYPE_NOT_ALLOWED).
const wrapper = join(dir, "jikimi-usage.mjs");
writeFileSync(
  wrapper,
  `process.argv = [process.argv[0], ${JSON.stringify(cli)}, ...process.argv.slice(2)];
process.on("exit", () => {
  const u = process.resourceUsage();
  const usage = { maxRssKb: u.maxRSS, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 };
  process.stderr.write("\\nbench-usage " + JSON.stringify(usage) + "\\n");
});
await import(${JSON.stringify(pathToFileURL(cli).href)});
`,
);

let release = 0;
/** `jikimi share` of the bench agreement as a first release (state removed first); its own output folder. */
async function runJikimi(extra = []) {
  rmSync(join(ws, ".jikimi"), { recursive: true, force: true });
  const out = join(dir, `jikimi-out-${release++}`);
  const args = [
    wrapper,
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
    // the bench releases at a fixed date (its pseudonyms are compared with the baselines'): the time rules hold a
    // release back-dated past ledger.backdate_window unless overridden
    "--override",
    "benchmark at a fixed release date",
    "--format",
    "json",
    ...extra,
  ];
  const r = await timed(args);
  const usage = /bench-usage (.*)$/m.exec(r.stderr);
  if (r.code !== 0 || !usage) {
    log(`jikimi share failed (exit ${r.code}):\n${r.stderr}${r.stdout.slice(0, 2000)}`);
    process.exit(1);
  }
  const json = JSON.parse(r.stdout);
  const { maxRssKb, cpuS } = JSON.parse(usage[1]);
  const c = json.counts;
  if (TIMELINE) {
    const peak = r.rss.reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0]);
    const steps = r.rss.filter((_, i) => i % 10 === 0).map(([t, m]) => `${t.toFixed(0)}s ${m.toFixed(0)}`);
    log(`RSS MB each second: ${steps.join(", ")}; peak ${peak[1].toFixed(0)} MB at ${peak[0].toFixed(1)} s`);
  }
  return {
    seconds: r.seconds,
    rows: c.read,
    released: c.released,
    maxRssKb,
    cpuS,
    output: json.output,
    json,
  };
}

/** A baseline child (bench/share-baselines.mjs); prints one JSON line. */
async function runBaseline(which) {
  const out = join(dir, `baseline-${which}.csv`);
  const r = await timed([baselines, which, file, out]);
  if (r.code !== 0) {
    log(`baseline ${which} failed (exit ${r.code}):\n${r.stderr}`);
    process.exit(1);
  }
  const j = JSON.parse(r.stdout.trim().split("\n").at(-1));
  return {
    seconds: r.seconds,
    rows: j.rows ?? ROWS,
    released: j.released,
    maxRssKb: j.maxRssKb,
    cpuS: j.cpuS,
    output: out,
  };
}

/** The fastest of REPEAT runs. */
async function fastest(run) {
  let best;
  for (let i = 0; i < REPEAT; i++) {
    const r = await run();
    if (best === undefined || r.seconds < best.seconds) best = r;
  }
  return best;
}

/** Reads a file once so every run starts with it in the page cache. */
async function warm(path) {
  for await (const _ of createReadStream(path, { highWaterMark: 1 << 22 })) {
    // discard
  }
}

async function sha256File(path) {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 22 })) h.update(chunk);
  return h.digest("hex");
}

const cores = `${cpus().length} x ${cpus()[0]?.model ?? "?"}`;
log(`${fmt(ROWS)} customers, ${(bytes / 1e6).toFixed(0)} MB (${file}); Node ${process.version}, ${cores}`);
log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}; workspace ${ws}`,
);
log(`scope: ${BENCH.agreement} where ${SCOPE_WHERE}`);
await warm(file);

if (MEMORY_ONLY) {
  const j = await runJikimi();
  log("");
  log("| run | rows | in scope | seconds | rows/s | CPU s | peak RSS MB |");
  log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  log(
    `| jikimi share (memory run) | ${fmt(j.rows)} | ${fmt(j.released)} | ${j.seconds.toFixed(1)} | ${fmt(j.rows / j.seconds)} | ${j.cpuS.toFixed(1)} | ${mb(j.maxRssKb)} |`,
  );
  log(`peak RSS ${mb(j.maxRssKb)} MB: ${j.maxRssKb / 1024 <= 512 ? "within" : "OVER"} the 512 MB target`);
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
  else log(`kept ${dir}`);
  process.exit(0);
}

// self-check of baseline (b)'s SQL normalisation and HMAC on edge values, against node:crypto
const key = await benchKey();
{
  const edge = join(dir, "edge.csv");
  const phones = ["+82 10-1234-5678", "8201012345678", "010 9876 5432", "", "821099990000", "(010)1111-2222"];
  const emails = [" Kim.Minsu@Naver.COM ", "a@b.c", "", "UPPER@EXAMPLE.CO.KR", "x@y.z", "ünï@코드.kr"];
  const lines = phones.map(
    (p, i) =>
      `HB${i},김민수,${p},${emails[i]},1990-01-01,2020-03-04,false,ios,true,01234,1,2,3,4,5,6,7,8,9,10`,
  );
  writeFileSync(edge, `${Object.keys(CUSTOMER_COLUMNS).join(",")}\n${lines.join("\n")}\n`);
  const out = join(dir, "edge-out.csv");
  const r = await timed([baselines, "b", edge, out]);
  const got = readFileSync(out, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  const want = phones.map((p, i) => [
    pseudonymOf(key, BENCH.pseudonyms.customer_id, `HB${i}`),
    pseudonymOf(key, BENCH.pseudonyms.phone, p),
    pseudonymOf(key, BENCH.pseudonyms.email, emails[i] ?? ""),
  ]);
  const bad = want.filter((w, i) => w.some((v, j) => v !== got[i]?.[j]));
  if (r.code !== 0 || bad.length > 0) {
    log(
      `DuckDB's SQL HMAC differs from node:crypto on edge values:\n${r.stderr}${JSON.stringify({ want, got })}`,
    );
    process.exit(1);
  }
  log(
    `edge values (+82, 82010, spaces, empty, upper case, non-ASCII): DuckDB = createHmac on ${want.length} rows`,
  );
}

const runs = [];
const j = await fastest(() => runJikimi());
runs.push({ name: "Jikimi `share` (CLI, end to end)", ...j, reference: true });
log(`jikimi: ${j.seconds.toFixed(1)} s`);
const b = await fastest(() => runBaseline("b"));
runs.push({ name: "(b) DuckDB, HMAC in SQL, 2 threads", ...b, compare: true });
log(`duckdb: ${b.seconds.toFixed(1)} s`);
if (!SKIP_A) {
  const a = await runBaseline("a");
  runs.push({ name: "(a) csv-parse + createHmac + csv-stringify", ...a, compare: true });
  log(`csv-parse + createHmac: ${a.seconds.toFixed(1)} s`);
}
const detail = [];
if (DETAIL) {
  const d = await runJikimi(["--dry-run"]);
  detail.push({ name: "Jikimi `share --dry-run` (no output file, no ledger)", ...d });
  const p = await runBaseline("b-plain");
  detail.push({ name: "DuckDB, same query without the HMAC", ...p });
}

// byte-for-byte: Jikimi's pseudonym columns against DuckDB's, row for row; plus a sample against createHmac
const pseudonymCols = Object.keys(BENCH.pseudonyms).map((c) => OUTPUT_COLUMNS.indexOf(c));
const sample = new Map(); // customer_id pseudonym -> expected [phone, email] pseudonyms
{
  const { parse } = await import("csv-parse");
  const parser = createReadStream(file).pipe(parse({ columns: true }));
  for await (const r of parser) {
    if (r.appstore_linked !== "true" || r.join_date < BENCH.joinedFrom) continue;
    sample.set(
      pseudonymOf(key, BENCH.pseudonyms.customer_id, r.customer_id),
      pseudonymOf(key, BENCH.pseudonyms.phone, r.phone) + pseudonymOf(key, BENCH.pseudonyms.email, r.email),
    );
    if (sample.size === SAMPLE) break;
  }
  parser.destroy();
}
const linesOf = (path) =>
  createInterface({ input: createReadStream(path, { highWaterMark: 1 << 20 }), crlfDelay: Infinity })[
    Symbol.asyncIterator
  ]();
const pick = (line) => {
  const cells = line.split(",", Math.max(...pseudonymCols) + 1);
  return pseudonymCols.map((i) => cells[i]);
};
let compared = 0;
let differing = 0;
let linesDiffering = 0;
let sampleFound = 0;
let sampleBad = 0;
{
  const x = linesOf(j.output);
  const y = linesOf(b.output);
  const [hx, hy] = await Promise.all([x.next(), y.next()]);
  if (hx.value !== hy.value) linesDiffering++;
  for (;;) {
    const [p, q] = await Promise.all([x.next(), y.next()]);
    if (p.done || q.done) {
      if (!p.done || !q.done) differing++;
      break;
    }
    compared++;
    const u = pick(p.value);
    if (u.join() !== pick(q.value).join()) differing++;
    if (p.value !== q.value) linesDiffering++;
    const expected = sample.get(u[0]);
    if (expected !== undefined) {
      sampleFound++;
      if (expected !== u[1] + u[2]) sampleBad++;
    }
  }
}
/** An order-independent digest of the pseudonym columns (8 sums of 32-bit words of SHA-256 per row). */
async function multiset(path) {
  const sums = new Uint32Array(8);
  let n = -1;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (n++ < 0) continue;
    const d = createHash("sha256").update(pick(line).join()).digest();
    for (let k = 0; k < 8; k++) sums[k] = (sums[k] + d.readUInt32LE(4 * k)) >>> 0;
  }
  return `${n}:${Buffer.from(sums.buffer).toString("hex")}`;
}
let reordered = false;
if (differing > 0) reordered = (await multiset(j.output)) === (await multiset(b.output));
const jikimiSha = JSON.parse(readFileSync(`${j.output}.manifest.json`, "utf8")).file.sha256;
for (const r of runs) if (r.compare) r.same = (await sha256File(r.output)) === jikimiSha;

log("");
log(
  `load average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}${REPEAT > 1 ? `; Jikimi and (b): fastest of ${REPEAT}` : ""}`,
);
log(`${fmt(ROWS)} rows in, ${fmt(j.released)} in scope (${((100 * j.released) / j.rows).toFixed(1)} %)`);
log("");
log("| run | rows | in scope | seconds | rows/s | CPU s | peak RSS MB | output = Jikimi's |");
log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of [...runs, ...detail]) {
  const same = r.reference ? "(reference)" : r.same === undefined ? "" : r.same ? "identical file" : "no";
  const cpu = r.cpuS === undefined ? "" : r.cpuS.toFixed(1);
  log(
    `| ${r.name} | ${fmt(r.rows)} | ${fmt(r.released)} | ${r.seconds.toFixed(1)} | ${fmt(r.rows / r.seconds)} | ${cpu} | ${mb(r.maxRssKb)} | ${same} |`,
  );
}
log("");
const ratio = b.seconds / j.seconds;
log(
  `rows/s, Jikimi / (b) DuckDB: ${ratio.toFixed(2)}x (target >= 2x); Jikimi ${fmt(j.rows / j.seconds)} rows/s (target >= 1,000,000)`,
);
const equal = differing === 0 || reordered;
log(
  `pseudonyms (${Object.keys(BENCH.pseudonyms).join(", ")}) of ${fmt(compared)} rows: Jikimi ${equal ? "=" : "!="} DuckDB` +
    (differing === 0
      ? " row for row"
      : reordered
        ? " as multisets (rows reordered)"
        : ` (${fmt(differing)} rows differ)`) +
    `; whole lines differing: ${fmt(linesDiffering)}`,
);
log(
  `sample: ${sampleFound} of the first ${sample.size} in-scope rows found by customer_id pseudonym, ${sampleBad} differ from createHmac`,
);
if (!KEEP) rmSync(dir, { recursive: true, force: true });
else log(`kept ${dir}`);
if (!equal || sampleFound !== sample.size || sampleBad > 0) process.exit(1);
