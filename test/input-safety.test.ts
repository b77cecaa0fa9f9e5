// input safety: line caps in every reader, the keyring path (realpath, only .jikimi/ inside the workspace, a relative
// $JIKIMI_KEYRING from the current folder), and readSubjects never printing a first line that may be a subject key.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readSubjects } from "../src/cli/commands/ledger/record.js";
import { keyringPath } from "../src/crypto/keyring.js";
import { csvBlocks } from "../src/io/records/csv-blocks.js";
import { parseCsv, parseJsonl, readCsv, readJsonl } from "../src/io/records/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "jikimi-safe-"));
  dirs.push(d);
  return d;
};

async function* chunks(text: string, size = 1000): AsyncGenerator<Uint8Array> {
  const b = Buffer.from(text);
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function drain<T>(it: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const x of it) all.push(x);
  return all;
}

describe("line caps", () => {
  const long = "x".repeat(5000);
  it("csvBlocks refuses a record past maxLineBytes, an open quote included, and passes one under it", async () => {
    const opts = { name: "f.csv", target: 100, maxLineBytes: 2000, onHeader: () => {} };
    await expect(drain(csvBlocks(chunks(`a,b\n1,2\n3,${long}\n`), opts))).rejects.toThrow(
      /f\.csv: the record starting after byte 4 is longer than 2000 bytes/,
    );
    await expect(drain(csvBlocks(chunks(`a,b\n1,"2\n${long}`), opts))).rejects.toThrow(
      /quoted field left open/,
    );
    expect((await drain(csvBlocks(chunks(`a,b\n1,${"y".repeat(1500)}\n`), opts))).length).toBe(1);
  });

  it("the CSV and JSON Lines readers name the long line's number and the fix", async () => {
    await expect(
      drain(readCsv(chunks(`a,b\n1,2\n3,${long}\n`), { name: "f.csv", maxLineBytes: 2000 })),
    ).rejects.toThrow(/f\.csv: line 3 is longer than 2000 bytes.*maxLineBytes/);
    // a quote left open: short lines, one record growing past the cap
    const open = `a,b\n1,"${`${"q".repeat(99)}\n`.repeat(40)}`;
    await expect(drain(readCsv(chunks(open), { maxLineBytes: 2000 }))).rejects.toThrow(
      /row 1 \(line 2\) is longer than 2000 bytes \(one line, or a quoted field left open\)/,
    );
    const json = `{"a":1}\n\n{"a":"${long}"}\n`;
    await expect(drain(readJsonl(chunks(json), { name: "f.jsonl", maxLineBytes: 2000 }))).rejects.toThrow(
      /f\.jsonl: line 3 is longer than 2000 bytes/,
    );
    expect(() => parseJsonl(Buffer.from(`{"a":"${long}"}`), { maxLineBytes: 2000 })).toThrow(/line 1/);
    expect(parseCsv(Buffer.from(`a\n${"z".repeat(1500)}\n`), { maxLineBytes: 2000 })[0]?.rows).toHaveLength(
      1,
    );
  });
});

describe("keyringPath", () => {
  it("refuses a keyring anywhere in the workspace but .jikimi/, a folder named ..keys included", () => {
    const d = temp();
    const ws = join(d, "ws");
    mkdirSync(join(ws, "..keys"), { recursive: true });
    expect(() => keyringPath(ws, "..keys/k.keyring", {})).toThrow(/inside the workspace/);
    expect(() => keyringPath(ws, "k.keyring", {})).toThrow(/inside the workspace/);
    expect(() => keyringPath(ws, ".", {})).toThrow(/inside the workspace/);
    expect(() => keyringPath(ws, ".jikimi", {})).toThrow(/inside the workspace/);
    expect(keyringPath(ws, ".jikimi/k.keyring", {})).toBe(join(ws, ".jikimi", "k.keyring"));
    expect(keyringPath(ws, "../k.keyring", {})).toBe(join(d, "k.keyring"));
  });

  it("resolves symlinks: a link outside pointing into the workspace is refused", () => {
    const d = temp();
    const ws = join(d, "ws");
    mkdirSync(join(ws, "secrets"), { recursive: true });
    symlinkSync(join(ws, "secrets"), join(d, "outside"));
    expect(() => keyringPath(ws, join(d, "outside", "k.keyring"), {})).toThrow(/inside the workspace/);
    // the workspace reached through a symlink is still the workspace
    symlinkSync(ws, join(d, "ws-link"));
    expect(() => keyringPath(join(d, "ws-link"), join(ws, "k.keyring"), {})).toThrow(/inside the workspace/);
  });

  it("takes a relative $JIKIMI_KEYRING from the current folder and jikimi.yaml's from the workspace", () => {
    const d = temp();
    const ws = join(d, "ws");
    const cwd = join(d, "here");
    mkdirSync(ws);
    mkdirSync(cwd);
    expect(keyringPath(ws, undefined, { JIKIMI_KEYRING: "k.keyring" }, cwd)).toBe(join(cwd, "k.keyring"));
    expect(keyringPath(ws, "../k.keyring", {}, cwd)).toBe(join(d, "k.keyring"));
  });
});

describe("readSubjects", () => {
  it("names only the first line's column count when the named column is missing, never its values", () => {
    const d = temp();
    const file = join(d, "subjects.csv");
    writeFileSync(file, "HB0000000042,HB0000000043\nHB0000000044,x\n");
    let message = "";
    try {
      readSubjects(file, "customer_id");
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/has no column "customer_id" \(it has 2 columns\)/);
    expect(message).toMatch(/header line/);
    expect(message).not.toContain("HB00000000");
  });
});
