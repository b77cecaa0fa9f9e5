// start-up of the jikimi command: each verb timed from spawn to exit, the bundled CLI (dist/bin/jikimi.js, what
// `npm link` installs) against tsc's unbundled output (dist/cli/main.js, the baseline in the same run) and against
// `node -e 0` (the floor: Node itself). Best and median of BENCH_RUNS (default 9) runs each; the builds take turns
// run for run, so a machine that slows down mid-run slows all of them alike.
// `npm run build && node bench/startup.mjs`
//   BENCH_BASELINE=/path/to/checkout   also time that build's bundled CLI (its dist/bin/jikimi.js), in turn
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, root } from "./support.mjs";

const runs = Number(process.env.BENCH_RUNS ?? 9);
const ws = join(mkdtempSync(join(tmpdir(), "jikimi-startup-")), "ws");
cpSync(join(root, "examples", "nsf-case-corrected"), ws, { recursive: true });
const unbundled = join(root, "dist", "cli", "main.js");
// the ledger's verbs need the workspace's keyring: one of their own, in the temp folder
process.env.JIKIMI_KEYRING = join(ws, "..", "keyring");
if (spawnSync(process.execPath, [cli, "keys", "init", "-w", ws]).status !== 0)
  throw new Error("keys init failed");
const baseline = process.env.BENCH_BASELINE && join(process.env.BENCH_BASELINE, "dist", "bin", "jikimi.js");

const commands = [
  ["--version"],
  ["--help"],
  ["check", "-w", ws],
  ["check", "-w", ws, "--no-record"],
  ["ledger", "log", "-w", ws],
  ["share", "--help"],
];

function once(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
  if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Best and median of `runs` runs of each argument list, the lists taking turns. */
function time(...argLists) {
  const times = argLists.map(() => []);
  for (let i = 0; i < runs; i++) for (const [k, args] of argLists.entries()) times[k].push(once(args));
  return times.map((t) => {
    t.sort((a, b) => a - b);
    return { best: t[0], median: t[Math.floor(t.length / 2)] };
  });
}

const ms = (v) => `${Math.round(v)} ms`;
const [floor] = time(["-e", "0"]);
console.log(`node -e 0 (the floor): best ${ms(floor.best)}, median ${ms(floor.median)}; ${runs} runs each`);
if (baseline) console.log(`baseline: ${process.env.BENCH_BASELINE}`);
const head = ["command", "bundled: best", "median", "unbundled: best", "median", "bundled / unbundled"];
if (baseline) head.push("baseline: best", "median", "bundled / baseline");
console.log(`| ${head.join(" | ")} |`);
console.log(`| --- |${" ---: |".repeat(head.length - 1)}`);
for (const args of commands) {
  const lists = [
    [cli, ...args],
    [unbundled, ...args],
  ];
  if (baseline) lists.push([baseline, ...args]);
  const [b, u, base] = time(...lists);
  const cellsOf = [ms(b.best), ms(b.median), ms(u.best), ms(u.median), (b.median / u.median).toFixed(2)];
  if (base) cellsOf.push(ms(base.best), ms(base.median), (b.median / base.median).toFixed(2));
  console.log(`| \`jikimi ${args.join(" ").replace(ws, "<example>")}\` | ${cellsOf.join(" | ")} |`);
}
