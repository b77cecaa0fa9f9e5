// the built scanner counts a large CSV on worker threads in record-aligned blocks and merges them in file order:
// the result equals one thread's, digest windows and bad rows included, and an error in a block is the same error.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csvField } from "../src/io/records/index.js";
import type * as Scan from "../src/scan/scan.js";
import { EVAL_SET, ROWS } from "./fixtures/scan-eval/eval-set.js";
import { ROOT, tempDir } from "./support/cli.js";

const tmp = tempDir("jikimi-scan-threads-");
afterAll(tmp.cleanup);

/** The labelled set's 74 columns, its rows repeated (rotated) `times` times, with a short row every 97th line. */
function writeCsv(file: string, times: number, tail = ""): void {
  const lines = [EVAL_SET.map((c) => csvField(c.name)).join(",")];
  for (let n = 0; n < times * ROWS; n++) {
    const r = (n * 7) % ROWS;
    lines.push(n % 97 === 0 ? "short,row" : EVAL_SET.map((c) => csvField(c.values[r] ?? "")).join(","));
  }
  writeFileSync(file, `${lines.join("\n")}\n${tail}`);
}

const built = async () => (await import(join(ROOT, "dist/scan/scan.js"))) as typeof Scan;
const audit = { digests: { spaces: ["birthdate" as const] } };
const parallel = { threads: 3, internals: { blockBytes: 16 << 10, parallelFrom: 0 } };

describe("scanFile on worker threads", () => {
  it("gives one thread's result: counts, findings, digest windows and bad rows", async () => {
    const { scanFile } = await built();
    const file = join(tmp.dir, "eval-x12.csv");
    writeCsv(file, 12);
    const one = await scanFile(file, { ...audit, threads: 1 });
    const many = await scanFile(file, { ...audit, ...parallel });
    expect(one.rows).toBe(12 * ROWS - Math.ceil((12 * ROWS) / 97));
    expect(one.badRows).toBeGreaterThan(0);
    expect(one.columns.some((c) => c.findings.some((f) => f.category === "user.contact.phone.mobile"))).toBe(
      true,
    );
    expect(many).toEqual(one);
  });

  it("stops with the error one thread gives (a quote left open in the last block)", async () => {
    const { scanFile } = await built();
    const file = join(tmp.dir, "open-quote.csv");
    writeCsv(file, 3, '"never closed,1\n');
    const code = async (options: Scan.ScanOptions) =>
      scanFile(file, options).then(
        () => "none",
        (e: { code?: string }) => e.code,
      );
    expect(await code({ ...audit, threads: 1 })).toBe("unterminated_quote");
    expect(await code({ ...audit, ...parallel })).toBe("unterminated_quote");
  });
});
