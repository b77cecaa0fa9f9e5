// the browser's own check of a release: its body hashes to the leaf the server names (SHA-256 of 0x00 and the
// body's RFC 8785 bytes, as the ledger hashes it), and the inclusion proof folds that leaf up to the root of the
// signed checkpoint (RFC 9162 section 2.1.3.2). The checkpoint's signature itself is checked on the server (the
// overview's verification); here the tab does not take the server's word for the release's place in the tree.
import canonicalize from "canonicalize";

const hex = (bytes: ArrayBuffer) =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

const unhex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

async function sha256(...parts: Uint8Array[]): Promise<string> {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return hex(await crypto.subtle.digest("SHA-256", all));
}

/** The leaf hash of an entry body: SHA-256(0x00 || canonical JSON). */
export async function leafHash(body: unknown): Promise<string> {
  const text = canonicalize(body);
  if (text === undefined) throw new Error("the entry cannot be canonicalised");
  return sha256(Uint8Array.of(0), new TextEncoder().encode(text));
}

/** The root an inclusion proof of leaf `index` in a tree of `size` gives, or undefined if the proof is malformed. */
export async function rootFromInclusion(
  index: number,
  size: number,
  leaf: string,
  path: readonly string[],
): Promise<string | undefined> {
  if (index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(Uint8Array.of(1), unhex(p), unhex(r));
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = await sha256(Uint8Array.of(1), unhex(r), unhex(p));
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

/** A checkpoint note's body (c2sp.org/tlog-checkpoint): origin, tree size and root hash (hex). */
export function parseCheckpoint(note: string): { origin: string; size: number; root: string } | undefined {
  const [origin, size, root] = note.split("\n");
  if (origin === undefined || size === undefined || root === undefined || !/^\d+$/.test(size))
    return undefined;
  const bytes = Uint8Array.from(atob(root), (c) => c.charCodeAt(0));
  return {
    origin,
    size: Number(size),
    root: [...bytes].map((b) => b.toString(16).padStart(2, "0")).join(""),
  };
}
