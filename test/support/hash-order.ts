// the order the subject dictionary numbers new subjects in, computed the obvious way, for tests of what sorts in it

/** A 16-byte hash as the 128-bit number the dictionary orders by: little-endian words, the first most significant. */
export function numberOf(h: Uint8Array): bigint {
  const b = Buffer.from(h.buffer, h.byteOffset, h.byteLength);
  let v = 0n;
  for (let k = 0; k < 4; k++) v = (v << 32n) | BigInt(b.readUInt32LE(k * 4));
  return v;
}

/** The distinct hashes of `hashes`, as hex, in the dictionary's order (strings and BigInts, no typed-array sort). */
export function dictionaryOrder(hashes: readonly Uint8Array[]): string[] {
  const distinct = new Map(hashes.map((h) => [Buffer.from(h).toString("hex"), numberOf(h)]));
  return [...distinct.entries()].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)).map(([hex]) => hex);
}

/** Packed 16-byte hashes as hex, one string each. */
export const hexes = (bytes: Uint8Array): string[] =>
  Array.from({ length: bytes.length / 16 }, (_, i) =>
    Buffer.from(bytes.subarray(i * 16, i * 16 + 16)).toString("hex"),
  );
