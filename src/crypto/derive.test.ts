// per-agreement key derivation: deterministic, separated by recipient, use, scope and length, shared
// through a link_key only within one recipient, changed by rotation, and plain RFC 5869 HKDF-SHA256.
import { hkdfSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type DeriveParams, deriveInfo, deriveKey, masterIdOf } from "./derive.js";
import { initKeyring, type Keyring, loadKeyring, rotateKey, shredKey } from "./keyring.js";

const NO_PASSPHRASE = { JIKIMI_KEYRING_PASSPHRASE: "" };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ring(): Keyring {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-derive-"));
  dirs.push(dir);
  return initKeyring(join(dir, "test.keyring"), new Date("2024-01-01T00:00:00Z"), NO_PASSPHRASE);
}

const BASE: DeriveParams = {
  use: "pseudonym",
  agreement: "nsf-credit-feed",
  recipient: "orbit-pay-sg",
  length: 32,
};
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("deriveKey", () => {
  it("gives the same key and key id for the same inputs, and the id names the master key", () => {
    const r = ring();
    const a = deriveKey(r, BASE);
    const b = deriveKey(loadKeyring(r.path, NO_PASSPHRASE), { ...BASE });
    expect(hex(a.key)).toBe(hex(b.key));
    expect(a.keyId).toBe(b.keyId);
    expect(a.key).toHaveLength(32);
    expect(deriveKey(r, { ...BASE, length: 64 }).key).toHaveLength(64);
    expect(a.keyId).toMatch(/^master-[0-9a-f]{8}\/[0-9a-f]{16}$/);
    expect(masterIdOf(a.keyId)).toBe(r.active("master").id);
  });

  it("separates recipients, uses, agreements and lengths", () => {
    const r = ring();
    const variants: DeriveParams[] = [
      BASE,
      { ...BASE, recipient: "other-recipient" },
      { ...BASE, use: "token" },
      { ...BASE, agreement: "another-agreement" },
      { ...BASE, scope: "nsf-credit-feed" }, // a link_key named like the agreement is still another scope
      { ...BASE, length: 64 },
    ];
    const keys = variants.map((v) => deriveKey(r, v));
    expect(new Set(keys.map((k) => hex(k.key).slice(0, 64))).size).toBe(variants.length);
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(variants.length);
  });

  it("shares a key through a link_key across agreements only within one recipient", () => {
    const r = ring();
    const one = deriveKey(r, { ...BASE, agreement: "feed-a", scope: "customer-link" });
    const two = deriveKey(r, { ...BASE, agreement: "feed-b", scope: "customer-link" });
    const elsewhere = deriveKey(r, {
      ...BASE,
      agreement: "feed-b",
      scope: "customer-link",
      recipient: "other",
    });
    expect(hex(one.key)).toBe(hex(two.key));
    expect(one.keyId).toBe(two.keyId);
    expect(hex(elsewhere.key)).not.toBe(hex(one.key));
  });

  it("changes every derived key on master rotation; the retired master still derives the old ones", () => {
    const r = ring();
    const before = deriveKey(r, BASE);
    const { keyring: rotated, retired } = rotateKey(r.path, "master", new Date(), NO_PASSPHRASE);
    const after = deriveKey(rotated, BASE);
    expect(hex(after.key)).not.toBe(hex(before.key));
    expect(masterIdOf(after.keyId)).not.toBe(masterIdOf(before.keyId));
    const again = deriveKey(rotated, { ...BASE, master: retired[0] });
    expect(hex(again.key)).toBe(hex(before.key));
    expect(again.keyId).toBe(before.keyId);
  });

  it("never derives from a shredded master", () => {
    const r = ring();
    const old = r.active("master").id;
    rotateKey(r.path, "master", new Date(), NO_PASSPHRASE);
    const shredded = shredKey(r.path, old, new Date(), { env: NO_PASSPHRASE });
    expect(() => deriveKey(shredded, { ...BASE, master: old })).toThrow(/shredded/);
    expect(() => deriveKey(shredded, { ...BASE, master: shredded.active("ledger-subjects").id })).toThrow(
      /no master key/,
    );
  });

  it("equals a direct hkdfSync call over the documented salt and info", () => {
    const r = ring();
    const master = r.active("master");
    const params: DeriveParams = { ...BASE, use: "token", scope: "join-1", length: 64 };
    const info = JSON.stringify({
      length: 64,
      master: master.id,
      recipient: "orbit-pay-sg",
      scope: { link_key: "join-1" },
      use: "token",
      v: "jikimi/v1",
    });
    expect(Buffer.from(deriveInfo(params, master.id)).toString("utf8")).toBe(info);
    const direct = hkdfSync("sha256", Buffer.from(master.secret, "base64"), "jikimi/v1", info, 64);
    expect(hex(deriveKey(r, params).key)).toBe(Buffer.from(direct).toString("hex"));
  });

  it("refuses empty ids, unknown uses and lengths, and over-long info, without key material", () => {
    const r = ring();
    const bad: DeriveParams[] = [
      { ...BASE, recipient: "" },
      { ...BASE, agreement: "" },
      { ...BASE, scope: "" },
      { ...BASE, use: "other" as DeriveParams["use"] },
      { ...BASE, length: 16 as DeriveParams["length"] },
      { ...BASE, recipient: "r".repeat(2000) },
    ];
    const secret = r.active("master").secret;
    for (const p of bad) {
      let message = "";
      try {
        deriveKey(r, p);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe("");
      expect(message).not.toContain(secret);
    }
  });
});
