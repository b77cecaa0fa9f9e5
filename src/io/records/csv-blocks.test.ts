import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BlockBuffers, csvBlocks, fileReader } from "./csv-blocks.js";

const dir = mkdtempSync(join(tmpdir(), "jikimi-blocks-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CSV field as RFC 4180 writes it: quoted when it holds a comma, quote, CR or LF. */
const cell = fc
  .string({ unit: fc.constantFrom("a", "b", "한", "€", ",", '"', "\n", "\r", " "), maxLength: 12 })
  .map((v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v));
const csv = fc
  .record({
    bom: fc.boolean(),
    columns: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 40 }),
    lastLf: fc.boolean(),
  })
  .map(({ bom, columns, rows, lastLf }) => {
    const lines = [
      Array.from({ length: columns }, (_, i) => `c${i}`),
      ...rows.map((r) => r.slice(0, columns)),
    ];
    const text = lines.map((l) => l.join(",")).join("\n") + (lastLf ? "\n" : "");
    return Buffer.from((bom ? "\uFEFF" : "") + text);
  });

/** The blocks of `source`, copied out (a buffer given back is filled again), and the header. */
async function cut(
  source: Parameters<typeof csvBlocks>[0],
  target: number,
  buffers?: BlockBuffers,
): Promise<{ header: Buffer; blocks: Buffer[] }> {
  let header = Buffer.alloc(0);
  const blocks: Buffer[] = [];
  const back: ArrayBuffer[] = [];
  for await (const b of csvBlocks(source, {
    name: "t.csv",
    target,
    onHeader: (h) => {
      header = Buffer.from(h);
    },
    ...(buffers ? { buffers } : {}),
  })) {
    // every block starts its own buffer, which goes to a worker as a worker gets it: transferred (the reader's
    // views of it are emptied), and it comes back later
    expect(b.bytes.byteOffset).toBe(0);
    blocks.push(Buffer.from(b.bytes));
    back.push(structuredClone(b.bytes.buffer as ArrayBuffer, { transfer: [b.bytes.buffer as ArrayBuffer] }));
    if (buffers && back.length > 2) buffers.give(back.shift() as ArrayBuffer);
  }
  return { header, blocks };
}

async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Quotes in `b` are paired (no field left open) and it ends with LF. */
const wholeRecords = (b: Buffer) => b.filter((c) => c === 34).length % 2 === 0 && b.at(-1) === 10;

describe("csvBlocks", () => {
  it("cuts chunks, a Node stream and a file read into reused buffers into whole-record blocks of the same bytes", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        csv,
        fc.integer({ min: 8, max: 200 }),
        fc.integer({ min: 1, max: 150 }),
        async (bytes, target, size) => {
          const path = join(dir, `f${n++}.csv`);
          writeFileSync(path, bytes);
          const a = await cut(chunked(bytes, size), target);
          const b = await cut(Readable.from(chunked(bytes, size)), target);
          const c = await cut(fileReader(path), target, new BlockBuffers(4, target));
          const bom = bytes[0] === 0xef ? 3 : 0;
          const firstLf = bytes.indexOf(10, bom);
          const headerEnd = firstLf < 0 ? bytes.length : firstLf + 1;
          for (const r of [a, b, c]) {
            expect(r.header.equals(bytes.subarray(bom, headerEnd))).toBe(true);
            expect(Buffer.concat(r.blocks).equals(bytes.subarray(headerEnd))).toBe(true);
            for (const block of r.blocks.slice(0, -1)) expect(wholeRecords(block)).toBe(true);
            expect(r.blocks.every((block) => block.length > 0)).toBe(true);
          }
          expect(b.blocks.map((x) => x.toString("hex"))).toEqual(a.blocks.map((x) => x.toString("hex")));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives a record longer than the block a larger buffer, refuses one past the cap, and names a missing file", async () => {
    const long = `a,b\n1,${"x".repeat(500)}\n2,y\n`;
    const { blocks } = await cut(chunked(Buffer.from(long), 7), 64, new BlockBuffers(4, 64));
    expect(Buffer.concat(blocks).toString()).toBe(long.slice(4));
    const capped = csvBlocks(Readable.from([Buffer.from(long)]), {
      name: "t.csv",
      target: 64,
      maxLineBytes: 200,
      onHeader: () => {},
    });
    await expect(capped.next()).rejects.toThrow(
      /t\.csv: the record starting after byte 0 is longer than 200 bytes/,
    );
    const missing = csvBlocks(fileReader(join(dir, "none.csv")), { name: "none.csv", onHeader: () => {} });
    await expect(missing.next()).rejects.toThrow(/none\.csv does not exist/);
  });

  it("keeps only buffers large enough to fill, at most as many as asked, and wipes them", () => {
    const buffers = new BlockBuffers(2, 100);
    const big = new Uint8Array(128).fill(7);
    buffers.give(new ArrayBuffer(50));
    buffers.give(big.buffer);
    buffers.give(new ArrayBuffer(100));
    buffers.give(new ArrayBuffer(200));
    expect(buffers.take(120).buffer).toBe(big.buffer);
    expect(buffers.take(100).byteLength).toBe(100);
    expect(buffers.take(100).byteLength).toBe(100);
    buffers.give(big.buffer);
    buffers.clear();
    expect(big.every((v) => v === 0)).toBe(true);
  });
});
