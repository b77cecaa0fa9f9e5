// `jikimi witness` as a user runs it (dist/): init, vkey, add-log, then `serve` as a child process that answers
// add-checkpoint and stops cleanly on SIGTERM; two serving processes on one folder never move a size backwards.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openWitness } from "../src/app/witness.js";
import { verifyCosignatures } from "../src/witness/cosignature.js";
import { formatAddCheckpoint } from "../src/witness/request.js";
import { jikimi, tempDir } from "./support/cli.js";
import { rng } from "./support/random.js";
import { TestLog } from "./support/witness-log.js";
import { serveWitness } from "./support/witness-serve.js";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const serve = (dir: string) => serveWitness(dir, (child) => cleanups.push(() => child.kill("SIGKILL")));

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    else child.on("exit", (code, signal) => resolve({ code, signal }));
  });

async function post(url: string, body: string) {
  const res = await fetch(`${url}/add-checkpoint`, { method: "POST", body });
  return { status: res.status, text: await res.text() };
}

function witnessFolder(log: TestLog): { dir: string; vkey: string } {
  const { dir: tmp, cleanup } = tempDir("jikimi-witness-cli-");
  cleanups.push(cleanup);
  const dir = join(tmp, "w");
  const init = jikimi(["witness", "init", "--dir", dir, "--name", "witness.example/cli"]);
  expect(init.status).toBe(0);
  const vkey = init.stdout.trim();
  expect(
    jikimi(["witness", "add-log", "--dir", dir, "--origin", log.origin, "--vkey", log.vkey]).status,
  ).toBe(0);
  return { dir, vkey };
}

describe("jikimi witness", () => {
  it("init prints the vkey, never replaces the key; vkey and add-log work; bad input exits 2", () => {
    const log = new TestLog("ledger.example/cli");
    const { dir, vkey } = witnessFolder(log);
    expect(vkey).toMatch(/^witness\.example\/cli\+[0-9a-f]{8}\+B[A-Za-z0-9+/]{43}$/);
    expect(jikimi(["witness", "vkey", "--dir", dir]).stdout).toBe(`${vkey}\n`);
    const again = jikimi(["witness", "init", "--dir", dir, "--name", "witness.example/other"]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/never replaced/);
    expect(jikimi(["witness", "vkey", "--dir", dir]).stdout).toBe(`${vkey}\n`);
    const bad = jikimi(["witness", "add-log", "--dir", dir, "--origin", "x", "--vkey", vkey]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not an Ed25519 key/);
    expect(jikimi(["witness", "serve", "--dir", dir, "--listen", "localhost"]).stderr).toMatch(/host:port/);
  });

  it("serve answers add-checkpoint with a cosignature and stops cleanly on SIGTERM", async () => {
    const log = new TestLog("ledger.example/cli").grow(9);
    const { dir, vkey } = witnessFolder(log);
    const w = await serve(dir);
    const ok = await post(w.url, formatAddCheckpoint({ oldSize: 0, proof: [], note: log.note() }));
    expect(ok.status).toBe(200);
    expect(verifyCosignatures(`${log.note()}${ok.text}`, [vkey], 1).met).toBe(true);
    expect((await post(w.url, formatAddCheckpoint({ oldSize: 0, proof: [], note: log.note() }))).status).toBe(
      409,
    );
    w.child.kill("SIGTERM");
    expect(await exited(w.child)).toEqual({ code: 0, signal: null });
    expect(w.stderr()).toMatch(/add-checkpoint ledger\.example\/cli 0 -> 9: 200/);
    expect(w.stderr()).not.toContain(ok.text.split(" ")[2]?.trim() ?? "?");
    const state = await openWitness(dir);
    expect((await state.latest(log.origin))?.size).toBe(9);
    await state.close();
  });

  it("two processes serving one folder never move a size backwards under 100 concurrent requests", async () => {
    const log = new TestLog("ledger.example/cli").grow(120);
    const { dir } = witnessFolder(log);
    const [a, b] = await Promise.all([serve(dir), serve(dir)]);
    const reader = await openWitness(dir);
    cleanups.unshift(() => reader.close());
    const next = rng(11);
    let seen = 0;
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const old = next() % 60;
        const size = Math.min(log.size, old + 1 + (next() % 30));
        const url = (i % 2 === 0 ? a : b)?.url as string;
        const r = await post(
          url,
          formatAddCheckpoint({ oldSize: old, proof: log.proof(old, size), note: log.note(size) }),
        );
        const stored = (await reader.latest(log.origin))?.size ?? 0;
        expect([200, 409]).toContain(r.status);
        expect(stored).toBeGreaterThanOrEqual(r.status === 200 ? size : Number(r.text));
        expect(stored).toBeGreaterThanOrEqual(seen);
        seen = stored;
        return { ...r, size };
      }),
    );
    const cosigned = results.filter((r) => r.status === 200).map((r) => r.size);
    expect(cosigned.length).toBeGreaterThan(0);
    expect((await reader.latest(log.origin))?.size).toBe(Math.max(...cosigned));
    for (const w of [a, b]) w?.child.kill("SIGTERM");
    for (const w of [a, b]) expect((await exited(w?.child as ChildProcessWithoutNullStreams)).code).toBe(0);
  });
});
