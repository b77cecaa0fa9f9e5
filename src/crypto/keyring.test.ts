// the keyring's life: rotation (ledger-subjects refused), shredding (active key guarded, signing key's
// public part kept), sealing with a passphrase, mode 0600 after every write, and error messages that
// never carry a secret or the passphrase.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { JikimiError } from "../errors.js";
import { takeLock } from "../io/lock.js";
import { deriveKey } from "./derive.js";
import {
  initKeyring,
  isSealed,
  type Keyring,
  loadKeyring,
  rotateKey,
  sealKeyring,
  shredKey,
  unsealKeyring,
} from "./keyring.js";
import { signerFrom, verifySignature } from "./signing.js";

const PASS = "correct horse battery staple";
const SEALED = { JIKIMI_KEYRING_PASSPHRASE: PASS };
const PLAIN = { JIKIMI_KEYRING_PASSPHRASE: "" };
const NOW = new Date("2024-06-01T00:00:00Z");

const dirs: string[] = [];
/** every error message the tests provoke, and every secret they saw: scanned after each test */
const messages: string[] = [];
const secrets = new Set<string>([PASS, "wrong passphrase!!"]);

afterEach(() => {
  for (const m of messages.splice(0))
    for (const s of secrets) {
      expect(m).not.toContain(s);
      expect(m).not.toContain(Buffer.from(s, "base64").toString("hex"));
    }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function keyringFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-keyring-"));
  dirs.push(dir);
  return join(dir, "keys", "test.keyring");
}

/** Remembers a keyring's secrets, so no error message may contain them. */
function remember(ring: Keyring): Keyring {
  for (const k of ring.file.keys) if (k.secret) secrets.add(k.secret);
  return ring;
}

/** The JikimiError `fn` throws, its message kept for the secret scan. */
function failure(fn: () => unknown): JikimiError {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof JikimiError)) throw error;
    messages.push(error.message);
    return error;
  }
  throw new Error("expected a JikimiError");
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe("rotateKey", () => {
  it("makes a new active master key and retires the old one, still found by id", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, PLAIN));
    const old = ring.active("master");
    const r = rotateKey(path, "master", new Date("2024-07-01T00:00:00Z"), PLAIN);
    remember(r.keyring);
    expect(mode(path)).toBe(0o600);
    expect(r.retired).toEqual([old.id]);
    const loaded = loadKeyring(path, PLAIN);
    expect(loaded.active("master").id).toBe(r.active);
    expect(r.active).not.toBe(old.id);
    expect(loaded.byId(old.id)).toMatchObject({
      status: "retired",
      retired: "2024-07-01T00:00:00.000Z",
      secret: old.secret,
    });
    expect(loaded.file.keys.filter((k) => k.status === "active")).toHaveLength(3);
  });

  it("rotates the signing key while old signatures still verify with the retired key", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, PLAIN));
    const old = signerFrom(ring.active("ledger-signing"));
    const signature = old.sign(Buffer.from("checkpoint"));
    const loaded = remember(rotateKey(path, "ledger-signing", NOW, PLAIN).keyring);
    expect(loaded.active("ledger-signing").id).not.toBe(old.keyId);
    const retired = loaded.byId(old.keyId);
    expect(retired?.status).toBe("retired");
    expect(verifySignature(retired?.public ?? "", Buffer.from("checkpoint"), signature)).toBe(true);
  });

  it("refuses the ledger-subjects key and says why", () => {
    const path = keyringFile();
    remember(initKeyring(path, NOW, PLAIN));
    const before = readFileSync(path, "utf8");
    const e = failure(() => rotateKey(path, "ledger-subjects", NOW, PLAIN));
    expect(e.code).toBe("key_rotation_refused");
    expect(e.kind).toBe("input");
    expect(e.message).toMatch(/subject dictionary is keyed by it/);
    expect(e.message).toMatch(/split each subject's transfer history/);
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("refuses to change a keyring another change holds the lock of", () => {
    const path = keyringFile();
    remember(initKeyring(path, NOW, PLAIN));
    const held = takeLock(path, () => new JikimiError("share_running", "busy"));
    const e = failure(() => rotateKey(path, "master", NOW, PLAIN));
    expect(e.code).toBe("keyring_locked");
    expect(e.message).toContain(`process ${process.pid}`);
    held.release();
    // a lock file left by an older jikimi (or anything else) no longer blocks a change
    writeFileSync(`${path}.lock`, "");
    expect(rotateKey(path, "master", NOW, PLAIN).retired).toHaveLength(1);
    rmSync(`${path}.lock`, { force: true });
  });
});

describe("shredKey", () => {
  it("removes a retired key's secret for good and keeps its id, purpose and dates", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, PLAIN));
    const old = ring.active("master");
    remember(rotateKey(path, "master", NOW, PLAIN).keyring);
    const shredded = shredKey(path, old.id, new Date("2024-08-01T00:00:00Z"), { env: PLAIN });
    expect(mode(path)).toBe(0o600);
    expect(shredded.byId(old.id)).toEqual({
      id: old.id,
      purpose: "master",
      algorithm: "hkdf-sha256",
      created: old.created,
      status: "shredded",
      retired: NOW.toISOString(),
      shredded: "2024-08-01T00:00:00.000Z",
    });
    expect(readFileSync(path, "utf8")).not.toContain(old.secret);
    const e = failure(() =>
      deriveKey(loadKeyring(path, PLAIN), {
        use: "token",
        agreement: "a",
        recipient: "r",
        length: 32,
        master: old.id,
      }),
    );
    expect(e.code).toBe("key_shredded");
    expect(failure(() => shredKey(path, old.id, NOW, { env: PLAIN })).code).toBe("key_already_shredded");
    expect(failure(() => shredKey(path, "master-00000000", NOW, { env: PLAIN })).code).toBe("key_unknown");
  });

  it("refuses the active key of a purpose without force, and leaves none with it", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, PLAIN));
    const master = ring.active("master");
    const e = failure(() => shredKey(path, master.id, NOW, { env: PLAIN }));
    expect(e.code).toBe("key_shred_active");
    expect(e.message).toMatch(/jikimi keys rotate master.*--force/);
    expect(loadKeyring(path, PLAIN).active("master").id).toBe(master.id);
    const forced = shredKey(path, master.id, NOW, { force: true, env: PLAIN });
    expect(failure(() => forced.active("master")).message).toMatch(/no active master key/);
    expect(
      failure(() => deriveKey(forced, { use: "pseudonym", agreement: "a", recipient: "r", length: 32 })).code,
    ).toBe("key_missing");
  });

  it("keeps a shredded signing key's public part, so its signatures still verify", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, PLAIN));
    const key = ring.active("ledger-signing");
    const signature = signerFrom(key).sign(Buffer.from("root"));
    // a keyring written before public keys were stored: rotation recovers the public part before it drops the secret
    const file = JSON.parse(readFileSync(path, "utf8")) as { keys: { id: string; public?: string }[] };
    for (const k of file.keys) if (k.id === key.id) delete k.public;
    writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
    const retired = rotateKey(path, "ledger-signing", NOW, PLAIN).keyring.byId(key.id);
    expect(retired?.secret).toBeUndefined();
    expect(retired?.public).toBe(key.public);
    const shredded = shredKey(path, key.id, NOW, { env: PLAIN }).byId(key.id);
    expect(shredded?.secret).toBeUndefined();
    expect(shredded?.public).toBe(key.public);
    expect(verifySignature(shredded?.public ?? "", Buffer.from("root"), signature)).toBe(true);
  });
});

describe("sealing", () => {
  it("seals at init with the passphrase and opens with it; no key material stays readable", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, SEALED));
    expect(ring.sealed).toBe(true);
    expect(mode(path)).toBe(0o600);
    const text = readFileSync(path, "utf8");
    const onDisk = JSON.parse(text) as { format: string; sealed: Record<string, unknown> };
    expect(Object.keys(onDisk).sort()).toEqual(["format", "sealed"]);
    expect(onDisk.format).toBe("jikimi-keyring/1");
    expect(Object.keys(onDisk.sealed).sort()).toEqual([
      "N",
      "ciphertext",
      "iv",
      "kdf",
      "p",
      "r",
      "salt",
      "tag",
    ]);
    for (const k of ring.file.keys) {
      expect(text).not.toContain(k.id);
      expect(text).not.toContain(k.secret);
    }
    expect(isSealed(path)).toBe(true);
    const opened = loadKeyring(path, SEALED);
    expect(opened.sealed).toBe(true);
    expect(opened.file).toEqual(ring.file);
  });

  it("says the keyring is sealed without a passphrase, and that a wrong one does not open it", () => {
    const path = keyringFile();
    remember(initKeyring(path, NOW, SEALED));
    const missing = failure(() => loadKeyring(path, PLAIN));
    expect(missing.code).toBe("keyring_sealed");
    expect(missing.kind).toBe("conflict");
    expect(missing.message).toMatch(/the keyring .* is sealed: set JIKIMI_KEYRING_PASSPHRASE/);
    const wrong = failure(() => loadKeyring(path, { JIKIMI_KEYRING_PASSPHRASE: "wrong passphrase!!" }));
    expect(wrong.code).toBe("keyring_passphrase_wrong");
    expect(wrong.kind).toBe("input");
    expect(wrong.message).toMatch(/the passphrase does not open the keyring/);
    expect(wrong.cause).toBeUndefined();
  });

  it("refuses an altered sealed file as not opening", () => {
    const path = keyringFile();
    remember(initKeyring(path, NOW, SEALED));
    const file = JSON.parse(readFileSync(path, "utf8")) as { sealed: { ciphertext: string } };
    const bytes = Buffer.from(file.sealed.ciphertext, "base64");
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    file.sealed.ciphertext = bytes.toString("base64");
    writeFileSync(path, JSON.stringify(file), { mode: 0o600 });
    expect(failure(() => loadKeyring(path, SEALED)).code).toBe("keyring_passphrase_wrong");
  });

  it("keeps a sealed keyring sealed through rotation and shredding", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, SEALED));
    const old = ring.active("master").id;
    expect(failure(() => rotateKey(path, "master", NOW, PLAIN)).code).toBe("keyring_sealed");
    remember(rotateKey(path, "master", NOW, SEALED).keyring);
    expect(mode(path)).toBe(0o600);
    expect(isSealed(path)).toBe(true);
    shredKey(path, old, NOW, { env: SEALED });
    expect(mode(path)).toBe(0o600);
    expect(isSealed(path)).toBe(true);
    expect(loadKeyring(path, SEALED).byId(old)?.status).toBe("shredded");
  });

  it("converts a plain keyring to sealed and back", () => {
    const path = keyringFile();
    const ring = remember(initKeyring(path, NOW, PLAIN));
    expect(ring.sealed).toBe(false);
    expect(failure(() => sealKeyring(path, PLAIN)).code).toBe("keyring_passphrase_missing");
    expect(failure(() => sealKeyring(path, { JIKIMI_KEYRING_PASSPHRASE: "short" })).code).toBe(
      "keyring_passphrase_weak",
    );
    expect(failure(() => unsealKeyring(path, SEALED)).code).toBe("keyring_not_sealed");
    expect(sealKeyring(path, SEALED).sealed).toBe(true);
    expect(mode(path)).toBe(0o600);
    expect(failure(() => sealKeyring(path, SEALED)).code).toBe("keyring_already_sealed");
    expect(loadKeyring(path, SEALED).file).toEqual(ring.file);
    expect(failure(() => unsealKeyring(path, PLAIN)).code).toBe("keyring_sealed");
    expect(unsealKeyring(path, SEALED).sealed).toBe(false);
    expect(mode(path)).toBe(0o600);
    expect(isSealed(path)).toBe(false);
    expect(loadKeyring(path, PLAIN).file).toEqual(ring.file);
  });

  it("refuses a weak passphrase at init and never overwrites an existing keyring", () => {
    const path = keyringFile();
    expect(failure(() => initKeyring(path, NOW, { JIKIMI_KEYRING_PASSPHRASE: "short" })).code).toBe(
      "keyring_passphrase_weak",
    );
    remember(initKeyring(path, NOW, SEALED));
    expect(failure(() => initKeyring(path, NOW, SEALED)).code).toBe("keyring_exists");
    expect(failure(() => shredKey(`${path}.missing`, "x", NOW, { env: SEALED })).code).toBe(
      "keyring_missing",
    );
  });
});
