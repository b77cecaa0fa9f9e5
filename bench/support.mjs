// what every bench shares: the built package's paths, a seeded generator, the cached generated customers file,
// and `jikimi serve` started on a free port.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const cli = join(root, "dist/bin/jikimi.js");

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

/** The subject key of the `i`th customer of the ledger benches. */
export const benchSubject = (i) => `HB${String(i + 1).padStart(10, "0")}`;

/** When a bench release of `day` is recorded: an hour after its release time, as a daily batch would be. */
export const recordedOn = (day) => new Date(Date.UTC(2018, 3, 1) + day * 86_400_000 + 3_600_000);

/** The declaration of a bench release of `agreement` on `day` holding `count` subjects. */
export const benchRelease = (agreement, day, count) => ({
  released_at: new Date(Date.UTC(2018, 3, 1) + day * 86_400_000).toISOString(),
  agreement: { id: agreement, version: 1, digest: "c".repeat(64) },
  recipient: { id: "orbit-pay-sg", name: "Orbit Payments Pte. Ltd.", country: "SG" },
  legal_basis: "entrustment",
  purposes: ["nsf-scoring"],
  fields: [
    {
      name: "customer_id",
      transform: "pseudonym",
      key_id: "master-1",
      categories: ["user.unique_id.account"],
    },
    { name: "balance", transform: "keep", categories: ["user.financial.balance"] },
  ],
  records: count,
  operator: "batch",
});

/**
 * The releases of the bench's six-year history over `n` subjects, one at a time: release r is the whole population
 * when r is even, else a 20% subset with 0.1% churn since the previous subset (the same seed every run).
 */
export async function benchHistory(n) {
  const { RoaringBitmap32 } = (await import("roaring")).default;
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const whole = new RoaringBitmap32();
  whole.addRange(0, n);
  const members = [];
  const subset = new RoaringBitmap32();
  for (let i = 0; i < n; i++) if (rand() < 0.2) members.push(i);
  subset.addMany(members);
  const churn = Math.max(1, Math.round(members.length * 0.001));
  /** Release `r` (in order, from 0): its agreement, day and set (the generator's own: copy it to keep it). */
  return (r) => {
    const day = Math.floor(r / 2);
    const isWhole = r % 2 === 0;
    if (!isWhole && r > 1)
      for (let k = 0; k < churn; k++) {
        const at = Math.floor(rand() * members.length);
        subset.remove(members[at]);
        let fresh;
        do fresh = Math.floor(rand() * n);
        while (subset.has(fresh));
        members[at] = fresh;
        subset.add(fresh);
      }
    return {
      agreement: isWhole ? "credit-feed-all" : "credit-feed-scoped",
      day,
      set: isWhole ? whole : subset,
    };
  };
}

/** Appends releases [from, to) of `history` (benchHistory) to `ledger`; the subject-release pairs recorded. */
export async function appendHistory(ledger, history, from, to) {
  let pairs = 0;
  for (let r = from; r < to; r++) {
    const { agreement, day, set } = history(r);
    await ledger.appendIndexed(benchRelease(agreement, day, set.size), set, recordedOn(day));
    pairs += set.size;
  }
  return pairs;
}

/** Records the bench history's first `releases` releases over `n` subjects; the subject-release pairs. */
export async function recordHistory(ledger, n, releases) {
  return appendHistory(ledger, await benchHistory(n), 0, releases);
}

/** The value after `--name` on the command line, or `fallback`. */
export const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** `jikimi serve` on a free loopback port; resolves with its URL and how to stop it. */
export function serve(ws, env, workers = 1) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        "serve",
        "-w",
        ws,
        "--listen",
        "127.0.0.1:0",
        "--quiet",
        "--rate-limit",
        String(1_000_000),
        "--workers",
        String(workers),
      ],
      { env, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m)
        resolve({
          url: m[1],
          stop: () =>
            new Promise((done) => {
              child.on("exit", done);
              child.kill("SIGTERM");
            }),
        });
    });
    child.on("exit", (code) => reject(new Error(`jikimi serve exited with ${code}`)));
  });
}

/**
 * A workspace session's ledger filled with `n` subjects and `releases` releases of recordHistory, without receipts
 * roots (they would take the build from a minute to tens of minutes; a history or report read is the same either
 * way). Resolves with the seconds the releases took.
 */
export async function buildHistory(session, n, releases) {
  const { Ledger } = await import("../dist/index.js");
  const hashes = session.hasher.hashMany(Array.from({ length: n }, (_, i) => benchSubject(i)));
  await session.store.ledger.write((tx) => session.subjects.assign(tx, hashes, n, true));
  const t = performance.now();
  const builder = new Ledger({
    store: session.store.ledger,
    subjects: session.subjects,
    hasher: session.hasher,
    signer: session.logKeys.signer(),
    log: session.settings.log,
    receipts: false,
  });
  await recordHistory(builder, n, releases);
  return (performance.now() - t) / 1000;
}
