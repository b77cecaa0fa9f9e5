// bench: the consent registry at 4M subjects, 60% granted for one purpose over 2019-2024, 2% of those later
// withdrawn: CSV import through the library, then asOf at 20 random times against a naive SQL baseline
// (latest event per subject by window function, materialised into a bitmap). Run after `npm run build`:
//   node bench/consent.mjs          (BENCH_SUBJECTS=400000 for a quick run)
//   BENCH_DATABASE_URL=postgres://... node bench/consent.mjs   (the same on PostgreSQL: a database of its own is
//   made on that server and dropped after; the naive baseline runs the same window function there)
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rngUnit } from "./support.mjs";

const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 4_000_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 20);
const NAIVE_QUERIES = Number(process.env.BENCH_NAIVE_QUERIES ?? QUERIES);
const PURPOSE = "nsf-provision";
const root = fileURLToPath(new URL("..", import.meta.url));
const dist = (path) => import(join(root, "dist", path));

const { openStateStore } = await dist("store/open.js");
const { SubjectDictionary } = await dist("ledger/subjects/dictionary.js");
const { fastSubjectHasher } = await dist("ledger/subjects/subject-hasher.js");
const { ConsentRegistry, readConsentFile } = await dist("consent/index.js");
const roaring = (await import("roaring")).default;

const FROM = Date.UTC(2019, 0, 1);
const TO = Date.UTC(2025, 0, 1);
const KST = 9 * 3600_000;
const kst = (ms) => `${new Date(ms + KST).toISOString().slice(0, 19)}+09:00`;
const key = (i) => `HB${String(i).padStart(10, "0")}`;
const ms = (t) => `${t.toFixed(1)} ms`;
const secs = (t) => `${(t / 1000).toFixed(1)} s`;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const log = (line) => process.stdout.write(`${line}\n`);

const dir = mkdtempSync(join(tmpdir(), "jikimi-consent-bench-"));
const SERVER = process.env.BENCH_DATABASE_URL;
const pg = SERVER ? (await import("pg")).default : undefined;
const admin = pg ? new pg.Pool({ connectionString: SERVER, max: 1 }) : undefined;
const dbName = `jikimi_consent_bench_${process.pid}`;
/** The store: a SQLite file in `dir`, or a database of its own on BENCH_DATABASE_URL's server. */
async function openBenchStore() {
  if (!admin) return openStateStore({ dialect: "sqlite", file: join(dir, ".jikimi", "state.db") });
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(SERVER);
  url.pathname = `/${dbName}`;
  return openStateStore({ dialect: "postgres", url: url.toString() });
}
/** One statement's rows on either store (`?` placeholders become $n on PostgreSQL). */
async function sql(store, text, params = []) {
  if (store.dialect === "sqlite") return store.database.db.prepare(text).all(...params);
  let n = 0;
  return (
    await store.pool.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    )
  ).rows;
}
try {
  const store = await openBenchStore();
  const dictionary = new SubjectDictionary();
  // the hasher a workspace uses (app/workspace.ts): HMAC in the WebAssembly kernel, in batches
  const hasher = fastSubjectHasher("ledger-subjects-bench", randomBytes(32));
  const registry = new ConsentRegistry(store.consent, dictionary, hasher);

  // the ledger already knows every subject: the dictionary holds all 4M, so consents are spread over it
  let t0 = performance.now();
  for (let start = 0; start < SUBJECTS; start += 65_536) {
    const keys = [];
    for (let i = start; i < Math.min(SUBJECTS, start + 65_536); i++) keys.push(key(i));
    await store.consent.write((tx) => dictionary.assign(tx, hasher.hashMany(keys), keys.length, true));
  }
  log(`setup: dictionary of ${SUBJECTS.toLocaleString("en-US")} subjects in ${secs(performance.now() - t0)}`);

  // the consent export: one grant for 60% of subjects, a later withdrawal for 2% of those
  t0 = performance.now();
  const file = join(dir, "consents.csv");
  const out = createWriteStream(file);
  const random = rngUnit(7);
  const events = [];
  let rows = 0;
  let buf = "subject,purpose,action,at,source,evidence\r\n";
  for (let i = 0; i < SUBJECTS; i++) {
    if (random() >= 0.6) continue;
    const at = FROM + Math.floor(random() * (TO - FROM));
    buf += `${key(i)},${PURPOSE},grant,${kst(at)},app-signup-v3,proof/${i.toString(36)}\r\n`;
    events.push(at);
    rows++;
    if (random() < 0.02) {
      const later = at + 1 + Math.floor(random() * (TO - at - 1));
      buf += `${key(i)},${PURPOSE},withdraw,${kst(later)},app-settings,\r\n`;
      rows++;
    }
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once("drain", r));
      buf = "";
    }
  }
  await new Promise((r) => out.end(buf, r));
  log(
    `setup: wrote ${rows.toLocaleString("en-US")} rows (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB) in ${secs(performance.now() - t0)}`,
  );

  const now = new Date(TO + 86_400_000);
  t0 = performance.now();
  const batch = registry.newBatch();
  await readConsentFile(file, batch, { now });
  const tRead = performance.now() - t0;
  t0 = performance.now();
  const result = await registry.recordBatch(batch, now);
  const tRecord = performance.now() - t0;
  const [snaps] = await sql(
    store,
    "SELECT COUNT(*) AS n, SUM(LENGTH(data)) AS bytes FROM consent_snapshots",
  ).then((rows) => rows.map((r) => ({ n: Number(r.n), bytes: Number(r.bytes) })));
  log(
    `import: ${result.recorded.toLocaleString("en-US")} events; read+validate+hash ${secs(tRead)}, record ${secs(tRecord)} ` +
      `(${snaps.n} snapshots, ${(snaps.bytes / 2 ** 20).toFixed(1)} MiB)`,
  );

  // 20 random as-of times over the whole range (and a little before and after)
  const qrandom = rngUnit(11);
  const times = Array.from({ length: QUERIES }, () =>
    Math.floor(FROM - 90 * 86_400_000 + qrandom() * (TO - FROM + 180 * 86_400_000)),
  );
  const fast = [];
  const answers = [];
  for (const t of times) {
    const s = performance.now();
    const bitmap = await registry.asOf(PURPOSE, kst(t));
    fast.push(performance.now() - s);
    answers.push(bitmap);
  }
  log(
    `asOf: p50 ${ms(pct(fast, 0.5))}, max ${ms(Math.max(...fast))}; sizes ${answers.map((b) => b.size).join(" ")}`,
  );

  const naiveSql = `SELECT subject FROM (
         SELECT subject, granted, ROW_NUMBER() OVER (PARTITION BY subject ORDER BY at DESC, id DESC) AS rn
         FROM consent_events
         WHERE purpose = (SELECT id FROM consent_purposes WHERE name = ?) AND at <= ?
       ) latest WHERE rn = 1 AND granted = 1`;
  const naive = [];
  for (let q = 0; q < Math.min(NAIVE_QUERIES, times.length); q++) {
    const s = performance.now();
    const rows = await sql(store, naiveSql, [PURPOSE, times[q]]);
    const bitmap = new roaring.RoaringBitmap32(rows.map((r) => Number(r.subject)));
    naive.push(performance.now() - s);
    if (!bitmap.isEqual(answers[q])) throw new Error(`asOf and the naive query differ at query ${q}`);
  }
  log(
    `naive: p50 ${ms(pct(naive, 0.5))}, max ${ms(Math.max(...naive))} (${naive.length} queries, same answers)`,
  );

  // a late correction: one withdrawal dated in 2019 invalidates nearly every snapshot
  t0 = performance.now();
  await registry.withdraw(key(0), PURPOSE, { at: kst(FROM + 30 * 86_400_000), source: "bench" }, now);
  const tLate = performance.now() - t0;
  const after = [];
  for (const t of times.slice(0, 5)) {
    const s = performance.now();
    await registry.asOf(PURPOSE, kst(t));
    after.push(performance.now() - s);
  }
  log(
    `late event: recorded with snapshot rebuild in ${ms(tLate)}; asOf after it max ${ms(Math.max(...after))}`,
  );

  let dbBytes;
  if (store.dialect === "sqlite") {
    store.database.db.pragma("wal_checkpoint(TRUNCATE)");
    dbBytes = statSync(join(dir, ".jikimi", "state.db")).size;
  } else dbBytes = Number((await sql(store, "SELECT pg_database_size(current_database()) AS n"))[0].n);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  log(`${store.dialect} ${(dbBytes / 2 ** 20).toFixed(0)} MiB, peak RSS ${rssMb.toFixed(0)} MiB`);
  log("");
  log(`| operation | n | p50 | max / total | notes |`);
  log(`|---|---:|---:|---:|---|`);
  log(
    `| import: read + validate + hash (CSV) | ${rows.toLocaleString("en-US")} rows | | ${secs(tRead)} | streamed; a plain check per row, zod for what it refuses |`,
  );
  log(
    `| import: record (dictionary, insert, snapshots) | ${rows.toLocaleString("en-US")} rows | | ${secs(tRecord)} | one transaction, ${snaps.n} snapshots |`,
  );
  log(`| asOf (snapshot + replay) | ${fast.length} | ${ms(pct(fast, 0.5))} | ${ms(Math.max(...fast))} | |`);
  log(
    `| naive: window function + bitmap | ${naive.length} | ${ms(pct(naive, 0.5))} | ${ms(Math.max(...naive))} | same bitmaps |`,
  );
  log(`| late withdrawal (rebuilds snapshots) | 1 | | ${ms(tLate)} | dated 2019-01-31 |`);
  log("");
  log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (admin) {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}
