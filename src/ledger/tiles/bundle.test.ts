import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leafHash, toHex } from "../merkle/hash.js";
import { decodeBundle, encodeBundle, markerLeaf, prunedMarker, sameOrPruned } from "./bundle.js";

describe("entry bundles", () => {
  it("decodes what it encodes, and never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 40 }), (entries) => {
        const decoded = decodeBundle(encodeBundle(entries, 0));
        expect(decoded).toEqual(entries);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const decoded = decodeBundle(bytes);
        if (typeof decoded !== "string")
          expect(decoded.reduce((n, e) => n + 2 + e.length, 0)).toBe(bytes.length);
      }),
    );
  });

  it("holds entries up to 65,535 bytes and names the first one over", () => {
    const max = new Uint8Array(65_535);
    expect((decodeBundle(encodeBundle([max], 0)) as Uint8Array[])[0]?.length).toBe(65_535);
    expect(() => encodeBundle([max, new Uint8Array(65_536)], 512)).toThrow(/entry 513 is 65,536 bytes/);
  });

  it("reads a marker only in its canonical form, and tells a pruned entry from a changed one", () => {
    const body = Buffer.from('{"format":"jikimi-ledger-entry/2","kind":"release","seq":3}');
    const leaf = leafHash(body);
    const marker = prunedMarker(3, leaf);
    expect(Buffer.from(marker).toString()).toBe(
      `{"format":"jikimi-ledger-entry/2","kind":"pruned","leaf_hash":"${toHex(leaf)}","seq":3}`,
    );
    expect(markerLeaf(marker)).toBe(toHex(leaf));
    expect(markerLeaf(Buffer.from(Buffer.from(marker).toString().replace('"seq":3}', '"seq":3 }')))).toBe(
      undefined,
    );
    expect(markerLeaf(Buffer.from(Buffer.from(marker).toString().replace("}", ',"x":1}')))).toBe(undefined);
    expect(markerLeaf(body)).toBe(undefined);
    expect(sameOrPruned(body, body)).toBe(true);
    expect(sameOrPruned(body, marker)).toBe(true);
    expect(sameOrPruned(body, prunedMarker(3, leafHash(Buffer.from("other"))))).toBe(false);
    expect(sameOrPruned(marker, body)).toBe(false);
  });
});
