// record sources name themselves for messages, tell their format, and give bytes or batches of the same records.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fileSource, streamSource } from "./record-source.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function* chunks(...texts: string[]): AsyncGenerator<Uint8Array> {
  for (const text of texts) yield Buffer.from(text);
}

describe("record sources", () => {
  it("a file: named by its path, its format by its extension, its records as batches", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jikimi-source-"));
    dirs.push(dir);
    const path = join(dir, "people.jsonl");
    writeFileSync(path, '{"id":"a","age":3}\n{"id":"b","age":4}\n');
    const s = fileSource(path);
    expect(s.describe()).toBe(path);
    expect(s.format()).toBe("jsonl");
    const rows: unknown[][] = [];
    for await (const b of s.batches()) rows.push(...b.rows);
    expect(rows).toHaveLength(2);
    expect(fileSource(join(dir, "people.txt")).format).toThrow(/people\.txt/);
  });

  it("a stream: named stdin, needs a format, and reads the records it is given", async () => {
    expect(() => streamSource(chunks("id\na\n")).format()).toThrow(/stdin/);
    const s = streamSource(chunks("id,age\na,", "3\nb,4\n"), "csv");
    expect(s.describe()).toBe("stdin");
    expect(s.format()).toBe("csv");
    const rows: unknown[][] = [];
    for await (const b of s.batches()) rows.push(...b.rows);
    expect(rows.map((r) => r[0])).toEqual(["a", "b"]);
  });
});
