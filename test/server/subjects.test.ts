// a person's view of the ledger over HTTP: their history and receipts with their own signed token, a DPO's history
// lookup with the key in the body; every read in the access log under the subject's ledger hash, never the key; an
// unknown subject and a known one never released answer alike, in the same time; a subject token reads nothing else.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyReceipt } from "../../src/ledger/receipts/verify.js";
import { NOT_FOUND } from "../../src/ledger/subjects/dictionary.js";
import { verifyAccessLog } from "../../src/public/server.js";
import { serverWorkspace, twoReleases } from "../support/server.js";

type Server = Awaited<ReturnType<typeof serverWorkspace>>;
const dirs: string[] = [];
let s: Server;
/** released in both releases */
let released: string;
/** a member never released (not a subscriber) whose consent is recorded: in the subject dictionary */
let known: string;
/** a key the ledger never saw */
const UNKNOWN = "M999999";

beforeAll(async () => {
  s = await serverWorkspace(dirs, { example: "minimal" });
  ({ released, known } = await twoReleases(s));
}, 120_000);

afterAll(async () => {
  await s?.session.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const hashOf = (key: string) => Buffer.from(s.session.hasher.hashMany([key])).toString("hex");
const accessEvents = () => s.session.store.accessLog.list({ after: 0, limit: 100_000 });
interface ErrorAnswer {
  error: { code: string; message: string; hint?: string };
}
/** A history with nothing in it: what an unknown subject and one never released both get. */
const EMPTY = { count: 0, groups: [], releases: [], next_before: null };

/** The answer to a person's history, made from the whole history as `ledger subject` lists it. */
async function overviewOf(key: string) {
  const history = await s.session.ledger().subjectHistory(key);
  const [first] = history;
  const last = history.at(-1);
  if (first === undefined || last === undefined) return EMPTY;
  // both of the test's releases are under the same terms: one group
  const { seq, released_at, recorded_at, ...terms } = first;
  return {
    count: history.length,
    groups: [
      {
        ...terms,
        count: history.length,
        first_seq: seq,
        last_seq: last.seq,
        first_released_at: released_at,
        last_released_at: last.released_at,
      },
    ],
    releases: [...history].reverse().map((r) => ({
      seq: r.seq,
      released_at: r.released_at,
      recorded_at: r.recorded_at,
      group: 0,
    })),
    next_before: null,
  };
}
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

describe("a subject's routes", () => {
  it("the ledger knows the test's subjects as intended", async () => {
    const ledger = s.session.ledger();
    const index = async (key: string) =>
      (await ledger.indexesOf(s.session.hasher.hashMany([key]), 1))[0] as number;
    expect(await index(released)).not.toBe(NOT_FOUND);
    expect(await index(known)).not.toBe(NOT_FOUND);
    expect(await index(UNKNOWN)).toBe(NOT_FOUND);
    expect(await ledger.subjectHistory(released)).toHaveLength(2);
    expect(await ledger.subjectHistory(known)).toEqual([]);
  });

  it("gives a person their own history, as `ledger subject` computes it, and records the read", async () => {
    const before = (await accessEvents()).length;
    const token = await s.subjectToken(released);
    const res = await s.call("/v1/subjects/me/history", { as: { bearer: token } });
    expect(res.status).toBe(200);
    const body = await json<{ releases: unknown[]; count: number }>(res);
    expect(body).toEqual(await overviewOf(released));
    expect(body.count).toBe(2);
    const events = await accessEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      actor: "subject",
      role: "subject",
      action: "subject_history",
      subject: hashOf(released),
    });
    expect(verifyAccessLog(events)).toBeUndefined();
  });

  it("gives a person a receipt that verifies with the log's public key and their key, as `ledger receipt` makes it", async () => {
    const token = await s.subjectToken(released);
    const res = await s.call("/v1/subjects/me/receipts", { as: { bearer: token } });
    expect(res.status).toBe(200);
    const body = await json<{ receipt: string; releases: { seq: number }[]; skipped: unknown[] }>(res);
    const check = verifyReceipt(body.receipt, { vkeys: s.session.logVkeys(), subject: released });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    // it names this person's releases, and is bound to this person only
    const issued = await s.session.ledger().receipt(released, {
      origin: s.session.origin,
      signer: s.session.noteSigner(),
    });
    expect(body.releases).toEqual(issued?.releases);
    expect(body.releases.map((r) => r.seq)).toEqual([0, 1]);
    expect(body.skipped).toEqual([]);
    expect(verifyReceipt(body.receipt, { vkeys: s.session.logVkeys(), subject: known }).ok).toBe(false);
    expect(body.receipt).not.toContain(released);
    expect((await accessEvents()).at(-1)).toMatchObject({
      action: "subject_receipts",
      subject: hashOf(released),
      role: "subject",
    });
  });

  it("answers an unknown subject and one never released alike, on every route", async () => {
    const bodies = async (path: string, init: (key: string) => Promise<RequestInit & { as?: unknown }>) => {
      const out: { status: number; text: string }[] = [];
      for (const key of [UNKNOWN, known]) {
        const res = await s.call(path, (await init(key)) as Parameters<typeof s.call>[1]);
        out.push({ status: res.status, text: await res.text() });
      }
      return out;
    };
    const asSubject = async (key: string) => ({ as: { bearer: await s.subjectToken(key) } });
    const history = await bodies("/v1/subjects/me/history", asSubject);
    expect(history[0]).toEqual(history[1]);
    expect(history[0]?.status).toBe(200);
    expect(JSON.parse(history[0]?.text as string)).toEqual(EMPTY);
    const receipts = await bodies("/v1/subjects/me/receipts", asSubject);
    expect(receipts[0]).toEqual(receipts[1]);
    expect(JSON.parse(receipts[0]?.text as string)).toEqual({ receipt: null, releases: [], skipped: [] });
    const dpo = await bodies("/v1/subjects/history", async (key) => ({
      as: "dpo",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject_key: key }),
    }));
    expect(dpo[0]).toEqual(dpo[1]);
    expect(JSON.parse(dpo[0]?.text as string)).toEqual(EMPTY);
    // each of those reads was recorded, under each subject's own hash
    const recent = (await accessEvents()).slice(-6);
    expect(recent.map((e) => e.subject)).toEqual(
      [UNKNOWN, known, UNKNOWN, known, UNKNOWN, known].map(hashOf),
    );
    expect(recent.map((e) => e.action)).toEqual([
      "subject_history",
      "subject_history",
      "subject_receipts",
      "subject_receipts",
      "subject_history",
      "subject_history",
    ]);
  });

  it("takes as long for an unknown subject as for one never released", async () => {
    // an in-process request takes about a millisecond here (subject token check, access-log write, lookup); the
    // two kinds share every step but the dictionary's answer (a miss, or a hit whose chains hold no run), measured
    // at under 0.15 ms apart. The bound, 20% of the median or 0.5 ms whichever is larger, stays clear of that and of
    // the noise of medians over 200 alternated calls on a loaded machine, and fails when one kind takes a path the
    // other does not that costs a good part of a request (a receipt's checkpoint, proofs and signature).
    const tokens = { unknown: await s.subjectToken(UNKNOWN), known: await s.subjectToken(known) };
    for (const path of ["/v1/subjects/me/history", "/v1/subjects/me/receipts"]) {
      const times = { unknown: [] as number[], known: [] as number[] };
      const once = async (kind: "unknown" | "known") => {
        const started = performance.now();
        const res = await s.call(path, { as: { bearer: tokens[kind] } });
        await res.text();
        return performance.now() - started;
      };
      for (let i = 0; i < 20; i++) {
        await once("unknown");
        await once("known");
      }
      for (let i = 0; i < 200; i++) {
        // alternated, so drift (a growing access log, the machine's load) falls on both alike
        const first = i % 2 === 0 ? "unknown" : "known";
        const second = first === "unknown" ? "known" : "unknown";
        times[first].push(await once(first));
        times[second].push(await once(second));
      }
      const a = median(times.unknown);
      const b = median(times.known);
      const bound = Math.max(0.2 * Math.max(a, b), 0.5);
      expect(Math.abs(a - b), `${path}: medians ${a.toFixed(3)} and ${b.toFixed(3)} ms`).toBeLessThan(bound);
    }
  }, 120_000);

  it("pages a history newest first by `limit` and `before`, and refuses a page size out of range", async () => {
    const token = await s.subjectToken(released);
    const get = async (query: string) => {
      const res = await s.call(`/v1/subjects/me/history${query}`, { as: { bearer: token } });
      return { status: res.status, body: await json<Record<string, unknown>>(res) };
    };
    const whole = await overviewOf(released);
    const first = await get("?limit=1");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ ...whole, releases: whole.releases.slice(0, 1), next_before: 1 });
    const second = await get("?limit=1&before=1");
    expect(second.body).toEqual({ ...whole, releases: whole.releases.slice(1, 2), next_before: null });
    expect((await get("?limit=0")).body).toEqual({ ...whole, releases: [] });
    for (const bad of ["?limit=1001", "?limit=-1", "?limit=two", "?before=-3"]) {
      const res = await get(bad);
      expect(res.status, bad).toBe(400);
      expect((res.body as unknown as ErrorAnswer).error.code, bad).toBe("invalid_request");
    }
    // the DPO's lookup pages the same way
    const dpo = await s.call("/v1/subjects/history", {
      as: "dpo",
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject_key: released, limit: 1, before: 1 }),
    });
    expect(await json(dpo)).toEqual(second.body);
  });

  it("lets a DPO look a subject up by a key in the body, and no other role", async () => {
    const post = (as: NonNullable<Parameters<typeof s.call>[1]>["as"], body: unknown) =>
      s.call("/v1/subjects/history", {
        as,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const before = (await accessEvents()).length;
    const ok = await post("dpo", { subject_key: released });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual(await overviewOf(released));
    const events = await accessEvents();
    expect(events).toHaveLength(before + 1);
    const dpoId = (await s.session.store.tokens.list()).find((t) => t.role === "dpo")?.id;
    expect(events.at(-1)).toMatchObject({
      actor: dpoId,
      role: "dpo",
      action: "subject_history",
      subject: hashOf(released),
    });
    const subject = await s.subjectToken(released);
    for (const as of [
      "regulator" as const,
      "operator" as const,
      "controller" as const,
      { bearer: subject },
    ]) {
      const res = await post(as, { subject_key: released });
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe("forbidden_role");
      expect(text).not.toContain(released);
    }
    // refused requests are not recorded as reads
    expect(await accessEvents()).toHaveLength(before + 1);
    const missing = await post("dpo", { key: released });
    expect(missing.status).toBe(400);
    const text = await missing.text();
    expect(JSON.parse(text).error.code).toBe("invalid_request");
    expect(text).not.toContain(released);
  });

  it("keeps a person's token to their own routes: 403 on every other route of the ledger", async () => {
    const token = await s.subjectToken(released);
    for (const path of [
      "/v1/releases",
      "/v1/releases/0",
      "/v1/proofs/inclusion?seq=0",
      "/v1/proofs/consistency?from=1",
      "/v1/checkpoint",
      "/v1/tiles/tile/0/000.p/2",
      "/v1/tiles/checkpoint",
    ]) {
      const res = await s.call(path, { as: { bearer: token } });
      expect(res.status, path).toBe(403);
      expect((await json<ErrorAnswer>(res)).error.code).toBe("forbidden_role");
    }
    // the /me routes take no subject from the request: a query naming another person changes nothing
    const mine = await s.call("/v1/subjects/me/history", { as: { bearer: token } });
    const other = await s.call(`/v1/subjects/me/history?subject_key=${known}`, { as: { bearer: token } });
    expect(await other.text()).toBe(await mine.text());
    // API tokens of every role are refused on the /me routes
    for (const role of ["operator", "dpo", "regulator", "controller"] as const)
      for (const path of ["/v1/subjects/me/history", "/v1/subjects/me/receipts"])
        expect((await s.call(path, { as: role })).status, `${role} ${path}`).toBe(403);
  });

  it("writes no subject key into any request log line", async () => {
    const log = s.lines.join("\n");
    expect(log).toContain("/v1/subjects/me/history");
    for (const key of [released, known, UNKNOWN]) expect(log).not.toContain(key);
  });
});
