// the ledger's public view over HTTP: the log paged, one entry, inclusion and consistency proofs that verify against
// the signed checkpoint, the checkpoint note, and the log as tlog-tiles that `verify log` accepts and that equal what
// `ledger publish` writes; each answer compared with what the library computes for the same ledger.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { folderSink } from "../../src/io/folder-sink.js";
import { fileSource } from "../../src/io/record-source.js";
import { type EntryBody, encodeEntry } from "../../src/ledger/entry.js";
import {
  fromHex,
  leafHash,
  toHex,
  verifyConsistency,
  verifyInclusion,
} from "../../src/ledger/merkle/index.js";
import { parseCheckpoint } from "../../src/ledger/note/checkpoint.js";
import { openNote, splitNote, verifierFromVkey } from "../../src/ledger/note/signed-note.js";
import { httpReader } from "../../src/ledger/tiles/http.js";
import { ledgerLogSource } from "../../src/ledger/tiles/source.js";
import { folderStore } from "../../src/ledger/tiles/store.js";
import { verifyTiles } from "../../src/ledger/tiles/verify.js";
import { writeTiles } from "../../src/ledger/tiles/write.js";
import { cosignerFromSeed, verifyCosignatures } from "../../src/witness/cosignature.js";
import { release } from "../support/ledger.js";
import { serverWorkspace } from "../support/server.js";

type Server = Awaited<ReturnType<typeof serverWorkspace>>;
const dirs: string[] = [];
let s: Server;
/** entries beyond the two real releases: a full tile of 256 and a partial one after it */
const EXTRA = 258;
const DAY = "2026-06-03";

beforeAll(async () => {
  s = await serverWorkspace(dirs, { example: "minimal" });
  const out = join(s.dir, "out");
  mkdirSync(out);
  // two releases through the gateway, a day apart
  for (const day of ["2026-06-01", "2026-06-02"]) {
    const at = new Date(`${day}T02:00:00Z`);
    const r = await s.session.share({
      agreement: "newsletter-mailing",
      source: fileSource(join(s.root, "sample", "members.csv")),
      sink: folderSink(out, s.root),
      at,
      now: at,
      operator: "test",
    });
    expect(r.held).toEqual([]);
  }
  // and many more recorded directly, so the log has a full tile
  const ledger = s.session.ledger();
  const now = new Date(`${DAY}T03:00:00Z`);
  for (let i = 0; i < EXTRA; i++)
    await ledger.append(release("feed", DAY), [`C${String(i).padStart(6, "0")}`, "C999999"], now);
}, 120_000);

afterAll(async () => {
  await s?.session.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
interface LogPage {
  size: number;
  releases: {
    seq: number;
    kind: string;
    agreement: { id: string; version: number } | null;
    recipient: { id: string; name: string; country: string } | null;
    released_at: string | null;
    recorded_at: string | null;
    subject_count: number | null;
    pruned_at: string | null;
  }[];
  next_after: number | null;
}
interface ErrorAnswer {
  error: { code: string; message: string; hint?: string };
}

/** The checkpoint the API serves, opened with the log's verifier keys: its size and root. */
async function servedCheckpoint() {
  const res = await s.call("/v1/checkpoint", { as: "regulator" });
  expect(res.status).toBe(200);
  const note = await res.text();
  const opened = openNote(note, s.session.logVkeys().map(verifierFromVkey));
  expect(opened.verified.length).toBeGreaterThan(0);
  return { note, ...parseCheckpoint(splitNote(note).text) };
}

describe("the ledger's routes", () => {
  it("pages through the log oldest first, each line what the stored entry says", async () => {
    const ledger = s.session.ledger();
    const size = await ledger.size();
    expect(size).toBe(2 + EXTRA);
    const seen: LogPage["releases"] = [];
    let after: number | null = null;
    let pages = 0;
    do {
      const res = await s.call(`/v1/releases?limit=100${after === null ? "" : `&after=${after}`}`, {
        as: "regulator",
      });
      expect(res.status).toBe(200);
      const page = await json<LogPage>(res);
      expect(page.size).toBe(size);
      seen.push(...page.releases);
      after = page.next_after;
      pages++;
    } while (after !== null && pages < 10);
    expect(pages).toBe(Math.ceil(size / 100));
    expect(seen.map((r) => r.seq)).toEqual([...Array(size).keys()]);
    for (const item of seen) {
      const body = (await ledger.entry(item.seq))?.body;
      if (body?.kind !== "release") throw new Error(`entry ${item.seq} is not a release`);
      expect(item).toEqual({
        seq: body.seq,
        kind: "release",
        agreement: { id: body.agreement.id, version: body.agreement.version },
        recipient: body.recipient,
        released_at: body.released_at,
        recorded_at: body.recorded_at,
        subject_count: body.subjects.count,
        pruned_at: null,
      });
    }
    // the newest lines agree with what `ledger log` lists
    const newest = await ledger.entries({ limit: 3 });
    expect(newest.map((e) => e.seq)).toEqual(
      seen
        .slice(-3)
        .reverse()
        .map((r) => r.seq),
    );
    expect(seen[0]?.agreement?.id).toBe("newsletter-mailing");
    // past the end: an empty last page
    const end = await json<LogPage>(await s.call(`/v1/releases?after=${size - 1}`, { as: "dpo" }));
    expect(end).toEqual({ size, releases: [], next_after: null });
    const bad = await s.call("/v1/releases?limit=0", { as: "dpo" });
    expect(bad.status).toBe(400);
  });

  it("answers one entry with its public body and the leaf hash of its canonical bytes; 404 past the end", async () => {
    const ledger = s.session.ledger();
    for (const seq of [0, 1, 200]) {
      const res = await s.call(`/v1/releases/${seq}`, { as: "operator" });
      expect(res.status).toBe(200);
      const got = await json<{
        seq: number;
        kind: string;
        entry: EntryBody;
        leaf_hash: string;
        pruned_at: null;
      }>(res);
      const stored = await ledger.entry(seq);
      expect(got.entry).toEqual(stored?.body);
      expect(got.leaf_hash).toBe(toHex(leafHash(encodeEntry(stored?.body as EntryBody))));
      expect(got.leaf_hash).toBe((await ledger.inclusionProof(seq)).leaf);
      expect(got).toMatchObject({ seq, kind: "release", pruned_at: null });
    }
    const size = await ledger.size();
    const missing = await s.call(`/v1/releases/${size}`, {
      as: "regulator",
      headers: { "accept-language": "ko" },
    });
    expect(missing.status).toBe(404);
    const body = await json<ErrorAnswer>(missing);
    expect(body.error.code).toBe("no_such_entry");
    expect(body.error.message).toMatch(/[가-힣]/);
    expect(body.error.hint).toBeTruthy();
    expect((await s.call("/v1/releases/abc", { as: "regulator" })).status).toBe(400);
  });

  it("serves the stored checkpoint note, signed by the log's key", async () => {
    const res = await s.call("/v1/checkpoint", { as: "dpo" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const note = await res.text();
    expect(note).toBe(await s.session.checkpoint({ stored: true }));
    const cp = await servedCheckpoint();
    expect(cp.origin).toBe(s.session.origin);
    expect(cp.size).toBe(await s.session.ledger().size());
    expect(toHex(cp.root)).toBe(await s.session.ledger().root());
  });

  it("gives inclusion proofs that verify against the checkpoint's root, and only those", async () => {
    const cp = await servedCheckpoint();
    const ledger = s.session.ledger();
    for (const seq of [0, 1, 2, 137, 255, 256, cp.size - 1]) {
      const res = await s.call(`/v1/proofs/inclusion?seq=${seq}&size=${cp.size}`, { as: "regulator" });
      expect(res.status).toBe(200);
      const p = await json<{ seq: number; size: number; leaf_hash: string; root: string; proof: string[] }>(
        res,
      );
      const body = (await ledger.entry(seq))?.body as EntryBody;
      // the leaf is the entry's own canonical bytes, the root the signed one
      expect(p.leaf_hash).toBe(toHex(leafHash(encodeEntry(body))));
      expect(p.root).toBe(toHex(cp.root));
      const hashes = p.proof.map(fromHex);
      expect(verifyInclusion(fromHex(p.leaf_hash), seq, cp.size, hashes, cp.root)).toBe(true);
      // the same proof for another entry, or with one hash changed, does not verify
      const other = seq === 0 ? 1 : seq - 1;
      expect(verifyInclusion(fromHex(p.leaf_hash), other, cp.size, hashes, cp.root)).toBe(false);
      if (hashes.length > 0) {
        const changed = hashes.map((h) => new Uint8Array(h));
        const first = changed[0] as Uint8Array;
        first[0] = (first[0] as number) ^ 1;
        expect(verifyInclusion(fromHex(p.leaf_hash), seq, cp.size, changed, cp.root)).toBe(false);
      }
    }
    // size defaults to the whole log; a smaller tree's root is the root the ledger gives for that size
    const whole = await json<{ size: number }>(await s.call("/v1/proofs/inclusion?seq=3", { as: "dpo" }));
    expect(whole.size).toBe(cp.size);
    const small = await json<{ root: string; proof: string[]; leaf_hash: string }>(
      await s.call("/v1/proofs/inclusion?seq=3&size=10", { as: "dpo" }),
    );
    expect(small.root).toBe(await ledger.root(10));
    expect(
      verifyInclusion(fromHex(small.leaf_hash), 3, 10, small.proof.map(fromHex), fromHex(small.root)),
    ).toBe(true);
    const past = await s.call(`/v1/proofs/inclusion?seq=${cp.size}`, { as: "dpo" });
    expect(past.status).toBe(404);
    expect((await json<ErrorAnswer>(past)).error.code).toBe("no_such_entry");
    const tooBig = await s.call(`/v1/proofs/inclusion?seq=0&size=${cp.size + 1}`, { as: "dpo" });
    expect(tooBig.status).toBe(400);
    expect((await json<ErrorAnswer>(tooBig)).error.code).toBe("bad_size");
    expect((await s.call("/v1/proofs/inclusion?seq=-1", { as: "dpo" })).status).toBe(400);
  });

  it("gives consistency proofs from any earlier size to the checkpoint's root", async () => {
    const cp = await servedCheckpoint();
    const ledger = s.session.ledger();
    for (const from of [0, 1, 2, 7, 256, 257, cp.size]) {
      const res = await s.call(`/v1/proofs/consistency?from=${from}&to=${cp.size}`, { as: "regulator" });
      expect(res.status).toBe(200);
      const p = await json<{ from: number; to: number; root_from: string; root_to: string; proof: string[] }>(
        res,
      );
      expect(p).toMatchObject({ from, to: cp.size, root_to: toHex(cp.root) });
      expect(p.root_from).toBe(await ledger.root(from));
      const hashes = p.proof.map(fromHex);
      expect(verifyConsistency(from, cp.size, fromHex(p.root_from), cp.root, hashes)).toBe(true);
      if (from > 0 && from < cp.size) {
        // against another old root it fails
        const other = fromHex(await ledger.root(from - 1));
        expect(verifyConsistency(from, cp.size, other, cp.root, hashes)).toBe(false);
      }
    }
    const backwards = await s.call(`/v1/proofs/consistency?from=5&to=4`, { as: "dpo" });
    expect(backwards.status).toBe(400);
    expect((await json<ErrorAnswer>(backwards)).error.code).toBe("bad_size");
    const future = await s.call(`/v1/proofs/consistency?from=1&to=${cp.size + 1}`, { as: "dpo" });
    expect(future.status).toBe(400);
  });

  it("serves the log as tiles that `verify log` accepts, byte for byte what `ledger publish` writes", async () => {
    const fetchApi: typeof fetch = (input, init) =>
      Promise.resolve(
        s.app.request(String(input), {
          ...init,
          headers: { authorization: `Bearer ${s.tokens.regulator}` },
        }),
      );
    const reader = httpReader("http://jikimi.test/v1/tiles/", { fetch: fetchApi });
    const report = await verifyTiles(reader, s.session.logVkeys());
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.size).toBe(await s.session.ledger().size());
    expect(report.root).toBe(await s.session.ledger().root());

    // what publish writes into a folder for the same checkpoint
    const folder = mkdtempSync(join(tmpdir(), "jikimi-tiles-"));
    dirs.push(folder);
    const note = await s.session.checkpoint({ stored: true });
    await s.session.store.ledger.read((tx) => writeTiles(folderStore(folder), ledgerLogSource(tx), note));
    const files: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else files.push(relative(folder, p).split(sep).join("/"));
      }
    };
    walk(folder);
    expect(files).toContain("tile/0/000");
    expect(files).toContain("tile/entries/000");
    expect(files).toContain("tile/1/000.p/1");
    for (const path of files) {
      const res = await s.call(`/v1/tiles/${path}`, { as: "dpo" });
      expect(res.status, path).toBe(200);
      const got = Buffer.from(await res.arrayBuffer());
      expect(got.equals(readFileSync(join(folder, ...path.split("/")))), path).toBe(true);
      if (path !== "checkpoint") expect(res.headers.get("content-type")).toBe("application/octet-stream");
    }
    const full = await s.call("/v1/tiles/tile/0/000", { as: "regulator" });
    expect(full.headers.get("cache-control")).toContain("immutable");
    const partial = await s.call("/v1/tiles/tile/0/001.p/4", { as: "regulator" });
    expect(partial.status).toBe(200);
    expect(partial.headers.get("cache-control")).not.toContain("immutable");
    // a narrower partial tile than the log's edge is the prefix of the wider one
    expect(Buffer.from(await partial.arrayBuffer()).length).toBe(4 * 32);

    for (const path of [
      "tile/0/002",
      "tile/0/001.p/200",
      "tile/0/1",
      "tile/0/x000/001",
      "tile/0/000.p/256",
      "nope",
    ]) {
      const res = await s.call(`/v1/tiles/${path}`, { as: "regulator" });
      expect(res.status, path).toBe(404);
      expect((await json<ErrorAnswer>(res)).error.code).toBe("no_such_entry");
    }
  });

  it("lets operator, dpo and regulator read the log, dpo and regulator the tiles, and no one else", async () => {
    const subject = await s.subjectToken("M000001");
    const routes = [
      "/v1/releases",
      "/v1/releases/0",
      "/v1/proofs/inclusion?seq=0",
      "/v1/proofs/consistency?from=1",
      "/v1/checkpoint",
    ];
    for (const path of routes) {
      for (const role of ["operator", "dpo", "regulator"] as const)
        expect((await s.call(path, { as: role })).status, `${role} ${path}`).toBe(200);
      for (const as of ["controller" as const, { bearer: subject }]) {
        const res = await s.call(path, { as });
        expect(res.status, path).toBe(403);
        expect((await json<ErrorAnswer>(res)).error.code).toBe("forbidden_role");
      }
      expect((await s.call(path)).status).toBe(401);
    }
    for (const as of ["operator" as const, "controller" as const, { bearer: subject }])
      expect((await s.call("/v1/tiles/tile/0/000", { as })).status).toBe(403);
    const doc = await json<{ paths: Record<string, Record<string, { "x-jikimi-roles"?: string[] }>> }>(
      await s.app.request("/openapi.json"),
    );
    expect(doc.paths["/v1/tiles/{path}"]?.get?.["x-jikimi-roles"]).toEqual(["dpo", "regulator"]);
    expect(doc.paths["/v1/releases"]?.get?.["x-jikimi-roles"]).toEqual(["operator", "dpo", "regulator"]);
    // and nothing here names a subject: no released key in any log line
    expect(s.lines.join("")).not.toContain("C000001");
    expect(s.lines.join("")).not.toContain("M000001");
  });
  it("serves the checkpoint with the cosignatures stored for it", async () => {
    const witness = cosignerFromSeed("witness.example/one", new Uint8Array(32).fill(1));
    const ledger = s.session.ledger();
    const note = await ledger.checkpointNote(s.session.origin, s.session.noteSigner());
    const size = await ledger.size();
    const { text } = splitNote(note);
    await s.session.store.ledger.write((tx) =>
      tx.putCheckpoint(size, note, [{ witness: witness.name, line: witness.cosign(text, 1_700_000_000) }]),
    );
    for (const path of ["/v1/checkpoint", "/v1/tiles/checkpoint"]) {
      const res = await s.call(path, { as: "regulator" });
      expect(res.status).toBe(200);
      const served = await res.text();
      expect(served).toBe(await s.session.checkpoint({ stored: true }));
      expect(served.startsWith(text)).toBe(true);
      expect(verifyCosignatures(served, [witness.vkey], 1).met).toBe(true);
      openNote(served, s.session.logVkeys().map(verifierFromVkey));
    }
  });
});

describe("the ledger's routes after a prune", () => {
  it("lists pruned entries and the prune event, serves pruned bodies as null and tiles with markers", async () => {
    const p = await serverWorkspace(dirs, { example: "minimal" });
    try {
      const ledger = p.session.ledger();
      for (const day of ["2020-01-01", "2020-01-02", "2020-01-03", "2026-06-01"])
        await ledger.append(release("feed", day), ["C000001", "C000002"], new Date(`${day}T03:00:00Z`));
      const leaves = await Promise.all([0, 1, 2].map(async (seq) => (await ledger.inclusionProof(seq)).leaf));
      const pruned = await ledger.prune(
        "2021-01-01T00:00:00Z",
        { rule: "3y", days: 3 * 365 },
        new Date("2026-06-02T00:00:00Z"),
        "dpo",
      );
      expect(pruned.pruned).toBe(3);
      const page = await json<LogPage>(await p.call("/v1/releases", { as: "regulator" }));
      expect(page.releases.map((r) => r.kind)).toEqual(["release", "release", "release", "release", "prune"]);
      for (const seq of [0, 1, 2]) {
        const stored = await ledger.entry(seq);
        expect(stored?.body).toBeUndefined();
        expect(page.releases[seq]).toEqual({
          seq,
          kind: "release",
          agreement: null,
          recipient: null,
          released_at: null,
          recorded_at: null,
          subject_count: null,
          pruned_at: stored?.prunedAt,
        });
        const one = await json<{ entry: unknown; pruned_at: string; leaf_hash: string }>(
          await p.call(`/v1/releases/${seq}`, { as: "regulator" }),
        );
        expect(one).toMatchObject({ entry: null, pruned_at: stored?.prunedAt, leaf_hash: leaves[seq] });
      }
      const event = (await ledger.entry(4))?.body;
      expect(event?.kind).toBe("prune");
      expect(page.releases[4]).toMatchObject({ seq: 4, kind: "prune", recorded_at: event?.recorded_at });

      const reader = httpReader("http://jikimi.test/v1/tiles/", {
        fetch: (input, init) =>
          Promise.resolve(
            p.app.request(String(input), { ...init, headers: { authorization: `Bearer ${p.tokens.dpo}` } }),
          ),
      });
      const report = await verifyTiles(reader, p.session.logVkeys());
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ ok: true, size: 5, retained: 0 });
    } finally {
      await p.session.close();
    }
  });
});

describe("the ledger's routes over an empty ledger", () => {
  it("answers an empty log, a checkpoint of size 0, and no entry, proof of inclusion or tile", async () => {
    const e = await serverWorkspace(dirs, { example: "minimal" });
    try {
      expect(await json(await e.call("/v1/releases", { as: "dpo" }))).toEqual({
        size: 0,
        releases: [],
        next_after: null,
      });
      const note = await (await e.call("/v1/checkpoint", { as: "dpo" })).text();
      expect(parseCheckpoint(splitNote(note).text).size).toBe(0);
      expect((await e.call("/v1/releases/0", { as: "dpo" })).status).toBe(404);
      expect((await e.call("/v1/proofs/inclusion?seq=0", { as: "dpo" })).status).toBe(404);
      const empty = await e.call("/v1/proofs/consistency?from=0", { as: "dpo" });
      expect(empty.status).toBe(200);
      expect(await json(empty)).toMatchObject({ from: 0, to: 0, proof: [] });
      expect((await e.call("/v1/tiles/tile/0/000.p/1", { as: "dpo" })).status).toBe(404);
      expect((await e.call("/v1/tiles/tile/entries/000.p/1", { as: "dpo" })).status).toBe(404);
    } finally {
      await e.session.close();
    }
  });
});
