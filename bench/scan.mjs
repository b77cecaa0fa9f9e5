// bench: `jikimi scan` of the 1M-row generated customers CSV (20 columns, every row, every detector) against the
// bare record reader over the same file in the same process (the floor scan cannot beat), scanFile on one thread (the
// baseline) and on one worker thread per core (the default for a CSV of 16 MiB or more), plus the CLI end to end.
// Run after `npm run build`:  node bench/scan.mjs   (BENCH_ROWS=100000 for a quick run; BENCH_FILE=path)
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { cli, customersFile, root } from "./support.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const { openReader } = await import(join(root, "dist/io/records/index.js"));
const { scanFile } = await import(join(root, "dist/scan/index.js"));
const log = (line) => process.stdout.write(`${line}\n`);

const file = customersFile(ROWS, log);
const mb = statSync(file).size / 1e6;

async function timed(f) {
  const t = performance.now();
  const out = await f();
  return { s: (performance.now() - t) / 1000, out };
}

const read = await timed(async () => {
  let n = 0;
  for await (const b of openReader(file)) n += b.rows.length;
  return n;
});
const one = await timed(() => scanFile(file, { threads: 1 }));
const scan = await timed(() => scanFile(file));
if (JSON.stringify(one.out) !== JSON.stringify(scan.out))
  throw new Error("the threads' scan differs from one thread's");
const end = await timed(() =>
  spawnSync(process.execPath, [cli, "scan", file, "--format", "json"], { encoding: "utf8" }),
);
const found = scan.out.columns.filter((c) => c.findings.length > 0).map((c) => c.name);

log(
  `file ${file}: ${scan.out.rows.toLocaleString("en-US")} rows, ${mb.toFixed(0)} MB; ${cpus().length} CPUs, load ${loadavg()[0].toFixed(1)}`,
);
log("| pass                                   | seconds |    rows/s | vs reader |");
log("|----------------------------------------|--------:|----------:|----------:|");
for (const [name, r] of [
  ["openReader only (floor)", read],
  ["scanFile, one thread (the baseline)", one],
  [`scanFile, ${cpus().length} threads (the default)`, scan],
  ["jikimi scan --format json (process)", end],
]) {
  const rate = Math.round(ROWS / r.s).toLocaleString("en-US");
  log(
    `| ${name.padEnd(38)} | ${r.s.toFixed(2).padStart(7)} | ${rate.padStart(9)} | ${(r.s / read.s).toFixed(2).padStart(8)}x |`,
  );
}
log(`columns with findings: ${found.join(", ")}; CLI exit ${end.out.status}`);
