// signed notes (c2sp.org/signed-note): a text ending in a newline, a blank line, and signature lines
// "— <key name> base64(key ID || signature)". Ed25519 keys (signature type 0x01) with the key ID the spec
// recommends, SHA-256(name || 0x0A || 0x01 || public key)[:4], and verifier keys in the `vkey` text form
// "<name>+<key ID in hex>+base64(0x01 || public key)" that Go's sumdb/note, Sigstore and Tessera logs use.
// Other signature types (witness cosignatures, 0x04) reuse the line format, typed key IDs and vkeys from here.
// Why hand-written: no npm package signs or opens generic notes (sigstore's verifier reads Rekor checkpoints
// internally, ECDSA only); the format is a few lines over node:crypto's Ed25519.
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { JikimiError } from "../../errors.js";
import { type MessageKey, type MessageParams, t } from "../../i18n/index.js";

export const ED25519 = 0x01;
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const DASH = "\u2014 ";
/** The spec asks verifiers to accept at least 16 signatures; more is refused as a malformed note. */
export const MAX_SIGNATURES = 64;

/** A named Ed25519 key: the identity a signature line carries. */
export interface NoteKey {
  name: string;
  id: number;
}

export interface NoteSigner extends NoteKey {
  sign(text: Uint8Array): Uint8Array;
}

export interface NoteVerifier extends NoteKey {
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

function bad(key: MessageKey, params: MessageParams = {}, hint?: MessageKey): JikimiError {
  return new JikimiError("bad_note", t(key, params), hint === undefined ? {} : { hint: t(hint, params) });
}

/** Key names are non-empty, without spaces or "+" (c2sp.org/signed-note). */
function checkName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name))
    throw bad("ledger.note.key_name", { name }, "ledger.note.key_name_hint");
}

/** The key ID of an Ed25519 key: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
export function keyId(name: string, publicKey: Uint8Array): number {
  return typedKeyId(name, ED25519, publicKey);
}

/**
 * The key ID the spec recommends for any signature type: SHA-256(name || 0x0A || type || public key)[:4].
 * @example typedKeyId("witness.example/w1", 0x04, publicKey) // a cosigner's key ID (c2sp.org/tlog-cosignature)
 */
export function typedKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = createHash("sha256")
    .update(name, "utf8")
    .update(Buffer.from([0x0a, type]))
    .update(publicKey)
    .digest();
  return h.readUInt32BE(0);
}

/** A verifier key text of any signature type: `<name>+<key ID in hex>+base64(type || public key)`. */
export function typedVkey(name: string, type: number, publicKey: Uint8Array): string {
  checkName(name);
  const id = typedKeyId(name, type, publicKey).toString(16).padStart(8, "0");
  return `${name}+${id}+${Buffer.concat([Buffer.from([type]), publicKey]).toString("base64")}`;
}

/** A vkey's parts, its key ID checked against the spec's recommended key ID for its type. */
export interface ParsedVkey {
  name: string;
  id: number;
  type: number;
  publicKey: Uint8Array;
}

/**
 * Splits a vkey text of any signature type and checks its key ID; the caller checks the type and key length.
 * @example parseVkey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2").type // 0x04
 */
export function parseVkey(vkey: string): ParsedVkey {
  const first = vkey.indexOf("+");
  const second = vkey.indexOf("+", first + 1);
  if (first <= 0 || second < 0) throw bad("ledger.note.vkey_form");
  const name = vkey.slice(0, first);
  const hex = vkey.slice(first + 1, second);
  const b64 = vkey.slice(second + 1);
  const raw = Buffer.from(b64, "base64");
  checkName(name);
  if (!/^[0-9a-f]{8}$/.test(hex) || raw.length < 2 || raw.toString("base64") !== b64)
    throw bad("ledger.note.vkey_parts", { name });
  const type = raw[0] as number;
  const publicKey = new Uint8Array(raw.subarray(1));
  const id = typedKeyId(name, type, publicKey);
  if (id !== Number.parseInt(hex, 16)) throw bad("ledger.note.vkey_id", { name, hex });
  return { name, id, type, publicKey };
}

/** An Ed25519 public key (32 bytes) as a node:crypto key; throws for bytes that are not a curve point. */
export function ed25519PublicKey(publicKey: Uint8Array, name: string): KeyObject {
  try {
    if (publicKey.length !== 32) throw new Error("length");
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: "der", type: "spki" });
  } catch {
    throw bad("ledger.note.vkey_point", { name });
  }
}

/** The verifier key text of an Ed25519 public key (32 bytes). */
export function vkeyOf(name: string, publicKey: Uint8Array): string {
  checkName(name);
  const id = keyId(name, publicKey).toString(16).padStart(8, "0");
  return `${name}+${id}+${Buffer.concat([Buffer.from([ED25519]), publicKey]).toString("base64")}`;
}

/**
 * A verifier from its vkey text; refuses a wrong key ID, another signature type or a malformed key.
 * @example const v = verifierFromVkey("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
 */
export function verifierFromVkey(vkey: string): NoteVerifier {
  const first = vkey.indexOf("+");
  const second = vkey.indexOf("+", first + 1);
  if (first <= 0 || second < 0) throw bad("ledger.note.vkey_form");
  const name = vkey.slice(0, first);
  const hex = vkey.slice(first + 1, second);
  const raw = Buffer.from(vkey.slice(second + 1), "base64");
  checkName(name);
  if (!/^[0-9a-f]{8}$/.test(hex) || raw.length !== 33 || raw[0] !== ED25519)
    throw bad("ledger.note.vkey_ed25519", { name });
  const publicKey = raw.subarray(1);
  const id = keyId(name, publicKey);
  if (id !== Number.parseInt(hex, 16)) throw bad("ledger.note.vkey_id", { name, hex });
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: "der", type: "spki" });
  } catch {
    throw bad("ledger.note.vkey_point", { name });
  }
  return {
    name,
    id,
    verify: (text, signature) => signature.length === 64 && verify(null, text, key, signature),
  };
}

/** A signer from an Ed25519 seed (32 bytes); its vkey is `vkeyOf(name, publicKey)`. */
export function signerFromSeed(name: string, seed: Uint8Array): NoteSigner & { publicKey: Uint8Array } {
  checkName(name);
  if (seed.length !== 32) throw bad("ledger.note.seed");
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
  const publicKey = createPublicKey(key).export({ format: "der", type: "spki" }).subarray(SPKI_PREFIX.length);
  return { name, id: keyId(name, publicKey), publicKey, sign: (text) => sign(null, text, key) };
}

/** Signs `text` (which must end in a newline) with every signer; returns the note. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  const bytes = Buffer.from(text, "utf8");
  const lines = signers.map((s) => {
    const id = Buffer.alloc(4);
    id.writeUInt32BE(s.id, 0);
    return `${DASH}${s.name} ${Buffer.concat([id, s.sign(bytes)]).toString("base64")}\n`;
  });
  return `${text}\n${lines.join("")}`;
}

function checkText(text: string): void {
  if (!text.endsWith("\n")) throw bad("ledger.note.newline");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids control characters but newline
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw bad("ledger.note.control");
}

/** One signature line of a note, split but not verified. */
export interface SignatureLine extends NoteKey {
  /** the bytes after the key ID */
  signature: Uint8Array;
  /** the whole line, without its newline */
  line: string;
}

/** Parses one signature line `— <key name> base64(key ID || signature)`. */
export function parseSignatureLine(line: string): SignatureLine {
  if (!line.startsWith(DASH)) throw bad("ledger.note.dash");
  const rest = line.slice(DASH.length);
  const space = rest.indexOf(" ");
  if (space <= 0) throw bad("ledger.note.line_form");
  const name = rest.slice(0, space);
  const blob = Buffer.from(rest.slice(space + 1), "base64");
  if (blob.length < 5 || blob.toString("base64") !== rest.slice(space + 1))
    throw bad("ledger.note.signature_base64", { name });
  return { name, id: blob.readUInt32BE(0), signature: new Uint8Array(blob.subarray(4)), line };
}

/**
 * Splits a note into its text (ending in a newline) and its signature lines, checking the format only: nothing
 * is verified, so the text must not be trusted until a signature on it is (openNote does both).
 * @example splitNote(note).signatures.map((s) => s.name)
 */
export function splitNote(note: string): { text: string; signatures: SignatureLine[] } {
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) throw bad("ledger.note.form");
  const text = note.slice(0, split + 1);
  checkText(text);
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw bad("ledger.note.too_many", { max: MAX_SIGNATURES });
  return { text, signatures: lines.map(parseSignatureLine) };
}

export interface OpenedNote {
  text: string;
  /** the signatures that verified, by key */
  verified: NoteKey[];
  /** signature lines of keys not given (ignored, as the spec says) */
  unknown: NoteKey[];
}

/**
 * Opens a note: known keys' signatures must verify (one failing rejects the note), unknown ones are ignored,
 * and at least one known signature must verify.
 * @example openNote(note, [verifierFromVkey(vkey)]).text
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = splitNote(note);
  const bytes = Buffer.from(text, "utf8");
  const verified: NoteKey[] = [];
  const unknown: NoteKey[] = [];
  for (const { name, id, signature } of signatures) {
    const v = verifiers.find((k) => k.name === name && k.id === id);
    if (!v) {
      unknown.push({ name, id });
      continue;
    }
    if (!v.verify(bytes, signature))
      throw new JikimiError("note_signature_invalid", t("ledger.note.signature_invalid", { name }));
    verified.push({ name, id });
  }
  if (verified.length === 0)
    throw new JikimiError("note_unverified", t("ledger.note.unverified"), {
      hint: t("ledger.note.unverified_hint"),
    });
  return { text, verified, unknown };
}
