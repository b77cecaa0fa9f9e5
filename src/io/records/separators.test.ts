import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { separators, separatorsJs } from "./separators.js";

describe("separators", () => {
  it("finds every ',' and LF in order, like the JS loop, for any bytes and any length", () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ maxLength: 200 })
          .map((b) => b.map((x) => [44, 10, 97, 0, 255, 13, 34][x % 7] as number)),
        (bytes) => {
          const wasm = separators(bytes);
          const js = separatorsJs(bytes);
          expect([...wasm.sep]).toEqual([...js.sep]);
          expect(wasm.lfs).toBe(js.lfs);
          expect(wasm.special).toBe(js.special);
          expect(js.special).toBe(bytes.some((b) => b === 34 || b === 13));
          expect(js.lfs).toBe(bytes.filter((b) => b === 10).length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("crosses the kernel's 1 MiB segments without losing or shifting a position", () => {
    const bytes = new Uint8Array((1 << 20) * 2 + 37);
    for (let i = 0; i < bytes.length; i++) bytes[i] = i % 13 === 0 ? 44 : i % 97 === 0 ? 10 : 65;
    const { sep: wasm, lfs } = separators(bytes);
    const { sep: js, lfs: jsLfs } = separatorsJs(bytes);
    expect(lfs).toBe(jsLfs);
    expect(wasm.length).toBe(js.length);
    expect(wasm.length).toBeGreaterThan(150_000);
    expect(Buffer.from(wasm.buffer, wasm.byteOffset, wasm.byteLength)).toEqual(
      Buffer.from(js.buffer, js.byteOffset, js.byteLength),
    );
  });
});
