import { describe, expect, it } from "vitest";
import { keyId, openNote, signerFromSeed, signNote, verifierFromVkey, vkeyOf } from "./signed-note.js";

// the reference vector of Go's golang.org/x/mod/sumdb/note (note_test.go, the package example), copied so the
// tests stand alone: the key's seed is the part after the type byte of its PRIVATE+KEY text
const VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const SKEY_B64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
const seed = Buffer.from(SKEY_B64, "base64").subarray(1);

describe("signed notes (c2sp.org/signed-note)", () => {
  it("signs the published example byte for byte, with the published key ID and vkey", () => {
    const signer = signerFromSeed("PeterNeumann", seed);
    expect(signer.id.toString(16)).toBe("c74f20a3");
    expect(keyId("PeterNeumann", signer.publicKey)).toBe(0xc74f20a3);
    expect(vkeyOf("PeterNeumann", signer.publicKey)).toBe(VKEY);
    expect(signNote(TEXT, [signer])).toBe(NOTE);
  });

  it("opens the published note with the published vkey, and refuses any changed byte", () => {
    const v = verifierFromVkey(VKEY);
    expect(openNote(NOTE, [v])).toMatchObject({
      text: TEXT,
      verified: [{ name: "PeterNeumann", id: 0xc74f20a3 }],
    });
    expect(() => openNote(NOTE.replace("cryptography", "cryptographY"), [v])).toThrow(/does not verify/);
    expect(() => openNote(NOTE.replace("NIuGUgYN", "NIuGUgYM"), [v])).toThrow(/does not verify/);
    // a changed key ID makes the signature one of an unknown key: nothing trusted signed it
    expect(() => openNote(NOTE.replace("x08go", "x08gp"), [v])).toThrow(/no signature on the note/);
  });

  it("ignores signatures of unknown keys, and rejects a note no trusted key signed", () => {
    const other = signerFromSeed("ledger.example/other", Buffer.alloc(32, 7));
    const both = signNote(TEXT, [signerFromSeed("PeterNeumann", seed), other]);
    expect(openNote(both, [verifierFromVkey(VKEY)]).unknown).toEqual([{ name: other.name, id: other.id }]);
    expect(() => openNote(signNote(TEXT, [other]), [verifierFromVkey(VKEY)])).toThrow(
      /no signature on the note/,
    );
  });

  it("refuses malformed verifier keys and texts", () => {
    expect(() => verifierFromVkey(VKEY.replace("c74f20a3", "c74f20a4"))).toThrow(/names key ID/);
    expect(() => verifierFromVkey("PeterNeumann+c74f20a3")).toThrow(/reads/);
    expect(() => verifierFromVkey(VKEY.replace("+AR", "+Ah"))).toThrow(/Ed25519/);
    expect(() => signNote("no newline", [signerFromSeed("a", seed)])).toThrow(/newline/);
    expect(() => signerFromSeed("has space", seed)).toThrow(/key name/);
  });
});
