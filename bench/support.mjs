// what every bench shares: the built package's paths, a seeded generator, and the cached generated customers file.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const cli = join(root, "dist/cli/main.js");

/** mulberry32: a seeded 32-bit generator (the same as test/support/random.ts); whole numbers in 0..2^32 - 1. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** The same generator scaled to [0, 1). */
export function rngUnit(seed) {
  const next = rng(seed);
  return () => next() / 4294967296;
}

/** Where the cached customers file of `rows` rows lives (BENCH_FILE overrides). */
export function customersPath(rows) {
  return process.env.BENCH_FILE ?? join(tmpdir(), `jikimi-customers-${rows}.csv`);
}

/**
 * `jikimi generate customers --rows N --seed 1`, cached in the temp folder (BENCH_FILE overrides), so every bench
 * reads the same file and generates it at most once.
 */
export function customersFile(rows, log = (line) => process.stdout.write(`${line}\n`)) {
  const file = customersPath(rows);
  if (!existsSync(file)) {
    log(`generating ${rows.toLocaleString("en-US")} customers to ${file}`);
    execFileSync(
      process.execPath,
      [cli, "generate", "customers", "--rows", String(rows), "--seed", "1", "--output", file],
      { stdio: "inherit" },
    );
  }
  return file;
}

/** The three ways a Korean mobile number is written, from its 8 trailing digits. */
export const MOBILE_FORMS = {
  plain: (s) => `010${s}`,
  hyphenated: (s) => `010-${s.slice(0, 4)}-${s.slice(4)}`,
  international: (s) => `+8210${s}`,
};

/** `n` distinct random numbers of the 10^8 space, zero-padded to 8 digits. */
export function mobileNumbers(n) {
  const out = new Set();
  while (out.size < n) out.add(String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, "0"));
  return [...out];
}

/** Runs `f` and returns its wall and CPU seconds (this process) with its result. */
export async function measure(f) {
  const c = process.cpuUsage();
  const t = performance.now();
  const result = await f();
  const wall = (performance.now() - t) / 1000;
  const u = process.cpuUsage(c);
  return { wall, cpu: (u.user + u.system) / 1e6, result };
}
