// the whole bench/ at one stated size, for two builds bench by bench (before, then after), so a performance change
// can show that no figure regressed elsewhere. Each bench runs from its own checkout (its own bench file against
// its own dist/); a bench the "before" checkout lacks (share-fixed, startup) runs from a copy of the "after"
// checkout's bench/ placed in the "before" checkout, so that each build sets up its own workspace (a workspace one
// build made may be of a newer schema than the other reads).
//
//   node bench/all.mjs --before <checkout> [--after <checkout>] [--only a,b] [--skip a,b] [--out <dir>]
//                      [--database-url postgres://...] [--reuse]
//
// --reuse keeps the runs already in <out> (a bench's <side>.txt and .json) and runs only the others: a run cut
// short goes on where it stopped, and a bench changed since is run again after deleting its "after" files.
//
// Both checkouts must be built first (`npm run build` in each). The PostgreSQL entries need --database-url (or
// $JIKIMI_BENCH_DATABASE_URL); the report's PDF and the dashboard need /usr/bin/chromium; scale-out starts its own
// redis-server. Sizes are below, one line per bench (the targets' full-scale runs are in docs/benchmarks.md with
// their own commands). Each bench's output goes to <out>/<bench>.<before|after>.txt, and <out>/summary.md pairs the
// Markdown tables each printed, then a table of wall times and exit codes.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { arg, root } from "./support.mjs";

const before = arg("before", undefined);
if (!before) {
  process.stderr.write("usage: node bench/all.mjs --before <checkout> [--after <checkout>] [--only a,b]\n");
  process.exit(2);
}
const BEFORE = resolve(before);
const AFTER = resolve(arg("after", root));
const OUT = resolve(arg("out", join(tmpdir(), "jikimi-bench-all")));
const DATABASE_URL = arg("database-url", process.env.JIKIMI_BENCH_DATABASE_URL);
const only = arg("only", undefined)?.split(",");
const skip = arg("skip", "").split(",");
const REUSE = process.argv.includes("--reuse");
const TIMEOUT_MS = 30 * 60_000;

/** A bench's arguments, written as on a command line. */
const words = (line) => line.split(" ");

/**
 * name: the bench file; args and env: its size; needs: what it cannot run without; copy: run the after checkout's
 * bench file against the before build too (as for a bench the before checkout lacks).
 */
const BENCHES = [
  { name: "merkle", args: words("--quick") },
  { name: "sha256", args: words("--quick") },
  { name: "transforms", args: words("--quick") },
  { name: "roaring", args: words("--subjects 1000000") },
  { name: "scope", env: { BENCH_ROWS: "1000000" } },
  { name: "records", env: { BENCH_ROWS: "1000000" } },
  { name: "scan", env: { BENCH_ROWS: "1000000" } },
  { name: "risk", env: { BENCH_ROWS: "1000000", BENCH_RUNS: "2" } },
  { name: "generate", env: { BENCH_ROWS: "1000000", BENCH_NAIVE_ROWS: "100000", BENCH_REPEAT: "1" } },
  { name: "consent", env: { BENCH_QUERIES: "3", BENCH_NAIVE_QUERIES: "1" } },
  {
    // the before checkout's consent bench has no PostgreSQL (it would measure SQLite under this name)
    name: "consent",
    label: "consent-postgres",
    copy: true,
    needs: "postgres",
    env: { BENCH_QUERIES: "3", BENCH_NAIVE_QUERIES: "1" },
    url: "BENCH_DATABASE_URL",
  },
  { name: "hash-audit", args: words("--runs 1") },
  { name: "digit-kernels", args: words("--algs md5,sha1") },
  { name: "share", env: { BENCH_ROWS: "10000000", BENCH_SKIP_A: "1", BENCH_REPEAT: "1" } },
  { name: "share-fixed", env: { BENCH_RUNS: "2" } },
  { name: "startup", env: { BENCH_RUNS: "5" } },
  {
    name: "ledger",
    needs: "postgres",
    args: words("--subjects 1000000 --releases 300 --naive-releases 1 --appenders 2 --appender-releases 10"),
  },
  { name: "receipts", args: words("--members 1000000 --releases 100") },
  { name: "tiles" },
  // the before checkout's witness bench predates the asynchronous witness state: the fixed one runs against it
  { name: "witness", copy: true },
  { name: "pg-driver", needs: "postgres", args: words("--pairs 1000000 --blobs 500"), url: "--url" },
  {
    name: "report",
    needs: "chromium",
    args: words("--subjects 1000000 --releases 300 --people 50"),
  },
  {
    name: "server",
    needs: "postgres",
    args: words(
      "--subjects 1000000 --releases 300 --duration 10 --warmup 3 --ceiling-duration 5 --share-rows 1000000",
    ),
  },
  { name: "dashboard", needs: "chromium", args: words("--releases 300") },
  { name: "scale-out", env: { BENCH_ROWS: "2000000", BENCH_WORKERS: "1,2" } },
];

/** Runs one bench file of one checkout; its output (stdout and stderr) goes to a file. */
function runOne(checkout, bench) {
  const file = join(checkout, "bench", `${bench.name}.mjs`);
  const args = [file, ...(bench.args ?? [])];
  const extra = { ...(bench.env ?? {}) };
  if (bench.needs === "postgres" && DATABASE_URL) {
    if (bench.url === "--url") args.push("--url", DATABASE_URL);
    else if (bench.url) extra[bench.url] = DATABASE_URL;
    else args.push("--database-url", DATABASE_URL);
  }
  const started = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      cwd: checkout,
      env: { ...process.env, ...extra },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks = [];
    child.stdout.on("data", (c) => chunks.push(c));
    child.stderr.on("data", (c) => chunks.push(c));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      done({ code: code ?? signal, seconds, output: Buffer.concat(chunks).toString("utf8") });
    });
  });
}

/** The Markdown table lines of a bench's output (what the benches print their figures as). */
const tables = (output) =>
  output
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .join("\n");

const missing = (bench) => {
  if (bench.needs === "postgres" && !DATABASE_URL) return "no --database-url";
  if (bench.needs === "chromium" && !existsSync("/usr/bin/chromium")) return "no /usr/bin/chromium";
  return undefined;
};

/** A symbolic link, unless the name exists. */
function symlinkOnce(target, name) {
  if (!existsSync(name)) symlinkSync(target, name);
}

mkdirSync(OUT, { recursive: true });
// share-fixed and startup run a baseline's dist/bin/jikimi.js: a checkout from before the bundled command had its
// command at dist/cli/main.js, linked there (imports resolve from the link's target)
const bundled = join(BEFORE, "dist", "bin", "jikimi.js");
if (!existsSync(bundled) && existsSync(join(BEFORE, "dist", "cli", "main.js"))) {
  mkdirSync(join(BEFORE, "dist", "bin"), { recursive: true });
  symlinkSync("../cli/main.js", bundled);
  process.stdout.write(`${bundled} -> dist/cli/main.js (the command before it was bundled)\n`);
}
const rows = [];
const sections = [];
const summary = () =>
  [
    `# bench/all.mjs: before ${BEFORE}, after ${AFTER}`,
    "",
    ...sections.flatMap((s) => [s, ""]),
    "## Wall time of each bench",
    "",
    "| bench | before | after |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
for (const bench of BENCHES) {
  const label = bench.label ?? bench.name;
  if ((only && !only.includes(label)) || skip.includes(label)) continue;
  const why = missing(bench);
  if (why) {
    rows.push(`| ${label} | skipped: ${why} | |`);
    continue;
  }
  const results = {};
  const runs = [
    ["before", BEFORE],
    ["after", AFTER],
  ];
  for (const [side, checkout] of runs) {
    let from = checkout;
    if (!existsSync(join(checkout, "bench", `${bench.name}.mjs`)) || (bench.copy && side === "before")) {
      if (side === "after") {
        results[side] = undefined;
        continue;
      }
      // the after checkout's bench/ copied into the before checkout: its paths then lead to the before build
      from = join(BEFORE, "bench-of-after");
      rmSync(from, { recursive: true, force: true });
      cpSync(join(AFTER, "bench"), join(from, "bench"), { recursive: true });
      symlinkOnce(join(BEFORE, "dist"), join(from, "dist"));
      symlinkOnce(join(BEFORE, "node_modules"), join(from, "node_modules"));
      symlinkOnce(join(BEFORE, "examples"), join(from, "examples"));
      symlinkOnce(join(BEFORE, "test"), join(from, "test"));
      symlinkOnce(join(BEFORE, "package.json"), join(from, "package.json"));
    }
    const saved = join(OUT, `${label}.${side}`);
    if (REUSE && existsSync(`${saved}.txt`) && existsSync(`${saved}.json`)) {
      results[side] = {
        ...JSON.parse(readFileSync(`${saved}.json`, "utf8")),
        output: readFileSync(`${saved}.txt`, "utf8"),
      };
      continue;
    }
    process.stdout.write(`${label} (${side}) ... `);
    const r = await runOne(from, bench);
    process.stdout.write(`${r.seconds.toFixed(1)} s, exit ${r.code}\n`);
    writeFileSync(`${saved}.txt`, r.output);
    writeFileSync(`${saved}.json`, JSON.stringify({ seconds: r.seconds, code: r.code, checkout: from }));
    results[side] = r;
  }
  const cell = (r) => (r ? `${r.seconds.toFixed(1)} s, exit ${r.code}` : "not in this checkout");
  rows.push(`| ${label} | ${cell(results.before)} | ${cell(results.after)} |`);
  const args = [...(bench.args ?? []), ...Object.entries(bench.env ?? {}).map(([k, v]) => `${k}=${v}`)];
  sections.push(`## ${label} (${args.join(" ") || "defaults"})`);
  for (const side of ["before", "after"])
    if (results[side])
      sections.push(`### ${side}\n\n${tables(results[side].output) || "(no table printed)"}`);
}
writeFileSync(join(OUT, "summary.md"), summary());
process.stdout.write(`\n${rows.join("\n")}\n\nsummary: ${join(OUT, "summary.md")}\n`);
