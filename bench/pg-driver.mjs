// the PostgreSQL store's driver choice, measured: postgres.js (`postgres`) against `pg` + `pg-copy-streams` on
// the ledger's bulk paths, in the same run, on the same server: 500 KB bytea rows (roaring subject sets) written
// and read back, 4,000,000 (subject, seq) pairs by COPY and by one INSERT ... SELECT unnest(...) per batch, and
// point selects by primary key (p50/p99); and what a COPY the server rejects does to the caller.
// usage: eval "$(scripts/pg-cluster.sh start)"; node bench/pg-driver.mjs [--url URL] [--blobs 2000] [--pairs 4000000]
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import copyStreams from "pg-copy-streams";
import postgres from "postgres";
import { rng } from "./support.mjs";

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const URL_ = arg("url", process.env.JIKIMI_TEST_DATABASE_URL);
if (!URL_) {
  console.error("set JIKIMI_TEST_DATABASE_URL (scripts/pg-cluster.sh start) or pass --url");
  process.exit(2);
}
const BLOBS = Number(arg("blobs", 2000));
const BLOB_BYTES = 500 * 1024;
const PAIRS = Number(arg("pairs", 4_000_000));
const BATCH = 100_000; // pairs per INSERT ... unnest statement
const POINTS = 1000;
const ENTRIES = 10_000;

// 16 distinct random blobs, cycled: incompressible, like roaring containers of random subjects
const next = rng(7);
const blobs = Array.from({ length: 16 }, () => {
  const b = Buffer.alloc(BLOB_BYTES);
  for (let i = 0; i < b.length; i += 4) b.writeUInt32LE(next(), i);
  return b;
});
// releases of 10,000 distinct subjects each out of 40M, in random order: the per-subject index of the ledger
const subjects = new Int32Array(PAIRS);
const seqs = new Int32Array(PAIRS);
for (let i = 0; i < PAIRS; i++) {
  subjects[i] = (i % 10_000) * 4000 + (next() % 4000);
  seqs[i] = Math.floor(i / 10_000);
}

function* copyText() {
  const lines = [];
  for (let i = 0; i < PAIRS; i++) {
    lines.push(`${subjects[i]}\t${seqs[i]}\n`);
    if (lines.length === 20_000) yield lines.splice(0).join("");
  }
  if (lines.length > 0) yield lines.join("");
}

function batches() {
  const out = [];
  for (let i = 0; i < PAIRS; i += BATCH)
    out.push([Array.from(subjects.subarray(i, i + BATCH)), Array.from(seqs.subarray(i, i + BATCH))]);
  return out;
}

const SETUP = `
  drop table if exists bench_blobs, bench_pairs, bench_entries;
  create table bench_blobs (seq bigint primary key, data bytea not null);
  alter table bench_blobs alter column data set storage external;
  create table bench_pairs (subject bigint not null, seq bigint not null, primary key (subject, seq));
  create table bench_entries (seq bigint primary key, body text not null, leaf_hash bytea not null);
  insert into bench_entries select g, repeat('x', 900), sha256(int8send(g)) from generate_series(0, ${ENTRIES - 1}) g;
  analyze bench_entries;
`;

async function timed(fn) {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The same cases through each driver's own API. */
const drivers = {
  "postgres.js": {
    async open() {
      const sql = postgres(URL_, { max: 1, onnotice: () => {} });
      return {
        setup: () => sql.unsafe(SETUP).simple(),
        truncatePairs: () => sql`truncate bench_pairs`,
        insertBlob: (seq, data) => sql`insert into bench_blobs (seq, data) values (${seq}, ${data})`,
        readBlob: async (seq) => (await sql`select data from bench_blobs where seq = ${seq}`)[0].data,
        copyPairs: async () =>
          pipeline(
            Readable.from(copyText()),
            await sql`copy bench_pairs (subject, seq) from stdin`.writable(),
          ),
        unnestPairs: (s, q) =>
          sql`insert into bench_pairs (subject, seq) select * from unnest(${sql.array(s, 20)}::bigint[], ${sql.array(q, 20)}::bigint[])`,
        point: async (seq) =>
          (await sql`select seq, body, leaf_hash from bench_entries where seq = ${seq}`)[0],
        copyDuplicate: async () =>
          pipeline(
            Readable.from(["1\t1\n1\t1\n"]),
            await sql`copy bench_pairs (subject, seq) from stdin`.writable(),
          ),
        close: () => sql.end({ timeout: 0 }),
      };
    },
  },
  "pg + pg-copy-streams": {
    async open() {
      const client = new pg.Client({ connectionString: URL_ });
      await client.connect();
      return {
        setup: () => client.query(SETUP),
        truncatePairs: () => client.query("truncate bench_pairs"),
        insertBlob: (seq, data) =>
          client.query({
            name: "blob_in",
            text: "insert into bench_blobs (seq, data) values ($1, $2)",
            values: [seq, data],
          }),
        readBlob: async (seq) =>
          (
            await client.query({
              name: "blob_out",
              text: "select data from bench_blobs where seq = $1",
              values: [seq],
            })
          ).rows[0].data,
        copyPairs: () =>
          pipeline(
            Readable.from(copyText()),
            client.query(copyStreams.from("copy bench_pairs (subject, seq) from stdin")),
          ),
        unnestPairs: (s, q) =>
          client.query({
            name: "pairs_in",
            text: "insert into bench_pairs (subject, seq) select * from unnest($1::bigint[], $2::bigint[])",
            values: [s, q],
          }),
        point: async (seq) =>
          (
            await client.query({
              name: "point",
              text: "select seq, body, leaf_hash from bench_entries where seq = $1",
              values: [seq],
            })
          ).rows[0],
        copyDuplicate: () =>
          pipeline(
            Readable.from(["1\t1\n1\t1\n"]),
            client.query(copyStreams.from("copy bench_pairs (subject, seq) from stdin")),
          ),
        close: () => client.end(),
      };
    },
  },
};

const results = [];
const pairBatches = batches();
const MB = (BLOBS * BLOB_BYTES) / 1024 / 1024;
for (const [name, driver] of Object.entries(drivers)) {
  const db = await driver.open();
  await db.setup();
  const row = { driver: name };

  row.blobWrite = await timed(async () => {
    for (let i = 0; i < BLOBS; i++) await db.insertBlob(i, blobs[i % blobs.length]);
  });
  row.blobRead = await timed(async () => {
    for (let i = 0; i < BLOBS; i++) {
      const data = await db.readBlob(i);
      if (!Buffer.isBuffer(data) || !data.equals(blobs[i % blobs.length]))
        throw new Error(`${name}: blob ${i} differs`);
    }
  });
  row.copy = await timed(() => db.copyPairs());
  await db.truncatePairs();
  row.unnest = await timed(async () => {
    for (const [s, q] of pairBatches) await db.unnestPairs(s, q);
  });

  const pick = rng(3);
  for (let i = 0; i < 100; i++) await db.point(pick() % ENTRIES); // warm: prepared statements, cache
  const lat = [];
  for (let i = 0; i < POINTS; i++) {
    const seq = pick() % ENTRIES;
    const t = performance.now();
    const r = await db.point(seq);
    lat.push(performance.now() - t);
    if (Number(r.seq) !== seq) throw new Error(`${name}: point select returned the wrong row`);
  }
  lat.sort((a, b) => a - b);
  row.p50 = quantile(lat, 0.5);
  row.p99 = quantile(lat, 0.99);

  // a COPY the server rejects (a duplicate key) must reject the caller's promise, not leave it waiting
  await db.truncatePairs();
  const outcome = await Promise.race([
    db.copyDuplicate().then(
      () => "resolved (wrong)",
      (err) => `rejects (${err.code ?? err.message})`,
    ),
    new Promise((resolve) => setTimeout(() => resolve("hangs (no settle in 10 s)"), 10_000).unref()),
  ]);
  row.copyError = outcome;
  await db.close();
  results.push(row);
  console.error(`${name} done`);
}

const f = (n, d = 1) => n.toFixed(d);
console.log(
  `| driver | ${BLOBS} x 500 KB bytea insert | read back | ${PAIRS.toLocaleString("en-US")} pairs COPY | INSERT unnest (${BATCH.toLocaleString("en-US")}/stmt) | point select p50 | p99 | COPY rejected by the server |`,
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
for (const r of results)
  console.log(
    `| ${r.driver} | ${f(r.blobWrite)} s (${f(MB / r.blobWrite, 0)} MB/s) | ${f(r.blobRead)} s (${f(MB / r.blobRead, 0)} MB/s) | ${f(r.copy)} s | ${f(r.unnest)} s | ${f(r.p50, 3)} ms | ${f(r.p99, 3)} ms | ${r.copyError} |`,
  );
