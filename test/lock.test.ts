// the lock contract (src/io/lock.ts): one holder across processes, the owner named to the refused, a SIGKILLed
// holder's lock free at once, a normal exit releases it; the keyring's change lock is the same lock.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initKeyring, rotateKey } from "../src/crypto/keyring.js";
import { JikimiError } from "../src/errors.js";
import { lockOwner, takeLock } from "../src/io/lock.js";
import { ROOT, tempDir } from "./support/cli.js";

const HOLDER = join(ROOT, "test", "support", "lock-holder.mjs");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Starts a holder and resolves with its first line ("held" or "busy: ..."). */
function holder(base: string): Promise<{ child: ChildProcessWithoutNullStreams; line: string }> {
  const child = spawn(process.execPath, [HOLDER, base]);
  cleanups.push(() => child.kill("SIGKILL"));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve({ child, line: out.trim() });
    });
    child.on("error", reject);
    child.on("exit", () => resolve({ child, line: out.trim() }));
  });
}

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on("exit", (code) => resolve(code));
  });

const refused = () => new JikimiError("share_running", "busy");

describe("takeLock", () => {
  it("lets one process hold it; the next is refused at once and told who holds it", async () => {
    const { dir, cleanup } = tempDir("jikimi-lock-");
    cleanups.push(cleanup);
    const base = join(dir, "locks", "a");
    const first = await holder(base);
    expect(first.line).toBe("held");
    const second = await holder(base);
    expect(second.line).toBe(`busy: held by ${first.child.pid}`);
    // in this process too: the owner is named, with the time it started
    const e = (() => {
      try {
        takeLock(base, (o) => new JikimiError("share_running", `${o?.pid}`));
      } catch (x) {
        return x as JikimiError;
      }
      return undefined;
    })();
    expect(e?.message).toBe(String(first.child.pid));
    expect(lockOwner(base)?.started).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    first.child.stdin.end();
    expect(await exited(first.child)).toBe(0);
    // released on a normal exit: taken again, and the owner file went with it
    const lock = takeLock(base, refused);
    expect(lockOwner(base)?.pid).toBe(process.pid);
    lock.release();
    expect(existsSync(`${base}.lock`)).toBe(false);
  });

  it("is free the moment a SIGKILLed holder dies: no stale lock, no pid to read", async () => {
    const { dir, cleanup } = tempDir("jikimi-lock-");
    cleanups.push(cleanup);
    const base = join(dir, "b");
    for (let i = 0; i < 3; i++) {
      const h = await holder(base);
      expect(h.line).toBe("held");
      h.child.kill("SIGKILL");
      await exited(h.child);
      // the dead holder's owner file stays (for messages only); it does not block
      expect(readFileSync(`${base}.lock`, "utf8")).toContain(String(h.child.pid));
      const lock = takeLock(base, refused);
      lock.release();
    }
  });

  it("refuses a second take in the same process and frees on release", () => {
    const { dir, cleanup } = tempDir("jikimi-lock-");
    cleanups.push(cleanup);
    const base = join(dir, "c");
    const lock = takeLock(base, refused);
    expect(() => takeLock(base, refused)).toThrow("busy");
    lock.release();
    lock.release();
    takeLock(base, refused).release();
  });

  it("a killed key change leaves nothing that blocks the next one", async () => {
    const { dir, cleanup } = tempDir("jikimi-lock-");
    cleanups.push(cleanup);
    const path = join(dir, "k.keyring");
    initKeyring(path, new Date("2024-01-01T00:00:00Z"), {});
    const h = await holder(path);
    expect(h.line).toBe("held");
    let e: unknown;
    try {
      rotateKey(path, "master", new Date(), {});
    } catch (x) {
      e = x;
    }
    expect((e as JikimiError).code).toBe("keyring_locked");
    expect((e as JikimiError).message).toContain(`process ${h.child.pid}`);
    h.child.kill("SIGKILL");
    await exited(h.child);
    expect(rotateKey(path, "master", new Date(), {}).retired).toHaveLength(1);
    // an old-style lock file does not block either
    writeFileSync(`${path}.lock`, "12345");
    expect(rotateKey(path, "master", new Date(), {}).retired).toHaveLength(1);
  });
});
