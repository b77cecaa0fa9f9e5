// start-up of the jikimi command: each verb timed from spawn to exit, the bundled CLI (dist/bin/jikimi.js, what
// `npm link` installs) against tsc's unbundled output (dist/cli/main.js, the baseline in the same run) and against
// `node -e 0` (the floor: Node itself). Best and median of BENCH_RUNS (default 9) runs each, one after another.
// `npm run build && node bench/startup.mjs`
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, root } from "./support.mjs";

const runs = Number(process.env.BENCH_RUNS ?? 9);
const ws = join(mkdtempSync(join(tmpdir(), "jikimi-startup-")), "ws");
cpSync(join(root, "examples", "nsf-case-corrected"), ws, { recursive: true });
const unbundled = join(root, "dist", "cli", "main.js");

const commands = [
  ["--version"],
  ["--help"],
  ["check", "-w", ws],
  ["check", "-w", ws, "--no-record"],
  ["ledger", "size", "-w", ws],
  ["share", "--help"],
];

function time(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status === null) throw new Error(`${args.join(" ")} was killed`);
  }
  times.sort((a, b) => a - b);
  return { best: times[0], median: times[Math.floor(times.length / 2)] };
}

const ms = (v) => `${Math.round(v)} ms`;
const floor = time(["-e", "0"]);
console.log(`node -e 0 (the floor): best ${ms(floor.best)}, median ${ms(floor.median)}; ${runs} runs each`);
console.log("| command | bundled: best | median | unbundled: best | median | bundled / unbundled |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const args of commands) {
  const b = time([cli, ...args]);
  const u = time([unbundled, ...args]);
  const shown = `jikimi ${args.join(" ").replace(ws, "<example>")}`;
  console.log(
    `| \`${shown}\` | ${ms(b.best)} | ${ms(b.median)} | ${ms(u.best)} | ${ms(u.median)} | ${(b.median / u.median).toFixed(2)} |`,
  );
}
