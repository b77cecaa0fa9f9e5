// the keyring's and derived keys' messages in Korean: where the keyring is missing or open to others, a locked
// keyring naming its holder, a refused rotation or shredding, and an unknown master key; never a secret.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { JikimiError } from "../errors.js";
import { withLanguage } from "../i18n/index.js";
import { takeLock } from "../io/lock.js";
import { deriveKey } from "./derive.js";
import { initKeyring, loadKeyring, rotateKey, shredKey } from "./keyring.js";

const PLAIN = { JIKIMI_KEYRING_PASSPHRASE: "" };
const NOW = new Date("2024-06-01T00:00:00Z");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function keyringFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-keys-ko-"));
  dirs.push(dir);
  return join(dir, "test.keyring");
}

/** The error `fn` throws, made while Korean is in force. */
function koFailure(fn: () => unknown): JikimiError {
  return withLanguage("ko", () => {
    try {
      fn();
    } catch (e) {
      if (e instanceof JikimiError) return e;
      throw e;
    }
    throw new Error("expected a JikimiError");
  });
}

describe("keyring messages in Korean", () => {
  it("say where the keyring is missing, or who can read it, and what to do", () => {
    const path = keyringFile();
    const missing = koFailure(() => loadKeyring(path, PLAIN));
    expect(missing.code).toBe("keyring_missing");
    expect(missing.message).toBe(`${path}에 키링이 없습니다: \`jikimi keys init\`으로 만드세요`);
    initKeyring(path, NOW, PLAIN);
    chmodSync(path, 0o644);
    const open = koFailure(() => loadKeyring(path, PLAIN));
    expect(open.message).toBe(
      `키링 ${path}을(를) 다른 사용자가 읽을 수 있습니다(모드 644): chmod 600을 실행하세요`,
    );
    chmodSync(path, 0o600);
  });

  it("refuse a rotation, a shredding and a locked change in Korean", () => {
    const path = keyringFile();
    const ring = initKeyring(path, NOW, PLAIN);
    const rotation = koFailure(() => rotateKey(path, "ledger-subjects", NOW, PLAIN));
    expect(rotation.code).toBe("key_rotation_refused");
    expect(rotation.summary).toBe("ledger-subjects 키는 교체할 수 없습니다");
    const master = ring.active("master").id;
    const shred = koFailure(() => shredKey(path, master, NOW));
    expect(shred.message).toBe(
      `${master}은(는) 사용 중인 master 키입니다: 파기하면 쓸 수 있는 master 키가 남지 않습니다. 먼저 교체하세요(\`jikimi keys rotate master\`). 그래도 파기하려면 --force를 주세요`,
    );
    const held = takeLock(path, () => new JikimiError("share_running", "busy"));
    try {
      const locked = koFailure(() => rotateKey(path, "master", NOW, PLAIN));
      expect(locked.code).toBe("keyring_locked");
      expect(locked.message).toBe(
        `다른 jikimi가 키링 ${path}을(를) 변경하고 있습니다(프로세스 ${process.pid}, ${/\d{4}-\d\d-\d\dT[\d:.]+Z/.exec(locked.message)?.[0]}부터): 끝날 때까지 기다린 뒤 다시 시도하세요`,
      );
    } finally {
      held.release();
    }
  });

  it("name an unknown master key in Korean, and in English as before", () => {
    const path = keyringFile();
    const ring = initKeyring(path, NOW, PLAIN);
    const params = {
      use: "token",
      agreement: "a",
      recipient: "r",
      length: 64,
      master: "master-00000000",
    } as const;
    expect(koFailure(() => deriveKey(ring, params)).message).toBe(
      `키링 ${path}에 마스터 키 master-00000000이(가) 없습니다`,
    );
    expect(() => deriveKey(ring, params)).toThrow(`the keyring ${path} has no master key master-00000000`);
  });
});
