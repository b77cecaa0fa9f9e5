// the transfer ledger at scale, on each state store in the same run: a six-year daily history (2,300 releases over
// N customers, half the whole population and half a 20% subset with 0.1% daily churn), then appends of N known
// subjects, per-subject lookups, a full verify, storage per subject-release pair, and several processes appending
// at once. The baseline for PostgreSQL is SQLite in the same run; for both, a naive one-row-per-pair table.
// usage: npm run build && node bench/ledger.mjs [--store sqlite|postgres|both] [--database-url postgres://...]
//        [--subjects 4000000] [--releases 2300] [--naive-releases 4] [--receipt-rounds 0]
//        [--appenders 4] [--appender-releases 50] [--no-history-receipts] [--subject-rounds 1]
// --subject-rounds N measures `ledger subject` N times (a fresh ledger each round) and reports the round of the
// median p99, every round on stderr: on a shared machine one round can be noise.
// PostgreSQL: --database-url, else $JIKIMI_BENCH_DATABASE_URL or $JIKIMI_TEST_DATABASE_URL (a server URL: the
// bench makes its own database there and drops it after).
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import {
  fastSubjectHasher,
  initKeyring,
  Ledger,
  openStateStore,
  SubjectDictionary,
  signerFrom,
  verifyLedger,
} from "../dist/index.js";
import {
  appendHistory,
  arg,
  benchHistory,
  benchSubject as key,
  benchRelease as meta,
  recordedOn,
} from "./support.mjs";

const N = Number(arg("subjects", 4_000_000));
const R = Number(arg("releases", 2300));
const NAIVE = Number(arg("naive-releases", 4));
const ROUNDS = Number(arg("receipt-rounds", 0));
const APPENDERS = Number(arg("appenders", 4));
const APPENDER_RELEASES = Number(arg("appender-releases", 50));
const HISTORY_RECEIPTS = !process.argv.includes("--no-history-receipts");
const SUBJECT_ROUNDS = Math.max(1, Number(arg("subject-rounds", 1)));
const SERVER = arg(
  "database-url",
  process.env.JIKIMI_BENCH_DATABASE_URL ?? process.env.JIKIMI_TEST_DATABASE_URL,
);
const STORES = (() => {
  const s = arg("store", SERVER ? "both" : "sqlite");
  return s === "both" ? ["sqlite", "postgres"] : [s];
})();
if (STORES.includes("postgres") && !SERVER) {
  process.stderr.write("--store postgres needs --database-url (or JIKIMI_BENCH_DATABASE_URL)\n");
  process.exit(2);
}
const WORKER = fileURLToPath(new URL("../test/support/append-worker.mjs", import.meta.url));
const CHILD = fileURLToPath(new URL("./verify-child.mjs", import.meta.url));
const APPEND_CHILD = fileURLToPath(new URL("./append-child.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "jikimi-bench-ledger-"));
const ms = (t) => performance.now() - t;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** A fresh store of `kind`: its locator (for worker processes), its size in bytes, and how to drop it. */
async function freshStore(kind) {
  if (kind === "sqlite") {
    const ws = join(dir, "ws");
    const file = join(ws, ".jikimi", "state.db");
    return {
      where: ws,
      locator: { dialect: "sqlite", file },
      bytes: async (store) => {
        store.database.db.pragma("wal_checkpoint(TRUNCATE)");
        return statSync(file).size;
      },
      drop: async () => rmSync(ws, { recursive: true, force: true }),
    };
  }
  const name = `jikimi_bench_${process.pid}`;
  const admin = new pg.Pool({ connectionString: SERVER, max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  let empty = 0;
  return {
    where: url.toString(),
    locator: { dialect: "postgres", url: url.toString() },
    // the database's own files less those of the freshly migrated, empty schema
    bytes: async (store) => {
      // live data: autovacuum makes the space of dead row versions (a chain head rewritten by every append) reusable
      await store.pool.query("VACUUM FULL");
      const { rows } = await store.pool.query("SELECT pg_database_size(current_database())::bigint AS n");
      return rows[0].n - empty;
    },
    markEmpty: async (store) => {
      const { rows } = await store.pool.query("SELECT pg_database_size(current_database())::bigint AS n");
      empty = rows[0].n;
    },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** A verify in a new process (bench/verify-child.mjs): its seconds and verdict. */
function verifyChild(locator, keyId, publicKey, since) {
  const args = [CHILD, JSON.stringify(locator), keyId, publicKey, ...(since ? [JSON.stringify(since)] : [])];
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`verify child: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** An append of the bench's N subject keys (written to a file once) in a new process (bench/append-child.mjs). */
function appendChild(locator, release, recordedAt) {
  const file = join(dir, "keys.txt");
  if (!existsSync(file)) {
    const fd = openSync(file, "w", 0o600);
    for (let i = 0; i < N; i += 1_000_000) {
      const part = [];
      for (let j = i; j < Math.min(N, i + 1_000_000); j++) part.push(key(j));
      writeSync(fd, `${part.join("\n")}\n`);
    }
    closeSync(fd);
  }
  const args = [
    APPEND_CHILD,
    JSON.stringify(locator),
    join(dir, "bench.keyring"),
    file,
    JSON.stringify(release),
    recordedAt.toISOString(),
  ];
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`append child: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** `count` worker processes appending `releases` releases each at once; their wall time. */
function appenders(where, keyring, count, releases) {
  const t = performance.now();
  return Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise((resolve, reject) => {
          const child = spawn(
            process.execPath,
            [WORKER, where, keyring, String(releases), `host${i}`, "3000"],
            {
              stdio: ["ignore", "pipe", "inherit"],
            },
          );
          let out = "";
          child.stdout.on("data", (d) => {
            out += String(d);
          });
          child.on("exit", (code) =>
            code === 0
              ? resolve((out.match(/appended/g) ?? []).length)
              : reject(new Error(`appender ${i}: ${out}`)),
          );
        }),
    ),
  ).then((landed) => ({ ms: ms(t), landed: landed.reduce((a, b) => a + b, 0) }));
}

async function run(kind, ring, keys, hashes) {
  const out = new Map();
  const row = (what, value) => {
    out.set(what, value);
    process.stderr.write(`[${kind}] ${what}: ${value}\n`);
  };
  const subjectKey = ring.active("ledger-subjects");
  const hasher = fastSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64"));
  const signer = signerFrom(ring.active("ledger-signing"));
  const target = await freshStore(kind);
  const store = await openStateStore(target.locator);
  try {
    await target.markEmpty?.(store);
    const dictionary = new SubjectDictionary();
    const ledger = new Ledger({
      store: store.ledger,
      subjects: dictionary,
      hasher,
      signer,
      log: "Bench Pay",
      receipts: HISTORY_RECEIPTS,
    });
    let t = performance.now();
    await store.ledger.write((tx) => dictionary.assign(tx, hashes, N, true));
    row("register N new subjects", `${(ms(t) / 1000).toFixed(2)} s`);

    // the history, the same sets in the same order on every backend (same seed)
    t = performance.now();
    const history = await benchHistory(N);
    const pairs = await appendHistory(ledger, history, 0, R);
    row(
      `record ${R} releases (${pairs.toLocaleString()} pairs, bulk path)`,
      `${(ms(t) / 1000).toFixed(1)} s`,
    );
    const bytes = await target.bytes(store);
    row("storage", `${(bytes / 1e6).toFixed(1)} MB`);
    row("**storage bytes per subject-release pair**", (bytes / pairs).toFixed(4));

    // per-subject lookups through the public path: HMAC, dictionary partition, change index, entries
    const rounds = [];
    for (let round = 0; round < SUBJECT_ROUNDS; round++) {
      const fresh = new Ledger({
        store: store.ledger,
        subjects: new SubjectDictionary(),
        hasher,
        log: "Bench Pay",
      });
      const lat = [];
      let q = 99;
      for (let i = 0; i < 1000; i++) {
        q = (q * 1103515245 + 12345) >>> 0;
        const s = performance.now();
        await fresh.subjectHistory(key(q % N));
        lat.push(ms(s));
      }
      lat.sort((a, b) => a - b);
      rounds.push({ p50: lat[499], p99: lat[989] });
      if (SUBJECT_ROUNDS > 1)
        process.stderr.write(
          `[${kind}] ledger subject round ${round + 1}: ${lat[499].toFixed(2)} ms / ${lat[989].toFixed(2)} ms\n`,
        );
    }
    const mid = [...rounds].sort((a, b) => a.p99 - b.p99)[Math.floor((rounds.length - 1) / 2)];
    row(
      "`ledger subject` p50 / **p99** over 1,000 random subjects",
      `${mid.p50.toFixed(2)} ms / ${mid.p99.toFixed(2)} ms`,
    );

    // the next daily releases of the whole population from subject keys, as a new process makes them
    const daily = new Ledger({
      store: store.ledger,
      subjects: new SubjectDictionary(),
      hasher,
      signer,
      log: "Bench Pay",
    });
    const appends = [];
    for (let k = 0; k < 3; k++) {
      t = performance.now();
      const r1 = await daily.append(meta("credit-feed-all", R + k, N), keys, recordedOn(R + k));
      if (r1.newSubjects !== 0) throw new Error("known subjects were added again");
      appends.push(ms(t));
    }
    row(
      "append one release of N known subjects, the bench's process, first (the dictionary loaded)",
      `${(appends[0] / 1000).toFixed(2)} s`,
    );
    row(
      "append one release of N known subjects, the bench's process (median of next 2)",
      `${(median(appends.slice(1)) / 1000).toFixed(2)} s`,
    );
    // the same in a new process, as a share records its release: keys read from a file, hashed, recorded
    const day = R + 3 + ROUNDS;
    const appended = appendChild(target.locator, meta("credit-feed-all", day, N), recordedOn(day));
    if (appended.subjects !== N || appended.newSubjects !== 0)
      throw new Error("append child: wrong subjects");
    row(
      "**append one release of N known subjects, new process** (read; hash on 2 threads; record)",
      `${appended.seconds.toFixed(2)} s (${appended.read.toFixed(2)}; ${appended.hash.toFixed(2)}; ${appended.record.toFixed(2)})`,
    );
    if (ROUNDS > 0) {
      const plain = new Ledger({
        store: store.ledger,
        subjects: new SubjectDictionary(),
        hasher,
        signer,
        log: "Bench Pay",
        receipts: false,
      });
      const paired = [[], []];
      for (let k = 0; k < ROUNDS; k++)
        for (const [i, l] of [daily, plain].entries()) {
          t = performance.now();
          await l.append(meta("credit-feed-all", R + 3 + k, N), keys, recordedOn(R + 3 + k));
          paired[i].push(ms(t));
        }
      row(
        "append of N known subjects with / without receipts root",
        `${(median(paired[0]) / 1000).toFixed(2)} s / ${(median(paired[1]) / 1000).toFixed(2)} s`,
      );
    }

    const trusted = new Map([[signer.keyId, ring.active("ledger-signing").public]]);
    t = performance.now();
    const report = await verifyLedger(store.ledger, trusted, {
      receiptKey: (seq) => hasher.receiptKey(seq),
      locator: target.locator,
    });
    row(
      `**full \`ledger verify\`** (${report.size} entries)`,
      `${(ms(t) / 1000).toFixed(2)} s (${report.ok ? "ok" : "FAILED"})`,
    );
    if (!report.ok) process.stderr.write(`${JSON.stringify(report.problems.slice(0, 3))}\n`);

    // the next day's two releases (the whole population, unchanged; the subset with its churn), then a verify
    // that starts from the state the full verify established (`ledger verify --incremental`)
    for (const r of [R, R + 1]) {
      const { agreement, set } = history(r);
      await ledger.appendIndexed(meta(agreement, R + 10, set.size), set, recordedOn(R + 10));
    }
    t = performance.now();
    const incremental = await verifyLedger(store.ledger, trusted, {
      receiptKey: (seq) => hasher.receiptKey(seq),
      locator: target.locator,
      since: { size: report.size, root: report.root, label: "the full verify" },
    });
    row(
      `**incremental \`ledger verify\`** of the next day's 2 releases (from entry ${incremental.from})`,
      `${(ms(t) / 1000).toFixed(2)} s (${incremental.ok ? "ok" : "FAILED"})`,
    );
    if (!incremental.ok) process.stderr.write(`${JSON.stringify(incremental.problems.slice(0, 3))}\n`);
    // the same in a process of its own, as the CLI runs it
    const since = { size: report.size, root: report.root, label: "the full verify" };
    const child = verifyChild(target.locator, signer.keyId, trusted.get(signer.keyId), since);
    row(
      "**incremental `ledger verify`**, the same in a new process",
      `${child.seconds.toFixed(2)} s (${child.ok ? "ok" : "FAILED"})`,
    );

    // several gateway hosts appending at once: each a process with its own connection, 3,000 subjects a release
    if (APPENDERS > 0) {
      const keyring = join(dir, "bench.keyring");
      const before = await store.ledger.read((r) => r.entryCount());
      const c = await appenders(target.where, keyring, APPENDERS, APPENDER_RELEASES);
      const after = await store.ledger.read((r) => r.entryCount());
      if (after - before !== APPENDERS * APPENDER_RELEASES || c.landed !== after - before)
        throw new Error(`appenders: ${c.landed} reported, ${after - before} stored`);
      const check = await verifyLedger(store.ledger, trusted);
      row(
        `${APPENDERS} processes x ${APPENDER_RELEASES} releases at once (3,000 subjects each)`,
        `${(c.ms / 1000).toFixed(1)} s, ${((c.landed * 1000) / c.ms).toFixed(1)} releases/s, all ${c.landed} landed, verify ${check.ok ? "ok" : "FAILED"}`,
      );
    }
    return { out, pairs, bytes };
  } finally {
    await store.close();
    await target.drop();
  }
}

/** The naive baseline: one SQLite row per subject and release, indexed by subject, filled for a few releases. */
function naive(pairsOfHistory) {
  const db = new Database(join(dir, "naive.db"));
  db.pragma("journal_mode = WAL");
  db.exec(
    "CREATE TABLE pairs (subject TEXT NOT NULL, release INTEGER NOT NULL); CREATE INDEX pairs_subject ON pairs(subject)",
  );
  const put = db.prepare("INSERT INTO pairs VALUES (?, ?)");
  let pairs = 0;
  const t = performance.now();
  for (let r = 0; r < NAIVE; r++) {
    const n = r % 2 === 0 ? N : Math.round(N * 0.2);
    db.transaction(() => {
      for (let i = 0; i < n; i++) put.run(key(r % 2 === 0 ? i : i * 5), r);
    })();
    pairs += n;
  }
  const took = ms(t);
  db.pragma("wal_checkpoint(TRUNCATE)");
  const bytes = statSync(join(dir, "naive.db")).size;
  db.close();
  return {
    perPair: bytes / pairs,
    projectedGb: ((bytes / pairs) * pairsOfHistory) / 1e9,
    projectedHours: ((took / pairs) * pairsOfHistory) / 3.6e6,
  };
}

try {
  const ring = initKeyring(join(dir, "bench.keyring"), new Date());
  const subjectKey = ring.active("ledger-subjects");
  const hasher = fastSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64"));
  const keys = Array.from({ length: N }, (_, i) => key(i));
  const hashes = hasher.hashMany(keys);
  const results = [];
  for (const kind of STORES) results.push([kind, await run(kind, ring, keys, hashes)]);
  const labels = [...new Set(results.flatMap(([, r]) => [...r.out.keys()]))];
  process.stdout.write(
    `\n| measure (N = ${N.toLocaleString()}, ${R} releases) | ${results.map(([k]) => k).join(" | ")} |\n| --- |${results.map(() => " ---: |").join("")}\n`,
  );
  for (const l of labels)
    process.stdout.write(`| ${l} | ${results.map(([, r]) => r.out.get(l) ?? "").join(" | ")} |\n`);
  if (NAIVE > 0) {
    const nv = naive(results[0][1].pairs);
    process.stdout.write(
      `| naive table (SQLite, ${NAIVE} releases filled): bytes per pair; projected ${R} releases | ${nv.perPair.toFixed(1)} B; ${nv.projectedGb.toFixed(0)} GB, ${nv.projectedHours.toFixed(1)} h to insert |${results.length > 1 ? " |" : ""}\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
