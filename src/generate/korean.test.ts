// generate's messages in Korean: a bad option names its flag and an example, an unwritable output its path and
// the fix, in the language in force; English keeps the new flag names (--output, --output-format).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JikimiError } from "../errors.js";
import { withLanguage } from "../i18n/index.js";
import { generate, parseGenerateArgs } from "./index.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "jikimi-generate-ko-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function thrown(fn: () => unknown): JikimiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JikimiError) return e;
    throw e;
  }
  throw new Error("expected a JikimiError");
}

describe("generate messages", () => {
  it("speak Korean when Korean is in force, naming the flag, the value given and an example", () => {
    const rows = withLanguage("ko", () =>
      thrown(() => parseGenerateArgs({ kind: "customers", rows: "ten", out: "x.csv" })),
    );
    expect(rows.code).toBe("invalid_rows");
    expect(rows.message).toBe(
      '--rows는 1부터 9,999,999,999까지의 정수여야 합니다(입력: "ten"): 예: --rows 100000',
    );
    const kind = withLanguage("ko", () =>
      thrown(() => parseGenerateArgs({ kind: "users", rows: "5", out: "x.csv" })),
    );
    expect(kind.message).toMatch(/^알 수 없는 종류 "users": `jikimi generate customers` 또는/);
    const format = withLanguage("ko", () =>
      thrown(() => parseGenerateArgs({ kind: "customers", rows: "5", out: "x.txt" })),
    );
    expect(format.message).toBe(
      "--output x.txt의 확장자로는 형식을 알 수 없습니다: --output-format csv 또는 --output-format jsonl을 주세요",
    );
  });

  it("say in Korean that the output folder is missing, and in English name --output", async () => {
    const missing = join(dir, "no-such-dir", "x.csv");
    const run = () => generate({ kind: "customers", rows: 10, format: "csv", out: missing });
    const ko = await withLanguage("ko", async () =>
      run().then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(ko).toBeInstanceOf(JikimiError);
    expect((ko as JikimiError).message).toBe(
      `--output ${missing}에 쓸 수 없습니다: ${join(dir, "no-such-dir")} 폴더가 없습니다: 폴더를 만들거나 다른 경로를 고르세요`,
    );
    const en = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((en as JikimiError).message).toBe(
      `cannot write --output ${missing}: directory ${join(dir, "no-such-dir")} does not exist: create it or choose another path`,
    );
    expect(
      thrown(() => parseGenerateArgs({ kind: "customers", rows: "5", out: "x.csv", format: "xml" })).message,
    ).toBe('--output-format must be csv or jsonl (got "xml")');
  });
});
