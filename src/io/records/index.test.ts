import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createWriter, formatOf, openReader, type RecordBatch } from "./index.js";

async function all(it: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

describe("openReader / createWriter", () => {
  it("picks the format from the extension, reads a file and writes it back as JSON Lines", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jikimi-records-"));
    try {
      const csv = join(dir, "in.csv");
      writeFileSync(csv, 'id,이름\n1,"홍,길동"\n2,김\n');
      const batches = await all(openReader(csv));
      expect(batches.flatMap((b) => b.rows)).toEqual([
        ["1", "홍,길동"],
        ["2", "김"],
      ]);
      const out = join(dir, "out.jsonl");
      const w = createWriter("jsonl", createWriteStream(out));
      for (const b of batches) await w.write(b);
      await w.end();
      const back = await all(openReader(out));
      expect(back.flatMap((b) => b.rows)).toEqual(batches.flatMap((b) => b.rows));
      expect(readFileSync(out, "utf8")).toBe('{"id":"1","이름":"홍,길동"}\n{"id":"2","이름":"김"}\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads stdin for '-' when given a format, and refuses unknown formats", async () => {
    const stdin = Readable.from([Buffer.from("a\n1\n")]);
    const batches = await all(openReader("-", "csv", { stdin }));
    expect(batches.flatMap((b) => b.rows)).toEqual([["1"]]);
    expect(() => formatOf("-")).toThrow(/--format/);
    expect(() => formatOf("data.txt")).toThrow(/format/);
    expect(formatOf("X.NDJSON")).toBe("jsonl");
    expect(() => openReader("-", "parquet")).toThrow(/Parquet/);
    await expect(all(openReader("/nonexistent/x.csv"))).rejects.toMatchObject({ code: "file_not_found" });
  });
});
