// the log as static tiles (c2sp.org/tlog-tiles): (a) the size of a published log per million entries (hash tiles
// written for 1 M synthetic leaves; entry bundles of realistic release bodies, measured on a real ledger and
// scaled), and (b) the time to publish a real ledger of 2,300 releases into an empty folder, then one more entry,
// each against the database verify it starts with (the baseline, same process).
// usage: npm run build && node bench/tiles.mjs [--leaves 1000000] [--releases 2300] [--subjects 100000]
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import roaring from "roaring";
import {
  fastSubjectHasher,
  initKeyring,
  Ledger,
  openStateStore,
  SubjectDictionary,
  scopeDigest,
  signerFrom,
  verifyLedger,
} from "../dist/index.js";
import { leafHash } from "../dist/ledger/merkle/index.js";
import { logNoteSigner, logVkey } from "../dist/ledger/note/log-key.js";
import {
  folderStore,
  hashTiles,
  ledgerLogSource,
  publishLedger,
  tilePath,
  verifyTiles,
  writeTiles,
} from "../dist/ledger/tiles/index.js";

const { RoaringBitmap32 } = roaring;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LEAVES = arg("leaves", 1_000_000);
const R = arg("releases", 2300);
const N = arg("subjects", 100_000);
const ORIGIN = "ledger.bench.example/nsf";
const rows = [];
const row = (what, value, note = "") => {
  rows.push([what, value, note]);
  process.stderr.write(`${what}: ${value}\n`);
};
const ms = (t) => performance.now() - t;
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Bytes and files under `dir`, and bytes of the files whose path matches `match`. */
function usage(dir, match = () => true) {
  let bytes = 0;
  let files = 0;
  let blocks = 0;
  for (const name of readdirSync(dir, { recursive: true })) {
    const s = statSync(join(dir, name));
    if (!s.isFile() || !match(String(name))) continue;
    bytes += s.size;
    blocks += s.blocks * 512;
    files++;
  }
  return { bytes, files, blocks };
}

const dir = await mkdtemp(join(tmpdir(), "jikimi-bench-tiles-"));
try {
  // (a) hash tiles of 1 M synthetic leaves, written as the publisher writes them (atomic, fsync)
  const leaves = new Uint8Array(LEAVES * 32);
  for (let i = 0; i < LEAVES; i++) leaves.set(leafHash(Buffer.from(`entry ${i}`)), i * 32);
  let t = performance.now();
  const tiles = hashTiles(leaves, LEAVES);
  const hashMs = ms(t);
  const synthetic = folderStore(join(dir, "synthetic"));
  t = performance.now();
  for (const tile of tiles) await synthetic.write(tilePath(tile), tile.bytes);
  await synthetic.flush();
  const writeMs = ms(t);
  const hashUse = usage(join(dir, "synthetic"));
  const perMillion = 1e6 / LEAVES;
  row(
    `hash tiles of ${LEAVES.toLocaleString("en-US")} leaves`,
    `${mb(hashUse.bytes * perMillion)} per million entries (${hashUse.files.toLocaleString("en-US")} files, ${mb(hashUse.blocks * perMillion)} on disk)`,
    `${(hashUse.bytes / LEAVES).toFixed(1)} bytes per entry`,
  );
  row("compute the hash tiles", `${(hashMs / 1000).toFixed(2)} s`);
  row("write them (temp file, fsync, rename each)", `${(writeMs / 1000).toFixed(2)} s`);
  rmSync(join(dir, "synthetic"), { recursive: true, force: true });

  // (b) a real ledger of R releases with realistic bodies (scope, consent commitment, files), daily, two feeds
  const ring = initKeyring(join(dir, "bench.keyring"), new Date());
  const subjectKey = ring.active("ledger-subjects");
  const signingKey = ring.active("ledger-signing");
  const hasher = fastSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64"));
  const store = await openStateStore({ dialect: "sqlite", file: join(dir, "ws", ".jikimi", "state.db") });
  const dictionary = new SubjectDictionary();
  const ledger = new Ledger({
    store: store.ledger,
    subjects: dictionary,
    hasher,
    signer: signerFrom(signingKey),
    log: "Bench Pay",
  });
  await store.ledger.write((tx) =>
    dictionary.assign(tx, hasher.hashMany(Array.from({ length: N }, (_, i) => `HB${i}`)), N, true),
  );
  const whole = new RoaringBitmap32();
  whole.addRange(0, N);
  const half = new RoaringBitmap32();
  half.addRange(0, N / 2);
  const scope = {
    phase: { name: "scoring", from: "2018-04-01", model_building: false },
    where: 'appstore_linked == true && customer_status in ["active", "dormant"]',
  };
  // digests look like digests (random), so compression is measured on realistic bytes
  const hex = (i) => createHash("sha256").update(String(i)).digest("hex");
  const meta = (agreement, day, count) => {
    const at = new Date(Date.UTC(2018, 3, 1) + day * 86_400_000).toISOString();
    return {
      released_at: at,
      agreement: { id: agreement, version: 3, digest: hex(7) },
      recipient: { id: "orbit-pay-sg", name: "Orbit Payments Pte. Ltd.", country: "SG" },
      legal_basis: "consent",
      purposes: ["nsf-scoring"],
      fields: [
        {
          name: "customer_id",
          transform: "pseudonym",
          key_id: "master-1/3f9a2c",
          categories: ["user.unique_id.account"],
        },
        { name: "balance", transform: "generalise", categories: ["user.financial.balance"] },
        { name: "nsf_count_90d", transform: "keep", categories: ["user.financial.credit"] },
        { name: "birth_year", transform: "generalise", categories: ["user.demographic.age"] },
      ],
      records: count,
      files: [{ name: `${agreement}-${at.slice(0, 10)}.csv`, bytes: count * 48, sha256: hex(day) }],
      scope: { ...scope, digest: scopeDigest(scope) },
      consent: {
        purpose: "nsf-provision-overseas",
        as_of: at,
        events: 1000 + day,
        head: hex(day + 1),
        count,
        digest: hex(day + 2),
      },
      operator: "batch@hanbitpay.example",
      channel: "gateway",
    };
  };
  t = performance.now();
  for (let r = 0; r < R; r++) {
    const day = Math.floor(r / 2);
    const set = r % 2 === 0 ? whole : half;
    await ledger.appendIndexed(
      meta(r % 2 === 0 ? "credit-feed-all" : "credit-feed-scoped", day, set.size),
      set,
      new Date(Date.UTC(2018, 3, 1) + day * 86_400_000 + 3_600_000),
    );
  }
  process.stderr.write(`built a ledger of ${R} releases in ${(ms(t) / 1000).toFixed(1)} s\n`);

  const trusted = new Map([[signingKey.id, signingKey.public]]);
  const signer = logNoteSigner(signingKey, ORIGIN);
  const out = join(dir, "public");
  const publish = async () => {
    let verifyMs = 0;
    const s = performance.now();
    const outcome = await publishLedger({
      ledger: store.ledger,
      store: folderStore(out),
      verify: async () => {
        const v = performance.now();
        const report = await verifyLedger(store.ledger, trusted);
        verifyMs = ms(v);
        return report;
      },
      checkpoint: () => ledger.checkpointNote(ORIGIN, signer),
    });
    if (!outcome.published) throw new Error(JSON.stringify(outcome.report.problems.slice(0, 3)));
    return { total: ms(s), verifyMs, result: outcome.result };
  };

  const first = await publish();
  const bundles = usage(out, (p) => p.startsWith("tile/entries/"));
  const tileUse = usage(out, (p) => p.startsWith("tile/") && !p.startsWith("tile/entries/"));
  let gz = 0;
  for (const name of readdirSync(join(out, "tile", "entries"), { recursive: true })) {
    const file = join(out, "tile", "entries", String(name));
    if (statSync(file).isFile()) gz += gzipSync(readFileSync(file)).length;
  }
  const entries = first.result.size;
  row(
    `entry bundles of ${entries.toLocaleString("en-US")} release bodies`,
    `${mb((bundles.bytes * 1e6) / entries)} per million entries (${gz ? mb((gz * 1e6) / entries) : "?"} gzip-compressed)`,
    `${(bundles.bytes / entries).toFixed(0)} bytes per entry`,
  );
  row(
    `hash tiles of the ${entries.toLocaleString("en-US")}-entry ledger`,
    `${tileUse.bytes.toLocaleString("en-US")} bytes`,
  );
  row(
    `publish ${entries.toLocaleString("en-US")} entries into an empty folder (database verify + tiles)`,
    `${(first.total / 1000).toFixed(2)} s`,
    `database verify ${(first.verifyMs / 1000).toFixed(2)} s; tiles ${((first.total - first.verifyMs) / 1000).toFixed(2)} s (${((first.total - first.verifyMs) / first.verifyMs).toFixed(2)}x the verify); ${first.result.tiles} tiles, ${first.result.bundles} bundles, ${mb(first.result.bytes)}`,
  );

  await ledger.appendIndexed(
    meta("credit-feed-all", R, whole.size),
    whole,
    new Date(Date.UTC(2018, 3, 1) + R * 86_400_000),
  );
  const next = await publish();
  row(
    "publish one more entry (incremental)",
    `${(next.total / 1000).toFixed(2)} s`,
    `database verify ${(next.verifyMs / 1000).toFixed(2)} s; tiles ${((next.total - next.verifyMs) / 1000).toFixed(2)} s; ${next.result.unchanged} full tiles and bundles left as they were, ${mb(next.result.bytes)} written`,
  );
  t = performance.now();
  const report = await verifyTiles(folderStore(out), [logVkey(signingKey.public, ORIGIN)]);
  row(
    `\`verify log\` of the ${report.size.toLocaleString("en-US")}-entry folder (public material only)`,
    `${(ms(t) / 1000).toFixed(2)} s (${report.ok ? "ok" : "FAILED"})`,
  );
  t = performance.now();
  const note = await ledger.checkpointNote(ORIGIN, signer);
  await store.ledger.read((tx) => writeTiles(folderStore(join(dir, "again")), ledgerLogSource(tx), note));
  row("write the tiles alone, into an empty folder (no database verify)", `${(ms(t) / 1000).toFixed(2)} s`);
  await store.close();

  process.stdout.write(
    `\n| measure (${LEAVES.toLocaleString("en-US")} synthetic leaves; ${R} releases over ${N.toLocaleString("en-US")} subjects) | result | note |\n| --- | --- | --- |\n`,
  );
  for (const [a, b, c] of rows) process.stdout.write(`| ${a} | ${b} | ${c} |\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
