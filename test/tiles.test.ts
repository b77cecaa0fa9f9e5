// the log as static tiles (c2sp.org/tlog-tiles): paths as the spec spells them, publish and verify round trips on
// real ledgers (releases, a prune), incremental publishing that leaves full tiles alone, refusals that write
// nothing, any changed byte failing the verifier, and a verifier reading over HTTP.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { consentCheck } from "../src/engine/consent-commitment.js";
import { computeRoot, HashList, leafHash, MerkleTree } from "../src/ledger/merkle/index.js";
import { checkpointText } from "../src/ledger/note/checkpoint.js";
import { logNoteSigner, logVkey } from "../src/ledger/note/log-key.js";
import { signerFromSeed, signNote, vkeyOf } from "../src/ledger/note/signed-note.js";
import { retentionOf } from "../src/ledger/retention.js";
import {
  bundlesOf,
  decodeBundle,
  folderStore,
  hashTiles,
  hashTilesOf,
  httpReader,
  indexPath,
  type LogSource,
  ledgerLogSource,
  markerLeaf,
  publishLedger,
  type TileReader,
  type TileStore,
  tilePath,
  verifyTiles,
  writeTiles,
} from "../src/ledger/tiles/index.js";
import { verifyLedger } from "../src/ledger/verify.js";
import { tempDir } from "./support/cli.js";
import { customers, range, release, type TestLedger, testLedger } from "./support/ledger.js";
import { ledgerHistory } from "./support/ledger-history.js";

const ORIGIN = "ledger.test.example/nsf";
const DAY = 86_400_000;
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

type Published = TestLedger & { vkey: string; note: () => Promise<string> };

async function history(releases: number, seed = 7): Promise<Published> {
  const h = await ledgerHistory({ releases, seed });
  cleanups.push(h.cleanup);
  const key = h.keyring.active("ledger-signing");
  const signer = logNoteSigner(key, ORIGIN);
  return {
    ...h,
    vkey: logVkey(key.public ?? "", ORIGIN),
    note: () => h.ledger.checkpointNote(ORIGIN, signer),
  };
}

function folder(): string {
  const { dir, cleanup } = tempDir("jikimi-tiles-");
  cleanups.push(cleanup);
  return dir;
}

/** `ledger publish` as the CLI runs it: the database verify first, then the tiles. */
function publish(h: Published, dir: string) {
  return publishLedger({
    ledger: h.state.ledger,
    store: folderStore(dir),
    verify: () => verifyLedger(h.state.ledger, h.trusted, { consent: consentCheck(h.state.consent) }),
    checkpoint: h.note,
  });
}

/** writeTiles over the ledger as stored, in one read. */
function writeFrom(h: TestLedger, store: TileStore, note: string) {
  return h.state.ledger.read((tx) => writeTiles(store, ledgerLogSource(tx), note));
}

async function published(h: Published, dir: string) {
  const out = await publish(h, dir);
  if (!out.published) throw new Error(JSON.stringify(out.report.problems));
  return out.result;
}

/** Every file under `dir`, by path relative to it. */
function files(dir: string, sub = ""): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of files(dir, rel)) out.set(k, v);
    else out.set(rel, readFileSync(join(dir, rel)));
  }
  return out;
}

/** Appends `count` releases of a new agreement, daily from 2026. */
async function appendMore(h: TestLedger, count: number, from = 0): Promise<void> {
  const base = Date.UTC(2026, 0, 1, 2);
  for (let i = from; i < from + count; i++) {
    const at = new Date(base + i * DAY);
    await h.ledger.append(
      release("extra-feed", at.toISOString().slice(0, 10)),
      customers(range(i % 50, (i % 50) + 4)),
      new Date(at.getTime() + 3_600_000),
    );
  }
}

function memoryReader(map: ReadonlyMap<string, Uint8Array>): TileReader {
  return {
    where: (path) => `memory:${path}`,
    read: async (path, limit) => map.get(path)?.subarray(0, limit + 1),
  };
}

describe("tile paths (c2sp.org/tlog-tiles)", () => {
  it("encodes indexes in x-prefixed 3-digit groups, and partial tiles with .p/<W>", () => {
    expect(indexPath(1234067)).toBe("x001/x234/067");
    expect(indexPath(0)).toBe("000");
    expect(indexPath(999)).toBe("999");
    expect(indexPath(1000)).toBe("x001/000");
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe("tile/0/x001/x234/067");
    expect(tilePath({ level: 2, index: 5, width: 17 })).toBe("tile/2/005.p/17");
    expect(tilePath({ level: "entries", index: 1, width: 112 })).toBe("tile/entries/001.p/112");
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow();
    expect(() => indexPath(-1)).toThrow();
  });

  it("makes a tree of 70,000 the spec's tiles, and a tree of 256 one full tile and a partial one above", () => {
    const tiles = hashTilesOf(70_000);
    const level = (l: number) => tiles.filter((t) => t.level === l);
    expect(level(0).filter((t) => t.width === 256)).toHaveLength(273);
    expect(level(0).filter((t) => t.width < 256)).toEqual([{ level: 0, index: 273, width: 112 }]);
    expect(level(1)).toEqual([
      { level: 1, index: 0, width: 256 },
      { level: 1, index: 1, width: 17 },
    ]);
    expect(level(2)).toEqual([{ level: 2, index: 0, width: 1 }]);
    expect(tiles).toHaveLength(273 + 1 + 2 + 1);
    expect(hashTilesOf(256)).toEqual([
      { level: 0, index: 0, width: 256 },
      { level: 1, index: 0, width: 1 },
    ]);
    expect(hashTilesOf(0)).toEqual([]);
    expect(bundlesOf(70_000).map(tilePath).slice(-2)).toEqual(["tile/entries/272", "tile/entries/273.p/112"]);
  });

  it("computes each hash above level 0 as the Merkle tree hash of the full tile below", () => {
    const size = 256 * 256 + 300;
    const leaves = new Uint8Array(size * 32);
    const list: Uint8Array[] = [];
    for (let i = 0; i < size; i++) {
      const h = leafHash(Buffer.from(`entry ${i}`));
      leaves.set(h, i * 32);
      list.push(h);
    }
    const tiles = hashTiles(leaves, size);
    const get = (level: number, index: number) => tiles.find((t) => t.level === level && t.index === index);
    expect(
      Buffer.from(get(1, 0)?.bytes.subarray(32, 64) ?? []).equals(computeRoot(list.slice(256, 512))),
    ).toBe(true);
    // the one level-2 hash is the root of the first 65,536 leaves, computed by the merkle module
    const tree = MerkleTree.over(HashList.of(list));
    expect(Buffer.from(get(2, 0)?.bytes ?? []).equals(tree.rootAt(65_536))).toBe(true);
    expect(get(2, 0)?.width).toBe(1);
    expect(get(1, 1)?.width).toBe(1);
  });
});

describe("publish and verify", () => {
  it("publishes a ledger with releases and a prune, and verifies it from the folder with the vkey only", async () => {
    const h = await history(70);
    const dir = folder();
    const r = await published(h, dir);
    expect(r).toMatchObject({
      origin: ORIGIN,
      size: await h.ledger.size(),
      root: await h.ledger.root(),
      previous: 0,
    });
    expect([...files(dir).keys()].sort()).toEqual(
      ["checkpoint", `tile/0/000.p/${r.size}`, `tile/entries/000.p/${r.size}`].sort(),
    );
    const report = await verifyTiles(folderStore(dir), [h.vkey]);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, origin: ORIGIN, size: r.size, root: r.root, retained: 0 });
    // pruned entries are markers of their leaves; the others are their canonical bodies
    const bundle = decodeBundle(readFileSync(join(dir, `tile/entries/000.p/${r.size}`))) as Uint8Array[];
    const pruned = (await h.ledger.entries({ limit: 1000 })).filter((e) => e.body === undefined);
    expect(pruned.length).toBeGreaterThan(5);
    for (const e of pruned)
      expect(markerLeaf(bundle[e.seq] as Uint8Array)).toBe((await h.ledger.inclusionProof(e.seq)).leaf);
    expect(Buffer.from(bundle[r.size - 1] as Uint8Array).toString()).toMatch(/"kind":"prune"/);
    // another key, or a stranger's with the log's name, does not verify it
    const stranger = vkeyOf(ORIGIN, Buffer.alloc(32, 9));
    const forged = await verifyTiles(folderStore(dir), [stranger]);
    expect(forged.ok).toBe(false);
    expect(forged.problems[0]).toMatchObject({ kind: "checkpoint_forged", place: "checkpoint" });
  });

  it("publishes incrementally: full tiles stay untouched, superseded partial tiles go, pruned bundles get markers", async () => {
    const t = testLedger();
    cleanups.push(t.cleanup);
    const key = t.keyring.active("ledger-signing");
    const signer = logNoteSigner(key, ORIGIN);
    const h = {
      ...t,
      vkey: logVkey(key.public ?? "", ORIGIN),
      note: () => t.ledger.checkpointNote(ORIGIN, signer),
    };
    const daily = async (from: number, to: number) => {
      for (let d = from; d < to; d++) {
        const at = new Date(Date.UTC(2019, 0, 1, 2) + d * DAY);
        await t.ledger.append(
          release("daily-feed", at.toISOString().slice(0, 10)),
          customers(range(d % 50, (d % 50) + 4)),
          new Date(at.getTime() + 3_600_000),
        );
      }
    };
    await daily(0, 300);
    const dir = folder();
    const first = await published(h, dir);
    expect(first).toMatchObject({ size: 300, tiles: 3, bundles: 2, unchanged: 0 });
    const firstNote = readFileSync(join(dir, "checkpoint"), "utf8");
    const fullOnes = ["tile/0/000", "tile/entries/000"];
    const before = new Map(
      fullOnes.map((p) => [p, { bytes: readFileSync(join(dir, p)), stat: statSync(join(dir, p)) }]),
    );

    await daily(300, 520);
    const second = await published(h, dir);
    expect(second).toMatchObject({ previous: 300, size: 520, unchanged: 2, rewritten: 0, removed: 2 });
    for (const [p, b] of before) {
      expect(readFileSync(join(dir, p)).equals(b.bytes)).toBe(true);
      // not rewritten at all: the same file, untouched
      expect(statSync(join(dir, p)).ino).toBe(b.stat.ino);
      expect(statSync(join(dir, p)).mtimeMs).toBe(b.stat.mtimeMs);
    }
    const names = [...files(dir).keys()];
    expect(names).toEqual(expect.arrayContaining(["tile/0/001", "tile/0/002.p/8", "tile/1/000.p/2"]));
    // the partial tiles of 001 went with its full tile; those of a tile still partial stay for older checkpoints
    expect(names.filter((n) => n.startsWith("tile/0/001.p/") || n.startsWith("tile/entries/001.p/"))).toEqual(
      [],
    );
    expect(names).toContain("tile/1/000.p/1");
    const grown = await verifyTiles(folderStore(dir), [h.vkey], { against: firstNote });
    expect(grown.problems).toEqual([]);
    expect(grown.against).toMatchObject({ size: 300, consistent: true });

    // a prune, years on, empties bodies inside the full bundle published before: it is rewritten with markers
    const secondNote = readFileSync(join(dir, "checkpoint"), "utf8");
    const oldBundle = readFileSync(join(dir, "tile/entries/000"));
    const before200 = new Date(Date.UTC(2019, 0, 1) + 200 * DAY).toISOString();
    expect(
      (await t.reopen().prune(before200, retentionOf("3y"), new Date(Date.UTC(2025, 0, 1)), "dpo")).pruned,
    ).toBe(200);
    const third = await published(h, dir);
    expect(third).toMatchObject({ size: 521, rewritten: 1, unchanged: 3 });
    const bundle = decodeBundle(readFileSync(join(dir, "tile/entries/000"))) as Uint8Array[];
    expect(bundle.map((e, seq) => (markerLeaf(e) === undefined ? -1 : seq)).filter((s) => s >= 0)).toEqual(
      range(0, 200),
    );
    const pruned = await verifyTiles(folderStore(dir), [h.vkey], { against: secondNote });
    expect(pruned.problems).toEqual([]);
    expect(pruned.retained).toBe(0);
    // a mirror that kept the bundle from before the prune still verifies: its bodies hash to the signed leaves
    writeFileSync(join(dir, "tile/entries/000"), oldBundle);
    const mirror = await verifyTiles(folderStore(dir), [h.vkey]);
    expect(mirror.problems).toEqual([]);
    expect(mirror.retained).toBe(200);
    // publishing again with nothing new writes no tile, and puts the markers back
    const again = await published(h, dir);
    expect(again).toMatchObject({ tiles: 0, bundles: 0, rewritten: 1, previous: 521 });
  });

  it("refuses a folder of another log, another history, a longer log or altered tiles, and writes nothing", async () => {
    const h = await history(70);
    const dir = folder();
    await published(h, dir);
    const snapshot = files(dir);
    const unchanged = () => {
      const now = files(dir);
      expect([...now.keys()].sort()).toEqual([...snapshot.keys()].sort());
      for (const [k, v] of now) expect(v.equals(snapshot.get(k) as Buffer), k).toBe(true);
    };
    const key = h.keyring.active("ledger-signing");
    const other = logNoteSigner(key, "other.example/log");
    await expect(
      writeFrom(h, folderStore(dir), await h.ledger.checkpointNote("other.example/log", other)),
    ).rejects.toThrow(/checkpoint of the log "ledger.test.example\/nsf", not "other.example\/log"/);
    unchanged();

    const g = await history(80, 9);
    const refused = await publish(g, dir).catch((e: Error) => e);
    expect(String(refused)).toMatch(/is not a prefix of this log: the folder holds another history/);
    unchanged();

    // a checkpoint at an earlier size of the same log: the folder is ahead of it
    const size = 40;
    const signer = logNoteSigner(key, ORIGIN);
    const root = Buffer.from(await h.ledger.root(size), "hex");
    const earlier = signNote(checkpointText({ origin: ORIGIN, size, root, extensions: [] }), [signer]);
    await expect(writeFrom(h, folderStore(dir), earlier)).rejects.toThrow(/more than this log's 40/);
    unchanged();

    // a note whose root is not this log's
    const wrong = signNote(checkpointText({ origin: ORIGIN, size, root: Buffer.alloc(32), extensions: [] }), [
      signer,
    ]);
    await expect(writeFrom(h, folderStore(folder()), wrong)).rejects.toThrow(
      /not the root of the log's first 40/,
    );

    // a full tile altered in the folder is never overwritten silently
    await appendMore(h, 200);
    const grown = folder();
    await published(h, grown);
    const tile = join(grown, "tile/0/000");
    const bytes = readFileSync(tile);
    bytes[100] = (bytes[100] as number) ^ 1;
    writeFileSync(tile, bytes);
    await appendMore(h, 1, 200);
    await expect(publish(h, grown)).rejects.toThrow(/the full tile .*tile\/0\/000 differs from this log's/);
    expect(readFileSync(tile).equals(bytes)).toBe(true);
  });

  it("refuses an entry over 65,535 bytes, naming it, before writing anything", async () => {
    const entries = [Buffer.from("a"), Buffer.from("b"), Buffer.alloc(70_000, 0x20), Buffer.from("d")];
    const leaves = Buffer.concat(entries.map((e) => leafHash(e)));
    const source: LogSource = {
      size: async () => entries.length,
      leafHashes: async (s, e) => leaves.subarray(s * 32, e * 32),
      entries: async (s, e) => entries.slice(s, e),
    };
    const signer = signerFromSeed(ORIGIN, Buffer.alloc(32, 3));
    const root = computeRoot(entries.map((e) => leafHash(e)));
    const note = signNote(checkpointText({ origin: ORIGIN, size: 4, root, extensions: [] }), [signer]);
    const dir = folder();
    await expect(writeTiles(folderStore(dir), source, note)).rejects.toThrow(
      /entry 2 is 70,000 bytes.*at most 65,535/,
    );
    expect(files(dir).size).toBe(0);
  });
});

describe("any changed byte fails verifyTiles", () => {
  /** The published files with one byte changed at `at`. */
  function flipped(clean: ReadonlyMap<string, Buffer>, path: string, at: number, mask: number) {
    const map = new Map<string, Uint8Array>(clean);
    const bytes = Buffer.from(clean.get(path) as Buffer);
    bytes[at] = (bytes[at] as number) ^ mask;
    map.set(path, bytes);
    return map;
  }

  it("every byte of every tile, bundle and the checkpoint of a small log with releases, markers and a prune event", async () => {
    const h = await history(11);
    const dir = folder();
    await published(h, dir);
    const clean = files(dir);
    expect((await verifyTiles(memoryReader(clean), [h.vkey])).ok).toBe(true);
    const kinds = (
      decodeBundle(clean.get(`tile/entries/000.p/${await h.ledger.size()}`) as Buffer) as Uint8Array[]
    ).map((e) =>
      markerLeaf(e) ? "pruned" : (JSON.parse(Buffer.from(e).toString()) as { kind: string }).kind,
    );
    expect(new Set(kinds)).toEqual(new Set(["pruned", "release", "prune"]));
    const missed: string[] = [];
    let tried = 0;
    for (const [path, bytes] of clean)
      for (let at = 0; at < bytes.length; at++) {
        const mask = at % 2 === 0 ? 0x01 : 0x80;
        tried++;
        const r = await verifyTiles(memoryReader(flipped(clean, path, at, mask)), [h.vkey]);
        if (r.ok) missed.push(`${path}@${at}`);
      }
    expect(tried).toBeGreaterThan(3000);
    expect(missed).toEqual([]);
  });

  it("sampled bytes of full, partial and level-1 tiles and bundles of a log past 256 entries", async () => {
    const h = await history(300);
    await appendMore(h, 200);
    const dir = folder();
    await published(h, dir);
    const clean = files(dir);
    expect([...clean.keys()]).toContain("tile/1/000.p/2");
    const missed: string[] = [];
    let seed = 1;
    const next = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed;
    };
    for (const [path, bytes] of clean) {
      // the first and last bytes of the file and of each hash in a tile, and random ones in between
      const positions = new Set([0, bytes.length - 1]);
      if (path.startsWith("tile/1/")) for (let i = 0; i < bytes.length; i++) positions.add(i);
      for (let k = 0; k < 12; k++) positions.add(next() % bytes.length);
      for (const at of positions) {
        const r = await verifyTiles(memoryReader(flipped(clean, path, at, (next() % 255) + 1)), [h.vkey]);
        if (r.ok) missed.push(`${path}@${at}`);
      }
    }
    expect(missed).toEqual([]);
    // a missing tile or a truncated bundle is named
    const gone = new Map(clean);
    gone.delete("tile/0/001");
    const r = await verifyTiles(memoryReader(gone), [h.vkey]);
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: "tile_missing", place: "tile/0/001" }));
    const cut = new Map<string, Uint8Array>(clean);
    cut.set("tile/entries/001", (clean.get("tile/entries/001") as Buffer).subarray(0, 1000));
    expect((await verifyTiles(memoryReader(cut), [h.vkey])).problems).toContainEqual(
      expect.objectContaining({ kind: "tile_malformed", place: "tile/entries/001" }),
    );
  });
});

describe("verify over HTTP", () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  /** A static server over `dir` on 127.0.0.1, port 0; `fault` paths never answer, or drop the connection. */
  async function serve(dir: string, fault: (path: string) => "hang" | "reset" | undefined = () => undefined) {
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/log\//, "");
      if (fault(path) === "hang") return;
      if (fault(path) === "reset") return req.socket.destroy();
      try {
        const body = readFileSync(join(dir, ...path.split("/").filter((p) => p !== ".." && p !== "")));
        res.writeHead(200, {
          "content-type": path === "checkpoint" ? "text/plain; charset=utf-8" : "application/octet-stream",
        });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    servers.push(server);
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/log`;
  }

  it("verifies the published folder through its URL, names a missing tile's URL, and times out clearly", async () => {
    const h = await history(300);
    const dir = folder();
    await published(h, dir);
    const url = await serve(dir);
    const report = await verifyTiles(httpReader(url), [h.vkey]);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, size: await h.ledger.size(), root: await h.ledger.root() });

    rmSync(join(dir, "tile/entries/000"));
    const missing = await verifyTiles(httpReader(url), [h.vkey]);
    expect(missing.problems).toContainEqual(
      expect.objectContaining({ kind: "tile_missing", message: `${url}/tile/entries/000 is missing` }),
    );

    const slow = await serve(dir, (p) => (p === "tile/0/000" ? "hang" : undefined));
    await expect(verifyTiles(httpReader(slow, { timeoutMs: 300 }), [h.vkey])).rejects.toThrow(
      `cannot fetch ${slow}/tile/0/000: no answer within 0.3 s`,
    );
    // every tile request in flight fails: one error, naming the first URL, and no unhandled rejection
    const resetting = await serve(dir, (p) => (p.startsWith("tile/") ? "reset" : undefined));
    await expect(verifyTiles(httpReader(resetting), [h.vkey])).rejects.toThrow(
      `cannot fetch ${resetting}/tile/0/000: `,
    );
    const closed = await serve(dir);
    servers.at(-1)?.close();
    await new Promise((ok) => setTimeout(ok, 50));
    await expect(verifyTiles(httpReader(closed), [h.vkey])).rejects.toThrow(
      `cannot fetch ${closed}/checkpoint`,
    );
  });
});
