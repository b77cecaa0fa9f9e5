import { createReadStream, createWriteStream, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { customersFile, root } from "./support.mjs";

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const { openReader, createWriter } = await import(join(root, "dist/io/records/index.js"));
const log = (line) => process.stdout.write(`${line}\n`);

const file = customersFile(ROWS, log);
const bytes = statSync(file).size;

async function naive() {
  let rows = -1;
  let fields = 0;
  const lines = createInterface({
    input: createReadStream(file, { highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    fields += line.split(",").length;
    rows++;
  }
  return { rows, check: fields };
}

async function reader() {
  let rows = 0;
  let bad = 0;
  for await (const batch of openReader(file)) {
    rows += batch.rows.length;
    bad += batch.bad.length;
  }
  return { rows, check: bad };
}

async function roundTrip() {
  const out = join(tmpdir(), `jikimi-records-bench-${process.pid}.csv`);
  const writer = createWriter("csv", createWriteStream(out, { highWaterMark: 1 << 20 }));
  let rows = 0;
  let writing = 0;
  try {
    for await (const batch of openReader(file)) {
      rows += batch.rows.length;
      const t0 = performance.now();
      await writer.write(batch);
      writing += performance.now() - t0;
    }
    const t0 = performance.now();
    await writer.end();
    writing += performance.now() - t0;
    const same = statSync(out).size === bytes;
    return { rows, check: same, writing };
  } finally {
    rmSync(out, { force: true });
  }
}

const results = [];
for (const [name, run] of [
  ["naive readline + split (wrong for quotes)", naive],
  ["CsvReader (openReader)", reader],
  ["CsvReader -> CsvWriter (file)", roundTrip],
]) {
  const t0 = performance.now();
  const r = await run();
  const s = (performance.now() - t0) / 1000;
  results.push({ name, s, ...r });
  log(`${name}: ${r.rows.toLocaleString("en-US")} rows in ${s.toFixed(2)} s (check ${r.check})`);
}

const fmt = (n) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });
log("");
log(
  `${fmt(ROWS)} customers, ${(bytes / 1e6).toFixed(0)} MB, Node ${process.version}, ${cpus()[0]?.model ?? "?"}`,
);
log("");
log("| pass | time | rows/s | MB/s |");
log("| --- | ---: | ---: | ---: |");
for (const r of results) {
  log(`| ${r.name} | ${r.s.toFixed(2)} s | ${fmt(r.rows / r.s)} | ${fmt(bytes / 1e6 / r.s)} |`);
}
const rt = results[2];
if (rt?.writing !== undefined) {
  log(
    `| of which CsvWriter (format + write) | ${(rt.writing / 1000).toFixed(2)} s | ${fmt(rt.rows / (rt.writing / 1000))} | ${fmt(bytes / 1e6 / (rt.writing / 1000))} |`,
  );
}
