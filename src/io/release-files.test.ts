import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TempOutput } from "./release-files.js";

const dir = mkdtempSync(join(tmpdir(), "jikimi-release-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a release's temporary file", () => {
  it("holds every byte written, hashed as written, across the flushes it starts while it writes", async () => {
    // 80 MB in blocks as a share writes them: more than two flushes (every 32 MiB) start on the way
    const path = join(dir, "out.csv");
    const out = new TempOutput(path, "the released file", 0o600);
    const whole = createHash("sha256");
    const block = randomBytes(1 << 20);
    for (let i = 0; i < 80; i++) {
      block[0] = i;
      whole.update(block);
      await out.write(block);
    }
    await out.close();
    expect(statSync(path).size).toBe(80 << 20);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const want = whole.digest("hex");
    expect(out.sha256()).toBe(want);
    expect(createHash("sha256").update(readFileSync(path)).digest("hex")).toBe(want);
  });
});
