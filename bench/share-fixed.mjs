// bench: what a `jikimi share` costs besides its rows, on a workspace that already knows N subjects (default 4 M),
// and one thread against two. Issue 17's targets: the fixed cost <= 0.5 s at 4 M known subjects, and two threads
// never slower than one. Run after `npm run build`:
//   node bench/share-fixed.mjs            BENCH_KNOWN=4000000 (subjects in the ledger and the consent registry)
//   BENCH_RUNS=5                          runs per measure (best and median are printed)
//   BENCH_DIR=/tmp/x                      keep the set-up there and reuse it on the next run (for profiling)
//   BENCH_BASELINE=/path/to/checkout      also time that build's CLI (its dist/bin/jikimi.js), run for run
//                                         alternately with this one: the baseline in the same run
// The workspace is the share bench's (bench/share-baselines.mjs: the corrected NSF example plus a domestic
// entrustee) with one more agreement, `bench-feed-all`, identical but for its scope (every row). Set-up, not timed:
// `bench-feed-all` releases the first N generated customers (N subjects into the ledger's dictionary), and N consent
// grants for the NSF feed's purpose are imported. Then each measure is a new process, spawn to exit:
// - a release of 1,000 known customers through `bench-feed` (the ledger append included) and its dry run: with so
//   few rows, the time is the fixed cost; the same on an empty workspace shows what grows with what is known;
// - a dry run of the NSF feed on the same 1,000 rows (its consent requirement reads the registry of N subjects);
// - `jikimi --version`, the floor (Node and the CLI starting);
// - dry runs of 200,000 and 2,000,000 rows with `--threads 0` (the calling thread alone), 1 and 2, and with the
//   default (chosen from the input size and the free cores: src/engine/release/threads.ts).
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { agreementYaml, BENCH, PURPOSE_YAML, RECIPIENT_YAML } from "./share-baselines.mjs";
import { cli, customersFile } from "./support.mjs";

const KNOWN = Number(process.env.BENCH_KNOWN ?? 4_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BASELINE = process.env.BENCH_BASELINE && join(process.env.BENCH_BASELINE, "dist", "bin", "jikimi.js");
const log = (line) => process.stdout.write(`${line}\n`);
const dir = process.env.BENCH_DIR ?? mkdtempSync(join(tmpdir(), "jikimi-share-fixed-"));
const reuse = process.env.BENCH_DIR !== undefined && existsSync(join(dir, "ready"));
mkdirSync(dir, { recursive: true });

/** Runs the CLI to its end; each workspace has its own keyring beside it (outside its files). */
function jikimi(args, { expect = 0, bin = cli } = {}) {
  const w = args.indexOf("-w");
  const env = { ...process.env, NO_COLOR: "1" };
  if (w >= 0) env.JIKIMI_KEYRING = `${args[w + 1]}.keyring`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== expect) {
    log(`jikimi ${args.join(" ")} exited ${r.status}:\n${r.stderr}${r.stdout.slice(0, 2000)}`);
    process.exit(1);
  }
  return { seconds, stdout: r.stdout };
}

/** The first `rows` records of the customers file (header included), and their subject keys when asked. */
async function head(source, rows, target, ids) {
  const out = createWriteStream(target, { mode: 0o600 });
  let n = -1;
  let col = -1;
  for await (const line of createInterface({
    input: createReadStream(source),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (n === -1) col = line.split(",").indexOf("customer_id");
    else if (ids) ids.push(line.split(",")[col]);
    if (!out.write(`${line}\n`)) await once(out, "drain");
    if (++n === rows) break;
  }
  out.end();
  await once(out, "finish");
  return target;
}

function workspace(name) {
  const ws = join(dir, name);
  jikimi(["init", ws, "--example", "nsf-case-corrected"]);
  writeFileSync(join(ws, "recipients", `${BENCH.recipient}.yaml`), RECIPIENT_YAML);
  writeFileSync(join(ws, "purposes", "churn-analytics.yaml"), PURPOSE_YAML);
  writeFileSync(join(ws, "agreements", `${BENCH.agreement}.yaml`), agreementYaml());
  const all = agreementYaml()
    .replace(`id: ${BENCH.agreement}`, "id: bench-feed-all")
    .replace(/where: '.*'/, "where: 'true'");
  writeFileSync(join(ws, "agreements", "bench-feed-all.yaml"), all);
  return ws;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0], median: s[Math.floor(s.length / 2)] };
};

const fmt = (v) => v.toFixed(2);

const small = join(dir, "customers-1000.csv");
const rows200k = join(dir, "customers-200000.csv");
const rows2m = join(dir, "customers-2000000.csv");
const empty = join(dir, "empty");
const full = join(dir, "known");
const at = ["--at", BENCH.at, "--override", "benchmark at a fixed release date"];
if (!reuse) await setUp();

async function setUp() {
  const big = customersFile(Math.max(KNOWN, 2_000_000), log);
  await head(big, 1000, small);
  const ids = [];
  const known = await head(big, KNOWN, join(dir, `customers-${KNOWN}.csv`), ids);
  await head(big, 200_000, rows200k);
  await head(big, 2_000_000, rows2m);
  workspace("empty");
  workspace("known");
  jikimi(["keys", "init", "-w", full]);
  jikimi(["keys", "init", "-w", empty]);
  log(`set-up: releasing ${KNOWN.toLocaleString("en-US")} customers through bench-feed-all`);
  const first = jikimi([
    "share",
    "bench-feed-all",
    "-w",
    full,
    "-i",
    known,
    "--out-dir",
    join(dir, "out-all"),
    ...at,
  ]);
  const consent = join(dir, "consent.csv");
  const out = createWriteStream(consent, { mode: 0o600 });
  out.write("subject,purpose,action,at,source\n");
  for (const id of ids) {
    if (!out.write(`${id},nsf-provision-overseas,grant,2023-03-01T09:00:00Z,bench\n`))
      await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  const imported = jikimi(["consent", "import", consent, "-w", full]);
  log(`set-up: first release ${fmt(first.seconds)} s, consent import ${fmt(imported.seconds)} s`);
  writeFileSync(join(dir, "ready"), "");
}

const outDir = join(dir, "out");
const share = (ws, agreement, input, extra = []) => [
  "share",
  agreement,
  "-w",
  ws,
  "-i",
  input,
  "--out-dir",
  outDir,
  ...at,
  ...extra,
];
const rows = [];
/** RUNS runs of this build (and of the baseline, alternately, when there is one). */
const measure = (what, args) => {
  const mine = [];
  const base = [];
  for (let r = 0; r < RUNS; r++) {
    if (BASELINE) base.push(jikimi(args, { bin: BASELINE }).seconds);
    mine.push(jikimi(args).seconds);
  }
  const m = { ...stats(mine), base: base.length > 0 ? stats(base) : undefined };
  rows.push({ what, ...m });
  const was = m.base ? `; baseline best ${fmt(m.base.best)} s, median ${fmt(m.base.median)} s` : "";
  log(`${what}: best ${fmt(m.best)} s, median ${fmt(m.median)} s${was}`);
  return m;
};
const load = loadavg()[0].toFixed(2);
measure("`jikimi --version` (the floor)", ["--version"]);
measure(
  "release of 1,000 rows, a workspace that knew none (1,000 after the first run)",
  share(empty, BENCH.agreement, small),
);
measure("dry run of 1,000 rows, the same workspace", share(empty, BENCH.agreement, small, ["--dry-run"]));
measure(
  `release of 1,000 known rows, ${KNOWN.toLocaleString("en-US")} known`,
  share(full, BENCH.agreement, small),
);
measure(
  `dry run of 1,000 known rows, ${KNOWN.toLocaleString("en-US")} known`,
  share(full, BENCH.agreement, small, ["--dry-run"]),
);
measure(
  `NSF feed (consent required), dry run of 1,000 rows, ${KNOWN.toLocaleString("en-US")} in the registry`,
  share(full, "nsf-credit-feed", small, ["--dry-run"]),
);
for (const [input, n] of [
  [rows200k, "200,000"],
  [rows2m, "2,000,000"],
]) {
  for (const threads of ["0", "1", "2"]) {
    measure(
      `dry run of ${n} rows, --threads ${threads}, ${KNOWN.toLocaleString("en-US")} known`,
      share(full, BENCH.agreement, input, ["--dry-run", "--threads", threads]),
    );
  }
  measure(
    `dry run of ${n} rows, default threads, ${KNOWN.toLocaleString("en-US")} known`,
    share(full, BENCH.agreement, input, ["--dry-run"]),
  );
}

log("");
log(
  `${new Date().toISOString().slice(0, 16).replace("T", " ")}, \`node bench/share-fixed.mjs\` (BENCH_KNOWN=${KNOWN}, ${RUNS} runs each, load average ${load} at the start)`,
);
log("");
if (BASELINE) {
  log(`baseline: ${process.env.BENCH_BASELINE}`);
  log("");
  log("| run | baseline best (s) | median (s) | this build best (s) | median (s) |");
  log("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows)
    log(
      `| ${r.what} | ${r.base ? fmt(r.base.best) : ""} | ${r.base ? fmt(r.base.median) : ""} | ${fmt(r.best)} | ${fmt(r.median)} |`,
    );
} else {
  log("| run | best (s) | median (s) |");
  log("| --- | ---: | ---: |");
  for (const r of rows) log(`| ${r.what} | ${fmt(r.best)} | ${fmt(r.median)} |`);
}
if (process.env.BENCH_DIR === undefined) rmSync(dir, { recursive: true, force: true });
