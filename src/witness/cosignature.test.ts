import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";
import { seedOf, TestLog } from "../../test/support/witness-log.js";
import { openNote, parseVkey, splitNote, verifierFromVkey } from "../ledger/note/signed-note.js";
import {
  COSIGNATURE_V1,
  cosignedMessage,
  cosignerFromSeed,
  cosignerKeyId,
  cosignerVkey,
  parseCosignatureLine,
  parseCosignerVkey,
  verifyCosignatures,
} from "./cosignature.js";

const fixture = (name: string) => readFileSync(join(ROOT, "test", "fixtures", "c2sp", name), "utf8");
const interop = JSON.parse(fixture("interop-go.json")) as {
  cosignerVkey: { vkey: string; name: string; keyId: string; type: number };
  ed25519Vkey: { vkey: string };
  cosignatureTimestamp: { signature: string; time: number };
  notACosignature: string;
};

describe("the specs' examples (test/fixtures/c2sp)", () => {
  it("reads the tlog-cosignature example: the witness's key ID and time, and the signed message byte for byte", () => {
    const note = fixture("tlog-cosignature.note");
    const { text, signatures } = splitNote(note);
    expect(text).toBe(splitNote(fixture("tlog-checkpoint.note")).text);
    const line = signatures[1]?.line ?? "";
    const c = parseCosignatureLine(line);
    expect(c).toMatchObject({ name: "witness.example.com/w1", id: 0x8d66cf3f, time: 1679315147 });
    expect(c.signature).toHaveLength(64);
    expect(cosignedMessage(text, c.time).toString("utf8")).toBe(
      fixture("tlog-cosignature-signed-message.txt"),
    );
    // the line re-encoded from its parts is the same line
    const blob = Buffer.alloc(12);
    blob.writeUInt32BE(c.id, 0);
    blob.writeBigUInt64BE(BigInt(c.time), 4);
    expect(`\u2014 ${c.name} ${Buffer.concat([blob, c.signature]).toString("base64")}`).toBe(line);
    // the log's own line is a plain Ed25519 note signature, not a cosignature
    expect(() => parseCosignatureLine(signatures[0]?.line ?? "")).toThrow(/8-byte time/);
  });

  it("ignores the example's cosignature when the trusted witness has another key, so the quorum fails", () => {
    const other = cosignerFromSeed("witness.example.com/w1", seedOf("not the spec's key"));
    const check = verifyCosignatures(fixture("tlog-cosignature.note"), [other.vkey], 1);
    expect(check).toMatchObject({ cosigned: [], missing: ["witness.example.com/w1"], met: false });
  });

  it("refuses the tlog-witness response example's lines as cosignatures: their times exceed what the spec allows", () => {
    const lines = fixture("tlog-witness-response.txt").trimEnd().split("\n");
    expect(lines.map((l) => l.split(" ")[1])).toEqual([
      "witness.example/w1",
      "witness.example/w1",
      "witness.example/w2",
    ]);
    for (const line of lines) expect(() => parseCosignatureLine(line)).toThrow(/time past/);
  });

  it("splits the signed-note example at its last empty line", () => {
    const { text, signatures } = splitNote(fixture("signed-note.note"));
    expect(text.endsWith("\ned \u00e8 subito sera.\n")).toBe(true);
    expect(text).toContain(":\n\ned");
    expect(signatures.map((s) => s.name)).toEqual(["quasimodo.example/salvatore"]);
  });

  it("agrees with Go's transparency-dev/formats: a published type-0x04 vkey, key IDs, a cosignature's time", () => {
    const k = parseCosignerVkey(interop.cosignerVkey.vkey);
    expect(k.name).toBe(interop.cosignerVkey.name);
    expect(k.id.toString(16)).toBe(interop.cosignerVkey.keyId);
    expect(cosignerKeyId(k.name, k.publicKey)).toBe(k.id);
    expect(cosignerVkey(k.name, k.publicKey)).toBe(interop.cosignerVkey.vkey);
    expect(parseVkey(interop.cosignerVkey.vkey).type).toBe(COSIGNATURE_V1);
    // a log's key (type 0x01) is not a witness key, and a witness key is not a log key
    expect(() => parseCosignerVkey(interop.ed25519Vkey.vkey)).toThrow(/type 0x04/);
    expect(() => verifierFromVkey(interop.cosignerVkey.vkey)).toThrow(/Ed25519/);
    const t = parseCosignatureLine(`\u2014 w ${interop.cosignatureTimestamp.signature}`);
    expect(t.time).toBe(interop.cosignatureTimestamp.time);
    expect(() => parseCosignatureLine(`\u2014 w ${interop.notACosignature}`)).toThrow(/8-byte time/);
  });
});

describe("cosigning and verifying", () => {
  const log = new TestLog("ledger.example/transfers").grow(5);
  const w1 = cosignerFromSeed("witness.example/w1", seedOf("w1"));
  const w2 = cosignerFromSeed("witness.example/w2", seedOf("w2"));
  const w3 = cosignerFromSeed("witness.example/w3", seedOf("w3"));
  const vkeys = [w1.vkey, w2.vkey, w3.vkey];
  const cosigned = (note: string, ...lines: string[]) => `${note}${lines.map((l) => `${l}\n`).join("")}`;

  it("makes lines with the type-0x04 key ID and the time, that verify over the checkpoint text", () => {
    const line = w1.cosign(log.text(), 1700000000);
    const c = parseCosignatureLine(line);
    expect(c).toMatchObject({ name: w1.name, id: cosignerKeyId(w1.name, w1.publicKey), time: 1700000000 });
    expect(w1.vkey).toBe(
      `${w1.name}+${w1.id.toString(16).padStart(8, "0")}+${Buffer.concat([Buffer.from([4]), w1.publicKey]).toString("base64")}`,
    );
    // deterministic Ed25519: the same text and time give the same line; another time another line
    expect(w1.cosign(log.text(), 1700000000)).toBe(line);
    expect(w1.cosign(log.text(), 1700000001)).not.toBe(line);
  });

  it("counts distinct trusted witnesses against the quorum, in policy order, with their times", () => {
    const note = cosigned(
      log.note(),
      w2.cosign(log.text(), 20),
      w1.cosign(log.text(), 10),
      w1.cosign(log.text(), 11),
    );
    const two = verifyCosignatures(note, vkeys, 2);
    expect(two.cosigned.map((c) => [c.witness, c.time])).toEqual([
      ["witness.example/w1", 10],
      ["witness.example/w2", 20],
    ]);
    expect(two).toMatchObject({ missing: ["witness.example/w3"], quorum: 2, met: true });
    expect(verifyCosignatures(note, vkeys, 3).met).toBe(false);
    // the log's signature still opens with the log's key: cosignatures are unknown signatures to it
    expect(openNote(note, [verifierFromVkey(log.vkey)]).unknown).toHaveLength(3);
  });

  it("fails loudly on a trusted witness's cosignature that does not verify", () => {
    const line = w1.cosign(log.text(), 10);
    const other = new TestLog("ledger.example/transfers").grow(6);
    // a cosignature moved to another checkpoint
    expect(() => verifyCosignatures(cosigned(other.note(), line), vkeys, 1)).toThrow(
      /witness.example\/w1 does not verify/,
    );
    // its time changed: the time is signed
    const c = parseCosignatureLine(line);
    const blob = Buffer.alloc(12);
    blob.writeUInt32BE(c.id, 0);
    blob.writeBigUInt64BE(11n, 4);
    const moved = `\u2014 ${c.name} ${Buffer.concat([blob, c.signature]).toString("base64")}`;
    expect(() => verifyCosignatures(cosigned(log.note(), moved), vkeys, 1)).toThrow(/does not verify/);
    // a truncated cosignature of a trusted key is refused too
    const short = `\u2014 ${c.name} ${Buffer.concat([blob, c.signature.subarray(1)]).toString("base64")}`;
    expect(() => verifyCosignatures(cosigned(log.note(), short), vkeys, 1)).toThrow(/64-byte/);
  });

  it("ignores lines of unknown keys, even with a trusted name, and refuses dates far in the future when asked", () => {
    const impostor = cosignerFromSeed(w1.name, seedOf("impostor"));
    const note = cosigned(log.note(), impostor.cosign(log.text(), 10));
    expect(verifyCosignatures(note, vkeys, 1)).toMatchObject({ cosigned: [], met: false });
    const late = cosigned(log.note(), w1.cosign(log.text(), 5000));
    expect(verifyCosignatures(late, vkeys, 1, { now: 4800 }).met).toBe(true);
    expect(() => verifyCosignatures(late, vkeys, 1, { now: 4000 })).toThrow(/in the future/);
  });

  it("refuses an unusable configuration", () => {
    expect(() => verifyCosignatures(log.note(), [w1.vkey, w1.vkey], 1)).toThrow(/listed twice/);
    expect(() => verifyCosignatures(log.note(), vkeys, 4)).toThrow(/quorum of 4/);
    expect(() => verifyCosignatures(log.note(), [log.vkey], 1)).toThrow(/type 0x04/);
  });
});
