// bench: `jikimi risk` end to end (the CLI, a child process) on the generated customers CSV, 1,000,000 rows,
// 5 quasi-identifiers, every QI subset ranked; best and median of RUNS, wall clock and peak RSS.
// Run after `npm run build`:  node bench/risk.mjs   (BENCH_ROWS, BENCH_FILE, BENCH_QI=a,b,c, BENCH_RUNS)
import { spawnSync } from "node:child_process";
import { cli, customersFile } from "./support.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const QI = process.env.BENCH_QI ?? "birth_date,postal_code,os,dormant,join_date";
const log = (line) => process.stdout.write(`${line}\n`);

const file = customersFile(ROWS, log);

const times = [];
let rss = 0;
let report;
for (let i = 0; i < RUNS; i++) {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    "/usr/bin/time",
    ["-f", "%M", process.execPath, cli, "risk", file, "--qi", QI, "--format", "json"],
    {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    },
  );
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`jikimi risk failed: ${r.stderr}`);
  times.push(seconds);
  rss = Math.max(rss, Number(r.stderr.trim().split("\n").pop()) / 1024);
  report = JSON.parse(r.stdout);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
log(`file ${file}, ${report.records.toLocaleString("en-US")} records, QIs ${QI}`);
log(
  `classes ${report.classes.toLocaleString("en-US")}, k ${report.k}, unique ${(report.unique_share * 100).toFixed(2)}%, subsets ranked ${report.riskiest.length}`,
);
log(
  `runs ${times.map((t) => t.toFixed(2)).join(", ")} s; best ${times[0].toFixed(2)} s, median ${median.toFixed(2)} s; peak RSS ${rss.toFixed(0)} MB`,
);
