// the cutter: any CSV (quoted commas, quoted line breaks, CRLF, a BOM) cut at any partition size gives ranges that
// tile the data exactly, each starting on a record, so the partitions read apart give the file's records in order.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { cutPartitions, releaseId } from "./partitions.js";

const dir = mkdtempSync(join(tmpdir(), "jikimi-partitions-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cell = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{0,12}$/),
  fc.stringMatching(/^[a-z ,\n"]{1,20}$/).map((s) => `"${s.replaceAll('"', '""')}"`),
);

describe("cutPartitions", () => {
  it("tiles the data with ranges that start on records, for any file and size", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 0, maxLength: 60 }),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        fc.boolean(),
        async (rows, size, bom, crlf) => {
          const eol = crlf ? "\r\n" : "\n";
          const text = `${bom ? "\uFEFF" : ""}a,b,c${eol}${rows.map((r) => r.join(",")).join(eol)}${rows.length > 0 ? eol : ""}`;
          const file = join(dir, `f${n++}.csv`);
          writeFileSync(file, text);
          const bytes = Buffer.from(text);
          const { partitions, inputs } = await cutPartitions(file, { partitionBytes: size });
          expect(inputs[0]?.bytes).toBe(bytes.length);
          const first = partitions[0]?.range;
          expect(first?.start).toBe(first?.dataStart);
          let at = first?.start ?? 0;
          const records: string[][] = [];
          for (const p of partitions) {
            const r = p.range;
            if (!r) throw new Error("no range");
            expect(r.start).toBe(at);
            at = r.end;
            const part = bytes.subarray(r.start, r.end).toString();
            records.push(...(parse(part, { relax_column_count: true }) as string[][]));
          }
          expect(at).toBe(bytes.length);
          const whole = parse(bytes.subarray(first?.dataStart ?? 0).toString(), { relax_column_count: true });
          expect(records).toEqual(whole);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("cuts a file of several read chunks (blocks) on records, partitions spanning blocks included", async () => {
    // about 7 MB: the reader's 1 MB chunks make several blocks, so a partition starts in one block and ends in another
    const lines = ["id,note,amount"];
    // records of varied lengths, so the blocks cut from 1 MB reads differ in size
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed;
    };
    for (let i = 0; i < 150_000; i++)
      lines.push(
        i % 7 === 0
          ? `${i},"line one\nline, two ""q""${"x".repeat(next() % 40)}",${i * 3}`
          : `${i},plain note ${"y".repeat(next() % 60)},${i * 3}`,
      );
    const text = `${lines.join("\n")}\n`;
    const file = join(dir, "big.csv");
    writeFileSync(file, text);
    const bytes = Buffer.from(text);
    const whole = parse(bytes.subarray(bytes.indexOf(10) + 1).toString()) as string[][];
    for (const size of [50_000, 333_333, 700_000, 1_500_000, 2_345_678, 10_000_000]) {
      const { partitions } = await cutPartitions(file, { partitionBytes: size });
      const records: string[][] = [];
      let at = partitions[0]?.range?.start ?? 0;
      for (const p of partitions) {
        const r = p.range;
        if (!r) throw new Error("no range");
        expect(r.start, `size ${size}`).toBe(at);
        // each but the last is cut at the last record end within its size (records here are under 150 bytes)
        if (p !== partitions.at(-1)) {
          expect(r.end - r.start, `size ${size}`).toBeLessThanOrEqual(size);
          expect(r.end - r.start, `size ${size}`).toBeGreaterThan(size - 150);
        }
        at = r.end;
        for (const rec of parse(bytes.subarray(r.start, r.end).toString()) as string[][]) records.push(rec);
      }
      expect(at).toBe(bytes.length);
      expect(records).toEqual(whole);
      if (size >= bytes.length) expect(partitions).toHaveLength(1);
    }
  });

  it("a folder's part files are its partitions, by name; the id follows the bytes, not the paths", async () => {
    const parts = mkdtempSync(join(dir, "parts-"));
    writeFileSync(join(parts, "b.csv"), "id\n2\n");
    writeFileSync(join(parts, "a.csv"), "id\n1\n");
    writeFileSync(join(parts, ".hidden.csv"), "id\n3\n");
    const { partitions, inputs } = await cutPartitions(parts);
    expect(partitions.map((p) => p.path.slice(parts.length + 1))).toEqual(["a.csv", "b.csv"]);
    const moved = inputs.map((i) => ({ ...i, name: `/elsewhere/${i.name}` }));
    expect(releaseId("x", "2024-01-01T00:00:00.000Z", moved)).toBe(
      releaseId("x", "2024-01-01T00:00:00.000Z", inputs),
    );
    expect(releaseId("x", "2024-01-02T00:00:00.000Z", inputs)).not.toBe(
      releaseId("x", "2024-01-01T00:00:00.000Z", inputs),
    );
  });

  it("refuses a missing input and a folder of several formats", async () => {
    await expect(cutPartitions(join(dir, "none.csv"))).rejects.toMatchObject({ code: "input_missing" });
    const mixed = mkdtempSync(join(dir, "mixed-"));
    writeFileSync(join(mixed, "a.csv"), "id\n1\n");
    writeFileSync(join(mixed, "b.jsonl"), '{"id":"2"}\n');
    await expect(cutPartitions(mixed)).rejects.toMatchObject({ code: "mixed_formats" });
  });

  it("a .parts manifest lists the part files in its order, relative to its folder or absolute", async () => {
    const lake = mkdtempSync(join(dir, "lake-"));
    mkdirSync(join(lake, "day"));
    writeFileSync(join(lake, "day", "z.csv"), "id\n1\n");
    writeFileSync(join(lake, "day", "a.csv"), "id\n2\n");
    const other = mkdtempSync(join(dir, "other-"));
    writeFileSync(join(other, "m.csv"), "id\n3\n");
    const manifest = join(lake, "day.parts");
    writeFileSync(manifest, `# the day's parts\nday/z.csv\n\n  day/a.csv  \n${join(other, "m.csv")}\n`);
    const { partitions, inputs } = await cutPartitions(manifest);
    expect(partitions.map((p) => [p.index, p.path])).toEqual([
      [0, join(lake, "day", "z.csv")],
      [1, join(lake, "day", "a.csv")],
      [2, join(other, "m.csv")],
    ]);
    expect(inputs.map((i) => i.name)).toEqual(["z.csv", "a.csv", "m.csv"]);
    // a part that is not there is named; so is a manifest of none
    writeFileSync(manifest, "day/z.csv\nday/gone.csv\n");
    await expect(cutPartitions(manifest)).rejects.toMatchObject({
      code: "input_missing",
      message: expect.stringContaining("gone.csv"),
    });
    writeFileSync(manifest, "# nothing yet\n");
    await expect(cutPartitions(manifest)).rejects.toMatchObject({ code: "input_missing" });
  });
});
