// witness cosignatures (c2sp.org/tlog-cosignature, Ed25519 "cosignature/v1", signature type 0x04): a line
// "— <name> base64(key ID || u64be(time) || Ed25519(`cosignature/v1\ntime <time>\n` || checkpoint text))", the key
// ID SHA-256(name || 0x0A || 0x04 || public key)[:4], vkeys "<name>+<id>+base64(0x04 || public key)"; and the
// verifier's side: which trusted witnesses cosigned a note, when, and whether a quorum holds.
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { JikimiError } from "../errors.js";
import { type MessageKey, type MessageParams, t } from "../i18n/index.js";
import {
  ed25519PublicKey,
  parseSignatureLine,
  parseVkey,
  splitNote,
  typedKeyId,
  typedVkey,
} from "../ledger/note/signed-note.js";

/** The signed-note signature type of Ed25519 cosignature/v1. */
export const COSIGNATURE_V1 = 0x04;
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX_LENGTH = 12;
const BLOB_LENGTH = 4 + 8 + 64;
/** Times are POSIX seconds; the spec caps them at 2^63 - 1, JavaScript numbers at 2^53 - 1. */
const MAX_TIME = Number.MAX_SAFE_INTEGER;

/** A witness's public identity: its name, key ID (type 0x04) and Ed25519 public key. */
export interface CosignerKey {
  name: string;
  id: number;
  publicKey: Uint8Array;
}

/** A witness's signing side. `cosign` returns one signature line, without its newline. */
export interface Cosigner extends CosignerKey {
  vkey: string;
  cosign(text: string, time: number): string;
}

/** A cosignature line taken apart (not verified). */
export interface CosignatureLine {
  name: string;
  id: number;
  /** POSIX seconds */
  time: number;
  signature: Uint8Array;
  line: string;
}

function bad(key: MessageKey, params: MessageParams = {}, hint?: MessageKey): JikimiError {
  return new JikimiError("bad_cosignature", t(key, params), {
    ...(hint === undefined ? {} : { hint: t(hint, params) }),
  });
}

function checkTime(time: number): void {
  if (!Number.isSafeInteger(time) || time < 0 || time > MAX_TIME)
    throw bad("witness.cosignature.time", { time });
}

/**
 * The message a cosignature/v1 signs: the header line, the time line and the checkpoint's note text.
 * @example cosignedMessage("example.com/log\n1\n...=\n", 1679315147) // "cosignature/v1\ntime 1679315147\nexample.com/log\n..."
 */
export function cosignedMessage(text: string, time: number): Buffer {
  checkTime(time);
  return Buffer.from(`cosignature/v1\ntime ${time}\n${text}`, "utf8");
}

/** The key ID of a cosigner: SHA-256(name || 0x0A || 0x04 || public key)[:4]. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return typedKeyId(name, COSIGNATURE_V1, publicKey);
}

/** The vkey text of a cosigner: `<name>+<key ID>+base64(0x04 || public key)`. */
export function cosignerVkey(name: string, publicKey: Uint8Array): string {
  return typedVkey(name, COSIGNATURE_V1, publicKey);
}

/**
 * A cosigner key from its vkey; refuses another signature type (a log's 0x01 key is not a witness key).
 * @example parseCosignerVkey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2").name
 */
export function parseCosignerVkey(vkey: string): CosignerKey {
  const { name, id, type, publicKey } = parseVkey(vkey);
  if (type !== COSIGNATURE_V1 || publicKey.length !== 32)
    throw bad("witness.cosignature.not_cosigner_key", { name }, "witness.cosignature.not_cosigner_key_hint");
  ed25519PublicKey(publicKey, name);
  return { name, id, publicKey };
}

/**
 * A cosigner from its name and Ed25519 seed (32 bytes).
 * @example cosignerFromSeed("witness.example/w1", seed).cosign(checkpointText, Math.floor(Date.now() / 1000))
 */
export function cosignerFromSeed(name: string, seed: Uint8Array): Cosigner {
  if (seed.length !== 32) throw bad("witness.cosignature.seed");
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = new Uint8Array(
    createPublicKey(key).export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX_LENGTH),
  );
  const vkey = cosignerVkey(name, publicKey);
  const id = cosignerKeyId(name, publicKey);
  return { name, id, publicKey, vkey, cosign: (text, time) => cosignLine(name, id, key, text, time) };
}

function cosignLine(name: string, id: number, key: KeyObject, text: string, time: number): string {
  const blob = Buffer.alloc(12);
  blob.writeUInt32BE(id, 0);
  blob.writeBigUInt64BE(BigInt(time), 4);
  const signature = sign(null, cosignedMessage(text, time), key);
  return `\u2014 ${name} ${Buffer.concat([blob, signature]).toString("base64")}`;
}

/**
 * Takes a cosignature line apart: name, key ID, time and Ed25519 signature; throws when it is not one.
 * @example parseCosignatureLine(line).time // 1679315147
 */
export function parseCosignatureLine(line: string): CosignatureLine {
  const { name, id, signature } = parseSignatureLine(line);
  if (signature.length !== BLOB_LENGTH - 4) throw bad("witness.cosignature.line", { name });
  const time = Buffer.from(signature).readBigUInt64BE(0);
  if (time > BigInt(MAX_TIME)) throw bad("witness.cosignature.far_future", { name });
  return { name, id, time: Number(time), signature: signature.subarray(8), line };
}

export interface VerifiedCosignature {
  witness: string;
  keyId: number;
  /** POSIX seconds the witness put in its cosignature */
  time: number;
  line: string;
}

export interface CosignatureCheck {
  /** one entry per trusted witness that cosigned, in the order of `witnessVkeys` */
  cosigned: VerifiedCosignature[];
  /** the trusted witnesses without a cosignature on the note */
  missing: string[];
  quorum: number;
  met: boolean;
}

export interface VerifyOptions {
  /** POSIX seconds; with it, a cosignature dated more than `maxFutureSeconds` (default 300) later is refused */
  now?: number;
  maxFutureSeconds?: number;
}

/**
 * Which of the trusted witnesses cosigned the note's checkpoint, when, and whether at least `quorum` distinct
 * witnesses did. Lines of other keys are ignored (signed-note); a line of a trusted witness that does not verify
 * throws (it means a forged or altered note, or a misbehaving witness). The log's own signature is not checked
 * here: open the note with the log's vkey as well.
 * @example verifyCosignatures(note, ["witness.example/w1+8d66cf3f+BA..."], 1).met
 */
export function verifyCosignatures(
  note: string,
  witnessVkeys: readonly string[],
  quorum: number,
  options: VerifyOptions = {},
): CosignatureCheck {
  const witnesses = witnessVkeys.map(parseCosignerVkey);
  const names = new Set<string>();
  for (const w of witnesses) {
    if (names.has(w.name))
      throw bad(
        "witness.cosignature.listed_twice",
        { name: w.name },
        "witness.cosignature.listed_twice_hint",
      );
    names.add(w.name);
  }
  if (!Number.isSafeInteger(quorum) || quorum < 0 || quorum > witnesses.length)
    throw bad(
      "witness.cosignature.quorum",
      { quorum, count: witnesses.length },
      "witness.cosignature.quorum_hint",
    );
  const { text, signatures } = splitNote(note);
  const keys = new Map(witnesses.map((w) => [w.name, { ...w, key: ed25519PublicKey(w.publicKey, w.name) }]));
  const found = new Map<string, VerifiedCosignature>();
  for (const s of signatures) {
    const w = keys.get(s.name);
    if (!w || w.id !== s.id) continue;
    const c = parseCosignatureLine(s.line);
    if (!verify(null, cosignedMessage(text, c.time), w.key, c.signature))
      throw new JikimiError("cosignature_invalid", t("witness.cosignature.invalid", { name: w.name }));
    const limit = options.now === undefined ? undefined : options.now + (options.maxFutureSeconds ?? 300);
    if (limit !== undefined && c.time > limit)
      throw new JikimiError(
        "cosignature_from_future",
        t("witness.cosignature.future", { name: w.name, seconds: c.time - (options.now ?? 0) }),
        { hint: t("witness.cosignature.future_hint") },
      );
    if (!found.has(w.name)) found.set(w.name, { witness: w.name, keyId: w.id, time: c.time, line: s.line });
  }
  const cosigned = witnesses.flatMap((w) => found.get(w.name) ?? []);
  return {
    cosigned,
    missing: witnesses.filter((w) => !found.has(w.name)).map((w) => w.name),
    quorum,
    met: cosigned.length >= quorum,
  };
}
