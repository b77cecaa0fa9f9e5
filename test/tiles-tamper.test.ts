// the tamper suite, published: every attack of test/ledger-tamper.test.ts (every column of every table, rows
// deleted, copied in, reordered) is run through `ledger publish` and then `verify log`; the verdict must be the
// database verify's (publish refuses a ledger that does not verify, and writes nothing). Then an insider who
// publishes by hand, without the database verify, with the honest checkpoint or with the signing key: every
// change to what is published (entry bodies, leaf hashes) fails verifyTiles on its own, or against the
// checkpoint a regulator kept; what is not published (ledger_heads, the other tables) changes no published byte.
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { consentCheck } from "../src/engine/consent-commitment.js";
import { Ledger } from "../src/ledger/ledger.js";
import { computeRoot } from "../src/ledger/merkle/index.js";
import { checkpointText } from "../src/ledger/note/checkpoint.js";
import { logNoteSigner, logVkey } from "../src/ledger/note/log-key.js";
import { signNote } from "../src/ledger/note/signed-note.js";
import { SubjectDictionary } from "../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../src/ledger/subjects/subject-hasher.js";
import {
  bundlesOf,
  encodeBundle,
  hashTiles,
  ledgerLogSource,
  prunedMarker,
  publishLedger,
  type TileStore,
  tilePath,
  verifyTiles,
  writeTiles,
} from "../src/ledger/tiles/index.js";
import { type VerifyReport, verifyLedger } from "../src/ledger/verify.js";
import { storesOver } from "./support/ledger.js";
import { ledgerHistory, WITNESS_VKEYS } from "./support/ledger-history.js";
import { type Attack, attackApplies, attacks, tables } from "./support/tamper.js";

const ORIGIN = "ledger.test.example/nsf";
type Files = Map<string, Uint8Array>;

// one history, built at collection (the tests are made from its schema), kept as a database image
const history = await ledgerHistory();
const trusted = history.trusted;
const signingKey = history.keyring.active("ledger-signing");
const subjectKey = history.keyring.active("ledger-subjects");
const signer = logNoteSigner(signingKey, ORIGIN);
const vkey = logVkey(signingKey.public ?? "", ORIGIN);
history.db.pragma("journal_mode = DELETE");
const image: Buffer = history.db.serialize();
await history.cleanup();

const fresh = () => new Database(image);
const ledgerOf = (db: Database.Database) =>
  new Ledger({
    store: storesOver(db).ledger,
    subjects: new SubjectDictionary(),
    hasher: nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64")),
    log: "Test Pay Co., Ltd.",
  });
const cleanDb = fresh();
const cleanNote = await ledgerOf(cleanDb).checkpointNote(ORIGIN, signer);
const cleanSize = await ledgerOf(cleanDb).size();
cleanDb.close();

/** A TileStore in memory (the folder store's contract, without the disk). */
function memoryStore(): TileStore & { files: Files } {
  const files: Files = new Map();
  return {
    files,
    where: (path) => `memory:${path}`,
    read: async (path, limit) => files.get(path)?.subarray(0, limit + 1),
    write: async (path, bytes) => {
      files.set(path, new Uint8Array(bytes));
    },
    remove: async (path) => {
      let found = false;
      for (const k of [...files.keys()])
        if (k === path || k.startsWith(`${path}/`)) found = files.delete(k) || found;
      return found;
    },
    flush: async () => {},
  };
}

function identical(a: Files, b: Files): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!Buffer.from(v).equals(Buffer.from(b.get(k) ?? []))) return false;
  return true;
}

/** `ledger publish` as the CLI runs it, into memory; the database verify's report comes back with it. */
async function gatedPublish(db: Database.Database) {
  let report: VerifyReport | undefined;
  const store = memoryStore();
  const stores = storesOver(db);
  const outcome = await publishLedger({
    ledger: stores.ledger,
    store,
    verify: async () => {
      report = await verifyLedger(stores.ledger, trusted, {
        consent: consentCheck(stores.consent),
        witnesses: WITNESS_VKEYS,
      });
      return report;
    },
    checkpoint: () => ledgerOf(db).checkpointNote(ORIGIN, signer),
  }).catch((e: Error) => e);
  return { outcome, store, report };
}

/**
 * An insider's own publisher: the rows of ledger_entries as stored, in seq order (the first `size`, or all),
 * as tiles and bundles; with `note`, or with a checkpoint they sign over what they publish.
 */
function byHand(db: Database.Database, note: string | "sign"): Files {
  const rows = db.prepare("SELECT body, leaf_hash FROM ledger_entries ORDER BY seq").all() as {
    body: string;
    leaf_hash: Buffer;
  }[];
  const size = note === "sign" ? rows.length : cleanSize;
  const leaves = new Uint8Array(size * 32);
  const entries: Uint8Array[] = [];
  for (let i = 0; i < size; i++) {
    const row = rows[i];
    const leaf = Buffer.alloc(32);
    Buffer.from(row?.leaf_hash ?? []).copy(leaf);
    leaves.set(leaf, i * 32);
    entries.push(
      !row ? new Uint8Array(0) : row.body === "" ? prunedMarker(i, leaf) : Buffer.from(String(row.body)),
    );
  }
  const files: Files = new Map();
  for (const t of hashTiles(leaves, size)) files.set(tilePath(t), t.bytes);
  for (const b of bundlesOf(size))
    files.set(
      tilePath(b),
      encodeBundle(entries.slice(b.index * 256, b.index * 256 + b.width), b.index * 256),
    );
  const signed =
    note === "sign"
      ? signNote(
          checkpointText({
            origin: ORIGIN,
            size,
            root: computeRoot(Array.from({ length: size }, (_, i) => leaves.subarray(i * 32, i * 32 + 32))),
            extensions: [],
          }),
          [signer],
        )
      : note;
  files.set("checkpoint", Buffer.from(signed));
  return files;
}

const reader = (files: Files) => ({
  where: (path: string) => `memory:${path}`,
  read: async (path: string, limit: number) => files.get(path)?.subarray(0, limit + 1),
});

/** Runs `check` on a fresh copy of the image with the attack applied; false when the schema refused the edit. */
async function underAttack(
  attack: Attack,
  check: (db: Database.Database) => Promise<void>,
): Promise<boolean> {
  const db = fresh();
  try {
    const changed = attackApplies(attack, db);
    if (changed) await check(db);
    return changed;
  } finally {
    db.close();
  }
}

describe("publish then verify the tiles: the database verify's verdict, on every attack of the tamper suite", () => {
  const all = (() => {
    const db = fresh();
    const names = tables(db);
    db.close();
    return names;
  })();

  it("publishes the clean history, which verifies from its tiles alone", async () => {
    const db = fresh();
    const { outcome, store, report } = await gatedPublish(db);
    db.close();
    expect(report?.problems).toEqual([]);
    expect(outcome).toMatchObject({ published: true });
    const tiles = await verifyTiles(store, [vkey]);
    expect(tiles.problems).toEqual([]);
    expect(identical(store.files, byHand(fresh(), cleanNote))).toBe(true);
    expect(all.length).toBeGreaterThan(10);
  });

  for (const table of all)
    it(`${table}: publish refuses exactly what the database verify fails, and writes nothing then`, async () => {
      const differ: string[] = [];
      const wrote: string[] = [];
      let applied = 0;
      const list = attacks(table, fresh);
      for (const attack of list)
        if (
          await underAttack(attack, async (db) => {
            const { outcome, store, report } = await gatedPublish(db);
            const published = !(outcome instanceof Error) && outcome.published;
            const tilesOk = published && (await verifyTiles(store, [vkey])).ok;
            if (tilesOk !== report?.ok)
              differ.push(`${attack.what}: database ${report?.ok}, tiles ${tilesOk}`);
            if (!published && store.files.size > 0) wrote.push(attack.what);
          })
        )
          applied++;
      // an empty table (check_runs here) has nothing to change, delete or copy
      if (list.length > 0) expect(applied).toBeGreaterThan(0);
      expect(differ).toEqual([]);
      expect(wrote).toEqual([]);
    });
});

describe("an insider publishing by hand, without the database verify", () => {
  const clean = byHand(fresh(), cleanNote);
  const published = [
    ...attacks("ledger_entries", fresh, ["body", "leaf_hash"]),
    ...attacks("ledger_heads", fresh),
  ];

  it("with the honest checkpoint: every change to bodies and leaf hashes fails verifyTiles; heads publish nothing", async () => {
    const passed: string[] = [];
    const unseen: string[] = [];
    const headsLeaked: string[] = [];
    const writerLetThrough: string[] = [];
    for (const attack of published)
      await underAttack(attack, async (db) => {
        const files = byHand(db, cleanNote);
        const same = identical(files, clean);
        const ok = (await verifyTiles(reader(files), [vkey])).ok;
        if (!same && ok) passed.push(attack.what);
        if (/^ledger_entries\.(body|leaf_hash) /.test(attack.what) && same) unseen.push(attack.what);
        if (attack.what.startsWith("ledger_heads") && !same) headsLeaked.push(attack.what);
        // the low-level writer refuses what does not give the checkpoint's root, or writes what fails to verify
        const store = memoryStore();
        const wrote = await storesOver(db)
          .ledger.read((tx) => writeTiles(store, ledgerLogSource(tx), cleanNote))
          .then(
            () => true,
            () => false,
          );
        if (wrote && !identical(store.files, clean) && (await verifyTiles(store, [vkey])).ok)
          writerLetThrough.push(attack.what);
      });
    expect(published.filter((a) => a.column === "body").length).toBeGreaterThan(70);
    expect(passed).toEqual([]);
    expect(unseen).toEqual([]);
    expect(headsLeaked).toEqual([]);
    expect(writerLetThrough).toEqual([]);
  });

  it("with the signing key: a changed body fails on its own, and any change fails against the kept checkpoint", async () => {
    const passedAgainst: string[] = [];
    const bodyPassed: string[] = [];
    for (const attack of published.filter((a) => a.what.startsWith("ledger_entries")))
      await underAttack(attack, async (db) => {
        const files = byHand(db, "sign");
        if (identical(files, clean)) return;
        if ((await verifyTiles(reader(files), [vkey], { against: cleanNote })).ok)
          passedAgainst.push(attack.what);
        if (attack.column === "body" && (await verifyTiles(reader(files), [vkey])).ok)
          bodyPassed.push(attack.what);
      });
    expect(passedAgainst).toEqual([]);
    expect(bodyPassed).toEqual([]);
  });
});
