import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/cli.js";
import { seedOf, TestLog } from "../../test/support/witness-log.js";
import { initWitness, openWitness } from "../app/witness.js";
import { verifyConsistency } from "../ledger/merkle/verify-proof.js";
import { signerFromSeed } from "../ledger/note/signed-note.js";
import { cosignerFromSeed } from "./cosignature.js";
import { DB_FILE, KEY_FILE } from "./state.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function folder(): string {
  const { dir, cleanup } = tempDir("jikimi-witness-state-");
  cleanups.push(cleanup);
  return join(dir, "w");
}
const mode = (path: string) => statSync(path).mode & 0o777;

describe("the witness's folder", () => {
  it("creates a private folder, a 0600 key in Go's note key format and a 0600 database", async () => {
    const dir = folder();
    const seed = seedOf("w1");
    const { vkey } = await initWitness(dir, "witness.example/w1", seed);
    expect(vkey).toBe(cosignerFromSeed("witness.example/w1", seed).vkey);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, KEY_FILE))).toBe(0o600);
    expect(mode(join(dir, DB_FILE))).toBe(0o600);
    const id = signerFromSeed("witness.example/w1", seed).id.toString(16).padStart(8, "0");
    expect(readFileSync(join(dir, KEY_FILE), "utf8")).toBe(
      `PRIVATE+KEY+witness.example/w1+${id}+${Buffer.concat([Buffer.from([1]), seed]).toString("base64")}\n`,
    );
    const state = await openWitness(dir);
    await state.addLog("ledger.example/a", new TestLog("ledger.example/a").vkey);
    for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) expect(mode(join(dir, f))).toBe(0o600);
    expect(state.cosigner.vkey).toBe(vkey);
    await state.close();
  });

  it("never overwrites a key, and refuses a key file others can read or that was altered", async () => {
    const dir = folder();
    await initWitness(dir, "witness.example/w1", seedOf("w1"));
    const before = readFileSync(join(dir, KEY_FILE), "utf8");
    await expect(initWitness(dir, "witness.example/w2", seedOf("w2"))).rejects.toThrow(/never replaced/);
    expect(readFileSync(join(dir, KEY_FILE), "utf8")).toBe(before);
    chmodSync(join(dir, KEY_FILE), 0o644);
    await expect(openWitness(dir)).rejects.toThrow(/chmod 600/);
    chmodSync(join(dir, KEY_FILE), 0o600);
    writeFileSync(join(dir, KEY_FILE), before.replace("witness.example/w1", "witness.example/w9"));
    await expect(openWitness(dir)).rejects.toThrow(/altered/);
    await expect(openWitness(folder())).rejects.toThrow(/jikimi witness init/);
  });

  it("refuses a folder other users can enter, and names the fix", async () => {
    const dir = folder();
    await initWitness(dir, "witness.example/w1", seedOf("w1"));
    chmodSync(dir, 0o755);
    await expect(openWitness(dir)).rejects.toThrow(/chmod 700/);
  });

  it("keeps the logs' keys (several per origin) and refuses what is not an Ed25519 log key", async () => {
    const dir = folder();
    await initWitness(dir, "witness.example/w1", seedOf("w1"));
    const state = await openWitness(dir);
    const a = new TestLog("ledger.example/a");
    const rotated = new TestLog("ledger.example/a", seedOf("rotated"));
    expect(await state.addLog(a.origin, a.vkey)).toBe(true);
    expect(await state.addLog(a.origin, a.vkey)).toBe(false);
    expect(await state.addLog(a.origin, rotated.vkey)).toBe(true);
    expect((await state.logKeys(a.origin)).sort()).toEqual([a.vkey, rotated.vkey].sort());
    expect(await state.logKeys("ledger.example/unknown")).toEqual([]);
    await expect(state.addLog("b", state.cosigner.vkey)).rejects.toThrow(/Ed25519/);
    await expect(state.addLog("two\nlines", a.vkey)).rejects.toThrow(/one non-empty line/);
    expect(await state.logs()).toEqual([{ origin: a.origin, vkeys: expect.any(Array), size: 0 }]);
    await state.close();
  });
});

describe("advancing a log (compare-and-swap)", () => {
  async function setup() {
    const dir = folder();
    await initWitness(dir, "witness.example/w1", seedOf("w1"));
    const log = new TestLog("ledger.example/a").grow(10);
    const state = await openWitness(dir);
    await state.addLog(log.origin, log.vkey);
    const advance = (old: number, size: number, l = log) =>
      state.advance(l.origin, old, size, l.tree.rootAt(size), (oldRoot) =>
        verifyConsistency(old, size, oldRoot, l.tree.rootAt(size), l.proof(old, size)),
      );
    return { dir, log, state, advance };
  }

  it("moves forward only from the latest size, with a consistency proof from the stored root", async () => {
    const { state, log, advance } = await setup();
    expect(await advance(0, 4)).toEqual({ kind: "advanced", previous: 0 });
    expect(await advance(0, 6)).toEqual({ kind: "stale", latest: 4 });
    expect(await advance(4, 7)).toEqual({ kind: "advanced", previous: 4 });
    expect(await advance(4, 9)).toEqual({ kind: "stale", latest: 7 });
    expect(await advance(7, 7)).toEqual({ kind: "advanced", previous: 7 });
    const forked = log.rewrite(5, 9);
    expect(await advance(7, 9, forked)).toEqual({ kind: "inconsistent", latest: 7 });
    expect(await advance(7, 7, log.rewrite(5, 7))).toEqual({ kind: "root_mismatch", latest: 7 });
    expect(await state.latest(log.origin)).toEqual({ size: 7, root: log.tree.rootAt(7) });
    await state.close();
  });

  it("keeps its latest size across a restart, and two connections on one folder see one sequence", async () => {
    const { dir, log, state, advance } = await setup();
    await advance(0, 5);
    await state.close();
    const again = await openWitness(dir);
    const other = await openWitness(dir);
    expect((await again.latest(log.origin))?.size).toBe(5);
    const step = async (s: typeof again, old: number, size: number) =>
      (
        await s.advance(log.origin, old, size, log.tree.rootAt(size), (r) =>
          verifyConsistency(old, size, r, log.tree.rootAt(size), log.proof(old, size)),
        )
      ).kind;
    expect(await step(other, 5, 8)).toBe("advanced");
    expect(await step(again, 5, 6)).toBe("stale");
    expect((await again.latest(log.origin))?.size).toBe(8);
    await again.close();
    await other.close();
  });

  it("lets one of two concurrent advances from the same size win; the other finds the new size", async () => {
    const { state, log, advance } = await setup();
    const [a, b] = await Promise.all([advance(0, 5), advance(0, 8)]);
    const outcomes = [a, b].map((o) => o.kind).sort();
    expect(outcomes).toEqual(["advanced", "stale"]);
    const won = a.kind === "advanced" ? 5 : 8;
    expect([a, b].find((o) => o.kind === "stale")).toEqual({ kind: "stale", latest: won });
    expect(await state.latest(log.origin)).toEqual({ size: won, root: log.tree.rootAt(won) });
    await state.close();
  });

  it("keeps evidence of refused signed requests, the last 100 per origin", async () => {
    const { state } = await setup();
    for (let i = 0; i < 105; i++)
      await state.recordEvidence("ledger.example/a", "inconsistent", `request ${i}`);
    const kept = await state.evidence("ledger.example/a");
    expect(kept).toHaveLength(100);
    expect(kept[0]?.request).toBe("request 5");
    expect(kept.at(-1)?.request).toBe("request 104");
    await state.close();
  });
});
