// V8's code cache of the bundled command (src/cli/code-cache.ts), in child processes as the command uses it: the
// build's run writes each file's cache with the hash of its source, a later run compiles from it, and a cache that
// does not belong to the file's bytes (a rebuilt file of the same length, which V8 alone would accept, or damaged
// data) is not used: the file's own code runs.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./support/cli.js";

const CODE_CACHE = join(ROOT, "dist", "cli", "code-cache.js");
let cleanup = () => {};
afterEach(() => cleanup());

/** Loads `file` (under `dir`) in a new process through the cache; its export and what the cache did. */
function load(dir: string, file: string, write: boolean) {
  const script = `
    import { createRequire } from "node:module";
    import { useCodeCache } from ${JSON.stringify(CODE_CACHE)};
    const use = useCodeCache(${JSON.stringify(dir)}, ${write});
    let value;
    try { value = createRequire(import.meta.url)(${JSON.stringify(file)}).answer(); }
    catch (e) { value = String(e.stack).split("\\n").slice(0, 2).join(" | "); }
    console.log(JSON.stringify({ value, ...use }));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { value: string; compiled: number; fromCache: number };
}

const source = (word: string) =>
  `#!/usr/bin/env node\n"use strict";\nconst pad = ${JSON.stringify(" ".repeat(64))};\n` +
  `exports.answer = function answer() { return ${JSON.stringify(word)} + pad.trim(); };\n`;

describe("the code cache", () => {
  it("writes the cache with its source's hash, then compiles from it", () => {
    const tmp = tempDir("jikimi-code-cache-");
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, "a.cjs");
    writeFileSync(file, source("one"));
    expect(load(tmp.dir, file, true)).toEqual({ value: "one", compiled: 1, fromCache: 0 });
    const cache = readFileSync(`${file}.v8c`);
    expect(cache.subarray(0, 32)).toEqual(createHash("sha256").update(source("one")).digest());
    expect(cache.length).toBeGreaterThan(32);
    expect(load(tmp.dir, file, false)).toEqual({ value: "one", compiled: 1, fromCache: 1 });
  });

  it("runs the file's own code when the cache is of other bytes of the same length, or damaged", () => {
    const tmp = tempDir("jikimi-code-cache-");
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, "a.cjs");
    writeFileSync(file, source("one"));
    load(tmp.dir, file, true);
    const cache = readFileSync(`${file}.v8c`);
    writeFileSync(file, source("two"));
    expect(source("two").length).toBe(source("one").length);
    expect(load(tmp.dir, file, false)).toEqual({ value: "two", compiled: 1, fromCache: 0 });
    // the right hash before V8 data that is not V8's: V8 refuses it, the file compiles as usual
    const damaged = Buffer.concat([
      createHash("sha256").update(source("two")).digest(),
      cache.subarray(32).fill(7),
    ]);
    writeFileSync(`${file}.v8c`, damaged);
    expect(load(tmp.dir, file, false)).toEqual({ value: "two", compiled: 1, fromCache: 0 });
  });

  it("keeps line numbers (the shebang stays a line) and leaves files elsewhere, and other kinds, to Node", () => {
    const tmp = tempDir("jikimi-code-cache-");
    cleanup = tmp.cleanup;
    const file = join(tmp.dir, "b.cjs");
    writeFileSync(
      file,
      `#!/usr/bin/env node\n"use strict";\n\nexports.answer = () => {\n  throw new Error("line 5");\n};\n`,
    );
    const thrown = load(tmp.dir, file, true);
    expect(thrown.value).toContain(`${file}:5:`);
    expect(thrown.compiled).toBe(1);
    const other = join(tmp.dir, "c.js");
    writeFileSync(other, `exports.answer = () => "plain";\n`);
    writeFileSync(join(tmp.dir, "package.json"), `{"type":"commonjs"}\n`);
    expect(load(join(tmp.dir, "elsewhere"), file, true).compiled).toBe(0);
    expect(load(tmp.dir, other, true)).toEqual({ value: "plain", compiled: 0, fromCache: 0 });
    expect(existsSync(`${other}.v8c`)).toBe(false);
  });
});
