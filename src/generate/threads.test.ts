// worker threads and the CLI for real, through the built dist/ (npm test builds it first).
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jikimi, ROOT } from "../../test/support/cli.js";
import { type Format, generate, type Kind } from "./index.js";

let dir = "";
let compiled: typeof import("./index.js");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jikimi-threads-"));
  compiled = (await import(join(ROOT, "dist/generate/index.js"))) as typeof import("./index.js");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bytesOf(impl: typeof generate, kind: Kind, format: Format, threads: number): Promise<Buffer> {
  const out = join(dir, `${kind}-${threads}-${Math.random().toString(36).slice(2)}.${format}`);
  const result = await impl({ kind, rows: 300_000, seed: 77, format, out, threads, customers: 20_000 });
  expect(result.threads).toBe(threads);
  return readFile(out);
}

describe("thread-count independence", () => {
  it.each([
    ["customers", "csv"],
    ["payments", "jsonl"],
  ] as const)("%s %s: 2 and 3 worker threads write the bytes of the in-process run", async (kind, format) => {
    const inProcess = await bytesOf(generate, kind, format, 1);
    expect((await bytesOf(compiled.generate, kind, format, 2)).equals(inProcess)).toBe(true);
    expect((await bytesOf(compiled.generate, kind, format, 3)).equals(inProcess)).toBe(true);
  });
});

describe("jikimi generate (CLI)", () => {
  const cli = async (...args: string[]) => {
    const r = jikimi(["generate", ...args], { cwd: dir });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("writes the file and a one-line summary on stderr", async () => {
    const out = join(dir, "cli.csv");
    const { code, stderr } = await cli("customers", "--rows", "100000", "--seed", "3", "--output", out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^wrote 100,000 customers to .*cli\.csv in \d+\.\d s \([\d.]+[kM]? rows\/s\)\n$/);
    expect((await readFile(out, "utf8")).split("\n").length).toBe(100_002);
  });

  it("writes to stdout with --output -", async () => {
    const { code, stdout } = await cli("payments", "--rows", "3", "-o", "-", "--output-format", "jsonl");
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split("\n")
        .map((line) => Object.keys(JSON.parse(line) as object).length),
    ).toEqual([9, 9, 9]);
  });

  it.each([
    [["customers", "--rows", "0", "-o", "x.csv"], "--rows"],
    [["customers", "--rows", "10", "-o", "/no/such/dir/x.csv"], "/no/such/dir/x.csv"],
    [["people", "--rows", "10", "-o", "x.csv"], "unknown kind"],
  ])("exits 2 for %j, naming %s", async (args, mention) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(mention);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
