// the add-checkpoint contract of c2sp.org/tlog-witness, called on the Hono app directly (no socket).
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/cli.js";
import { seedOf, TestLog } from "../../test/support/witness-log.js";
import { initWitness, openWitness } from "../app/witness.js";
import { checkpointText } from "../ledger/note/checkpoint.js";
import { signNote } from "../ledger/note/signed-note.js";
import { verifyCosignatures } from "./cosignature.js";
import { formatAddCheckpoint } from "./request.js";
import { witnessApp } from "./server.js";

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(maxBodyBytes?: number) {
  const { dir, cleanup } = tempDir("jikimi-witness-app-");
  await initWitness(join(dir, "w"), "witness.example/w1", seedOf("w1"));
  const state = await openWitness(join(dir, "w"));
  cleanups.push(async () => {
    await state.close();
    cleanup();
  });
  const log = new TestLog("ledger.example/a").grow(12);
  await state.addLog(log.origin, log.vkey);
  const lines: string[] = [];
  const app = witnessApp({ state, now: () => 1700000000, log: (l) => lines.push(l), maxBodyBytes });
  const post = async (body: string | Uint8Array) => {
    const res = await app.request("/add-checkpoint", { method: "POST", body });
    return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
  };
  const add = (oldSize: number, size: number, l: TestLog = log, proof = l.proof(oldSize, size)) =>
    post(formatAddCheckpoint({ oldSize, proof, note: l.note(size) }));
  return { state, log, lines, app, post, add };
}

describe("POST /add-checkpoint", () => {
  it("200: stores the checkpoint, then answers with a cosignature line that verifies, dated by the clock", async () => {
    const { state, log, add } = await setup();
    const r = await add(0, 5);
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^\u2014 witness\.example\/w1 \S+\n$/);
    const check = verifyCosignatures(`${log.note(5)}${r.text}`, [state.cosigner.vkey], 1);
    expect(check.cosigned).toEqual([
      expect.objectContaining({ witness: "witness.example/w1", time: 1700000000 }),
    ]);
    expect((await state.latest(log.origin))?.size).toBe(5);
    expect((await add(5, 9)).status).toBe(200);
    // the same checkpoint again (old size = size, same root) is cosigned again
    expect((await add(9, 9)).status).toBe(200);
    expect((await state.latest(log.origin))?.size).toBe(9);
  });

  it("404 for an origin the witness does not witness", async () => {
    const { add } = await setup();
    expect((await add(0, 3, new TestLog("ledger.example/other").grow(3))).status).toBe(404);
  });

  it("403 when no signature verifies with the log's trusted key", async () => {
    const { log, post, state } = await setup();
    const impostor = new TestLog(log.origin, seedOf("someone else")).grow(3);
    expect((await post(formatAddCheckpoint({ oldSize: 0, proof: [], note: impostor.note() }))).status).toBe(
      403,
    );
    // the trusted key's signature moved onto another root
    const note = log.note(3);
    const forged = note.replace(
      Buffer.from(log.tree.rootAt(3)).toString("base64"),
      Buffer.from(log.tree.rootAt(4)).toString("base64"),
    );
    expect((await post(formatAddCheckpoint({ oldSize: 0, proof: [], note: forged }))).status).toBe(403);
    expect(await state.latest(log.origin)).toBeUndefined();
  });

  it("400 for malformed bodies and checkpoints, and for an old size above the checkpoint's", async () => {
    const { log, post, add } = await setup();
    expect((await post("hello")).status).toBe(400);
    expect((await post(`old 0\n\n${log.text()}`)).status).toBe(400);
    const badSize = signNote(log.text().replace("\n12\n", "\n012\n"), [log.signer]);
    expect((await post(`old 0\n\n${badSize}`)).status).toBe(400);
    expect((await post(new Uint8Array([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xc3]))).status).toBe(400);
    expect((await add(6, 5, log, [])).status).toBe(400);
  });

  it("409 with the latest size as text/x.tlog.size when the old size is not the latest", async () => {
    const { add } = await setup();
    await add(0, 7);
    for (const old of [0, 5, 8]) {
      const r = await add(old, 10);
      expect(r).toEqual({ status: 409, type: "text/x.tlog.size", text: "7\n" });
    }
  });

  it("of two concurrent requests from the same old size only one is cosigned; the other gets 409 and its size", async () => {
    const { log, add, state } = await setup();
    await add(0, 3);
    const [a, b] = await Promise.all([add(3, 6), add(3, 9)]);
    const won = a.status === 200 ? 6 : 9;
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)).toEqual({
      status: 409,
      type: "text/x.tlog.size",
      text: `${won}\n`,
    });
    expect(await state.latest(log.origin)).toEqual({ size: won, root: log.tree.rootAt(won) });
  });

  it("409 for the same size with another root; 422 for a consistency proof that fails; both kept as evidence", async () => {
    const { log, add, state } = await setup();
    await add(0, 7);
    const rewritten = log.rewrite(4, 12);
    expect(await add(7, 7, rewritten)).toEqual({ status: 409, type: "text/x.tlog.size", text: "7\n" });
    expect((await add(7, 12, rewritten)).status).toBe(422);
    // a proof for other sizes, a truncated proof, and a proof where none is allowed (old size 0)
    expect((await add(7, 12, log, log.proof(6, 12))).status).toBe(422);
    expect((await add(7, 12, log, log.proof(7, 12).slice(1))).status).toBe(422);
    expect((await state.evidence(log.origin)).map((e) => e.reason)).toEqual([
      "root_mismatch",
      "inconsistent",
      "inconsistent",
      "inconsistent",
    ]);
    expect((await state.latest(log.origin))?.size).toBe(7);
    const fresh = await setup();
    expect((await fresh.add(0, 5, fresh.log, fresh.log.proof(3, 5))).status).toBe(422);
  });

  it("413 for a body over the limit, 405 for other methods, 404 for other paths", async () => {
    const { app, post } = await setup(1024);
    expect((await post("x".repeat(2048))).status).toBe(413);
    expect((await app.request("/add-checkpoint")).status).toBe(405);
    expect((await app.request("/add-checkpoint")).headers.get("allow")).toBe("POST");
    expect((await app.request("/", { method: "POST", body: "x" })).status).toBe(404);
  });

  it("logs origin, sizes and status, never a signature or a key", async () => {
    const { add, lines, log, state } = await setup();
    await add(0, 5);
    await add(0, 6);
    expect(lines[0]).toMatch(/^add-checkpoint ledger\.example\/a 0 -> 5: 200 \(\d+\.\d ms\)$/);
    expect(lines[1]).toMatch(/: 409 /);
    const secrets = [
      log.note(5).split("\n").at(-2)?.split(" ")[2] ?? "?",
      state.cosigner.vkey.split("+")[2] ?? "?",
    ];
    for (const l of lines) for (const s of secrets) expect(l).not.toContain(s);
  });

  it("cosigns a checkpoint with extension lines over its whole text", async () => {
    const { log, post, state } = await setup();
    const text = checkpointText({
      origin: log.origin,
      size: 3,
      root: log.tree.rootAt(3),
      extensions: ["ext line"],
    });
    const note = signNote(text, [log.signer]);
    const r = await post(formatAddCheckpoint({ oldSize: 0, proof: [], note }));
    expect(r.status).toBe(200);
    expect(verifyCosignatures(`${note}${r.text}`, [state.cosigner.vkey], 1).met).toBe(true);
    expect(() =>
      verifyCosignatures(`${note.replace("ext line", "ext linf")}${r.text}`, [state.cosigner.vkey], 1),
    ).toThrow(/does not verify/);
  });
});
