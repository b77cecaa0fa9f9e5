// witnesses on loopback (c2sp.org/tlog-witness): three witnesses in temporary folders cosign a growing log through
// collectCosignatures; a rewritten, rolled-back or re-rooted log is refused with the status the spec names and
// reported as a fork; unknown origin, bad signature, malformed and stale requests get 404, 403, 400 and 409; a
// restarted witness keeps its size; 100 concurrent requests for one origin never move its size backwards.
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initWitness, openWitness, type WitnessState } from "../src/app/witness.js";
import { openNote, verifierFromVkey } from "../src/ledger/note/signed-note.js";
import { collectCosignatures } from "../src/witness/client.js";
import { verifyCosignatures } from "../src/witness/cosignature.js";
import type { WitnessPolicy } from "../src/witness/policy.js";
import { formatAddCheckpoint } from "../src/witness/request.js";
import { type ListeningWitness, listenWitness, witnessApp } from "../src/witness/server.js";
import { tempDir } from "./support/cli.js";
import { rng } from "./support/random.js";
import { seedOf, TestLog } from "./support/witness-log.js";

interface Running {
  name: string;
  dir: string;
  state: WitnessState;
  server: ListeningWitness;
  vkey: string;
}

const ORIGIN = "ledger.example/transfers";
let root: { dir: string; cleanup: () => void };
const witnesses: Running[] = [];

async function start(name: string, dir: string): Promise<Running> {
  const state = await openWitness(dir);
  const server = await listenWitness(witnessApp({ state }), { host: "127.0.0.1", port: 0 });
  return { name, dir, state, server, vkey: state.cosigner.vkey };
}

async function stop(w: Running): Promise<void> {
  await w.server.close();
  await w.state.close();
}

function policy(ws: Running[] = witnesses, quorum = 2, timeoutMs?: number): WitnessPolicy {
  return {
    witnesses: ws.map((w) => ({ name: w.name, url: w.server.url, vkey: w.vkey })),
    quorum,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

async function post(w: Running, body: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${w.server.url}/add-checkpoint`, { method: "POST", body });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

beforeAll(async () => {
  root = tempDir("jikimi-witnesses-");
  for (const n of [1, 2, 3]) {
    const name = `witness.example/w${n}`;
    const dir = join(root.dir, `w${n}`);
    await initWitness(dir, name, seedOf(name));
    const state = await openWitness(dir);
    await state.addLog(ORIGIN, new TestLog(ORIGIN).vkey);
    await state.close();
    witnesses.push(await start(name, dir));
  }
});

afterAll(async () => {
  for (const w of witnesses) await stop(w);
  root.cleanup();
});

describe("witnesses on loopback", () => {
  const log = new TestLog(ORIGIN);
  const known = new Map<string, number>();

  it("cosign a growing log; the note carries a quorum that verifyCosignatures accepts", async () => {
    for (const step of [1, 4, 1, 10, 7]) {
      log.grow(step);
      const note = log.note();
      const r = await collectCosignatures(note, policy(), (old) => log.proof(old), known);
      expect(r.failures).toEqual([]);
      expect(r.met).toBe(true);
      expect(r.cosignatures.map((c) => c.witness)).toEqual(witnesses.map((w) => w.name));
      for (const w of witnesses) expect(r.sizes.get(w.name)).toBe(log.size);
      for (const w of witnesses) expect((await w.state.latest(ORIGIN))?.size).toBe(log.size);
      const check = verifyCosignatures(
        r.note,
        witnesses.map((w) => w.vkey),
        3,
      );
      expect(check.met).toBe(true);
      expect(r.note.startsWith(note)).toBe(true);
      expect(openNote(r.note, [verifierFromVkey(log.vkey)]).verified).toHaveLength(1);
      for (const [k, v] of r.sizes) known.set(k, v);
    }
  });

  it("refuse a rewritten log (same key, other leaves) with 422, and collectCosignatures reports a fork", async () => {
    const size = log.size;
    const rewritten = log.rewrite(size - 5, size + 3);
    const direct = await post(
      witnesses[0] as Running,
      formatAddCheckpoint({ oldSize: size, proof: rewritten.proof(size), note: rewritten.note() }),
    );
    expect(direct.status).toBe(422);
    const r = await collectCosignatures(rewritten.note(), policy(), (old) => rewritten.proof(old), known);
    expect(r.met).toBe(false);
    expect(r.cosignatures).toEqual([]);
    expect(r.failures).toHaveLength(3);
    for (const f of r.failures)
      expect(f).toMatchObject({ fork: true, reason: expect.stringMatching(/rewritten/) });
    for (const w of witnesses) expect((await w.state.latest(ORIGIN))?.size).toBe(size);
  });

  it("refuse a rolled-back log (409 with a larger size) and a re-rooted one (409 at the same size): forks", async () => {
    const size = log.size;
    const shorter = log.rewrite(size - 6, size - 2);
    const back = await collectCosignatures(shorter.note(), policy(), (old) => shorter.proof(old), new Map());
    expect(back.failures.map((f) => f.fork)).toEqual([true, true, true]);
    expect(back.failures[0]?.reason).toMatch(new RegExp(`cosigned size ${size}, larger`));
    expect([...back.sizes.values()]).toEqual([size, size, size]);
    const sameSize = log.rewrite(size - 3, size);
    const direct = await post(
      witnesses[1] as Running,
      formatAddCheckpoint({ oldSize: size, proof: [], note: sameSize.note() }),
    );
    expect(direct).toEqual({ status: 409, type: "text/x.tlog.size", text: `${size}\n` });
    const re = await collectCosignatures(sameSize.note(), policy(), (old) => sameSize.proof(old), known);
    expect(re.failures.map((f) => [f.fork, f.reason])).toEqual(
      witnesses.map(() => [true, `it cosigned another root at size ${size}: the log was rewritten`]),
    );
  });

  it("answer 404 for an unknown origin, 403 for a bad signature, 400 for malformed bodies", async () => {
    const w = witnesses[0] as Running;
    const stranger = new TestLog("ledger.example/stranger").grow(2);
    expect(
      (await post(w, formatAddCheckpoint({ oldSize: 0, proof: [], note: stranger.note() }))).status,
    ).toBe(404);
    const unknown = await collectCosignatures(stranger.note(), policy(), () => [], new Map());
    expect(unknown.failures.map((f) => f.fork)).toEqual([false, false, false]);
    expect(unknown.failures[0]?.reason).toMatch(/does not witness/);

    const forger = new TestLog(ORIGIN, seedOf("a stolen name, not the key")).grow(log.size + 1);
    const body = formatAddCheckpoint({ oldSize: 0, proof: [], note: forger.note() });
    expect((await post(w, body)).status).toBe(403);
    const forged = await collectCosignatures(forger.note(), policy(), () => [], new Map());
    expect(forged.failures.map((f) => f.fork)).toEqual([true, true, true]);

    expect((await post(w, "old 1\nnot base64!\n\nx\n")).status).toBe(400);
    expect((await post(w, `old ${log.size + 1}\n\n${log.note()}`)).status).toBe(400);
  });

  it("answer a stale old size with 409 and the latest size; the client retries once from it", async () => {
    const w = witnesses[2] as Running;
    log.grow(3);
    const stale = await post(w, formatAddCheckpoint({ oldSize: 2, proof: log.proof(2), note: log.note() }));
    expect(stale).toEqual({ status: 409, type: "text/x.tlog.size", text: `${log.size - 3}\n` });
    const asked: number[] = [];
    const r = await collectCosignatures(
      log.note(),
      policy(),
      (old) => {
        asked.push(old);
        return log.proof(old);
      },
      new Map(witnesses.map((x) => [x.name, 2])),
    );
    expect(r.failures).toEqual([]);
    expect(r.met).toBe(true);
    expect(asked).toEqual([2, 2, 2, log.size - 3, log.size - 3, log.size - 3]);
    for (const [k, v] of r.sizes) known.set(k, v);
  });

  it("keep the latest size across a restart in the middle of a run", async () => {
    const w = witnesses[1] as Running;
    const before = (await w.state.latest(ORIGIN))?.size ?? 0;
    expect(before).toBe(log.size);
    await stop(w);
    const restarted = await start(w.name, w.dir);
    witnesses[1] = restarted;
    expect((await restarted.state.latest(ORIGIN))?.size).toBe(before);
    const fromZero = await post(restarted, formatAddCheckpoint({ oldSize: 0, proof: [], note: log.note() }));
    expect(fromZero).toEqual({ status: 409, type: "text/x.tlog.size", text: `${before}\n` });
    log.grow(2);
    const r = await collectCosignatures(log.note(), policy(), (old) => log.proof(old), known);
    expect(r.failures).toEqual([]);
    expect((await restarted.state.latest(ORIGIN))?.size).toBe(log.size);
    for (const [k, v] of r.sizes) known.set(k, v);
  });

  it("report an unreachable and a silent witness as failures that are not forks; the quorum can still hold", async () => {
    const closed = await start("witness.example/w1", (witnesses[0] as Running).dir);
    await closed.server.close();
    await closed.state.close();
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as { port: number }).port;
    try {
      log.grow(1);
      const p = policy(witnesses, 1, 500);
      const ws = p.witnesses.map((x, i) =>
        i === 0 ? { ...x, url: closed.server.url } : i === 2 ? { ...x, url: `http://127.0.0.1:${port}` } : x,
      );
      const started = Date.now();
      const r = await collectCosignatures(
        log.note(),
        { ...p, witnesses: ws },
        (old) => log.proof(old),
        known,
      );
      expect(Date.now() - started).toBeLessThan(5000);
      expect(r.met).toBe(true);
      expect(r.cosignatures.map((c) => c.witness)).toEqual(["witness.example/w2"]);
      expect(r.failures).toEqual([
        { witness: "witness.example/w1", reason: "unreachable (ECONNREFUSED)", fork: false },
        { witness: "witness.example/w3", reason: "no answer within 500 ms", fork: false },
      ]);
      expect(r.sizes.get("witness.example/w1")).toBe(known.get("witness.example/w1"));
      expect(
        (
          await collectCosignatures(
            log.note(),
            { ...p, witnesses: ws, quorum: 2 },
            (o) => log.proof(o),
            r.sizes,
          )
        ).met,
      ).toBe(false);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it("never move a size backwards under 100 concurrent requests for one origin", async () => {
    const w = witnesses[0] as Running;
    const reader = await openWitness(w.dir);
    try {
      const base = (await w.state.latest(ORIGIN))?.size ?? 0;
      log.grow(150);
      const next = rng(7);
      // chains of small steps from the latest size on, plus longer jumps, sent in a shuffled order at once
      const asks = Array.from({ length: 100 }, (_, i) => {
        const old = base + (i % 60);
        return { old, size: Math.min(log.size, old + 1 + (i >= 60 ? next() % 40 : 0)) };
      });
      for (let i = asks.length - 1; i > 0; i--) {
        const j = next() % (i + 1);
        [asks[i], asks[j]] = [asks[j] as (typeof asks)[number], asks[i] as (typeof asks)[number]];
      }
      let seen = base;
      const statuses: number[] = [];
      await Promise.all(
        asks.map(async ({ old, size }) => {
          const r = await post(
            w,
            formatAddCheckpoint({ oldSize: old, proof: log.proof(old, size), note: log.note(size) }),
          );
          const stored = (await reader.latest(ORIGIN))?.size ?? 0;
          statuses.push(r.status);
          expect([200, 409]).toContain(r.status);
          // what the answer says the witness held is never above what is stored afterwards
          expect(stored).toBeGreaterThanOrEqual(r.status === 200 ? size : Number(r.text));
          expect(stored).toBeGreaterThanOrEqual(seen);
          seen = stored;
        }),
      );
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 409).length).toBeGreaterThan(0);
      const final = await reader.latest(ORIGIN);
      expect(final?.size).toBe(seen);
      expect(final?.root).toEqual(log.tree.rootAt(final?.size ?? 0));
    } finally {
      await reader.close();
    }
  });
});
