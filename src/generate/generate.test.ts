import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JikimiError } from "../errors.js";
import { type Format, generate, type Kind, parseGenerateArgs } from "./index.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jikimi-generate-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function toFile(
  name: string,
  kind: Kind,
  rows: number,
  seed: number,
  format: Format = "csv",
): Promise<Buffer> {
  const out = join(dir, name);
  const result = await generate({ kind, rows, seed, format, out, threads: 1, customers: 1000 });
  const bytes = await readFile(out);
  expect(result.bytes).toBe(bytes.length);
  expect(result.rows).toBe(rows);
  return bytes;
}

async function rejection(run: () => Promise<unknown>): Promise<JikimiError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JikimiError);
  return error as JikimiError;
}

describe("generate", () => {
  it("is deterministic: the same seed gives the same bytes, another seed differs", async () => {
    const a = await toFile("a.csv", "customers", 70_000, 11);
    const b = await toFile("b.csv", "customers", 70_000, 11);
    const c = await toFile("c.csv", "customers", 70_000, 12);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a.toString("utf8").split("\n").length).toBe(70_002); // header + rows + trailing newline
  });

  it.each([
    ["customers", "csv"],
    ["customers", "jsonl"],
    ["payments", "csv"],
    ["payments", "jsonl"],
  ] as const)("has the prefix property for %s %s across a chunk boundary", async (kind, format) => {
    const short = await toFile(`short.${format}`, kind, 70_000, 5, format);
    const long = await toFile(`long.${format}`, kind, 140_000, 5, format);
    expect(long.length).toBeGreaterThan(short.length);
    expect(long.subarray(0, short.length).equals(short)).toBe(true);
  });

  it("writes the same bytes to a stream as to a file", async () => {
    const file = await toFile("s.jsonl", "payments", 1000, 9, "jsonl");
    const parts: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk);
        done();
      },
    });
    const result = await generate({
      kind: "payments",
      rows: 1000,
      seed: 9,
      format: "jsonl",
      out: sink,
      customers: 1000,
    });
    expect(Buffer.concat(parts).equals(file)).toBe(true);
    expect(result.target).toBe("-");
  });

  it("replaces an existing file and leaves no temp files behind", async () => {
    const out = join(dir, "replace.csv");
    await writeFile(out, "old contents\n");
    await generate({ kind: "customers", rows: 10, format: "csv", out, threads: 1 });
    expect((await readFile(out, "utf8")).startsWith("customer_id,name,")).toBe(true);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("removes the temp file and writes nothing when a run fails part-way", async () => {
    const out = join(dir, "failed.csv");
    const failing = () =>
      generate({
        kind: "customers",
        rows: 200_000,
        format: "csv",
        out,
        threads: 1,
        onProgress: (done) => {
          if (done > 100_000) throw new JikimiError("write_failed", "stopped by the test");
        },
      });
    expect((await rejection(failing)).code).toBe("write_failed");
    const left = await readdir(dir);
    expect(left.filter((f) => f.includes("failed"))).toEqual([]);
  });

  it("stops between chunks when its signal aborts, exit code 130, leaving nothing", async () => {
    const out = join(dir, "interrupted.csv");
    const stop = new AbortController();
    const run = () =>
      generate({
        kind: "payments",
        rows: 300_000,
        format: "csv",
        out,
        threads: 1,
        signal: stop.signal,
        onProgress: () => stop.abort(),
      });
    const error = await rejection(run);
    expect([error.code, error.kind]).toEqual(["interrupted", "interrupted"]);
    expect((await readdir(dir)).filter((f) => f.includes("interrupted"))).toEqual([]);
  });

  it("rejects rows <= 0 and fractional rows with exit code 2", async () => {
    for (const rows of [0, -5, 1.5]) {
      const error = await rejection(() =>
        generate({ kind: "customers", rows, format: "csv", out: join(dir, "x.csv") }),
      );
      expect(error.code).toBe("invalid_rows");
      expect(error.kind).toBe("input");
      expect(error.message).toContain("--rows");
    }
  });

  it("names --output and the fix when the directory is missing or is a file", async () => {
    const missing = join(dir, "no-such-dir", "x.csv");
    const error = await rejection(() =>
      generate({ kind: "customers", rows: 10, format: "csv", out: missing }),
    );
    expect(error.code).toBe("output_unwritable");
    expect(error.kind).toBe("input");
    expect(error.message).toContain(missing);
    expect(error.message).toContain("does not exist");
    await writeFile(join(dir, "plain"), "");
    const underFile = join(dir, "plain", "x.csv");
    const second = await rejection(() =>
      generate({ kind: "customers", rows: 10, format: "csv", out: underFile }),
    );
    expect(second.code).toBe("output_unwritable");
    const third = await rejection(() => generate({ kind: "customers", rows: 10, format: "csv", out: dir }));
    expect(third.message).toContain("is a directory");
  });
});

describe("parseGenerateArgs", () => {
  it("infers the format from the extension and parses numbers with separators", () => {
    const args = parseGenerateArgs({ kind: "payments", rows: "1_000", out: "p.jsonl", customers: "10,000" });
    expect(args).toMatchObject({ kind: "payments", rows: 1000, format: "jsonl", customers: 10_000, seed: 1 });
    expect(parseGenerateArgs({ kind: "customers", rows: "5", out: "-" }).format).toBe("csv");
    expect(parseGenerateArgs({ kind: "customers", rows: "5", out: "x.txt", format: "jsonl" }).format).toBe(
      "jsonl",
    );
  });

  it.each([
    [{ kind: "users", rows: "5", out: "x.csv" }, "unknown_kind"],
    [{ kind: "customers", rows: "0", out: "x.csv" }, "invalid_rows"],
    [{ kind: "customers", rows: "ten", out: "x.csv" }, "invalid_rows"],
    [{ kind: "customers", rows: "5", out: "x.txt" }, "unknown_format"],
    [{ kind: "customers", rows: "5", out: "x.csv", format: "xml" }, "invalid_format"],
    [{ kind: "customers", rows: "5", out: "x.csv", seed: "-1" }, "invalid_seed"],
    [{ kind: "payments", rows: "5", out: "x.csv", customers: "0" }, "invalid_customers"],
  ])("rejects %o with %s", (raw, code) => {
    expect(() => parseGenerateArgs(raw)).toThrow(expect.objectContaining({ code, kind: "input" }));
  });
});
