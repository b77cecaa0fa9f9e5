// the package's own built files are found from the package root wherever the code runs: every worker the sources
// name with builtFile() exists in the build (a misnamed one would make its caller run inline, silently slower),
// and from the sources the same call points under src/, where callers fall back to running inline.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtFile, FROM_SOURCES, PACKAGE_ROOT } from "../src/built.js";
import { buildHmacModule, HMAC_MODULE_FILE } from "../src/crypto/sha256/wasm-kernels.js";
import { jikimi } from "./support/cli.js";

const ROOT = resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("builtFile", () => {
  it("finds the package root and, from the sources, points under src/", () => {
    expect(PACKAGE_ROOT).toBe(ROOT);
    expect(FROM_SOURCES).toBe(true);
    expect(relative(ROOT, fileURLToPath(builtFile("engine/release/worker.js")))).toBe(
      join("src", "engine", "release", "worker.js"),
    );
  });

  it("names only files the build makes", () => {
    const named = new Set<string>();
    for (const file of sources(join(ROOT, "src")))
      for (const m of readFileSync(file, "utf8").matchAll(/builtFile\("([^"]+)"\)/g))
        named.add(m[1] as string);
    expect(named.size).toBeGreaterThanOrEqual(6);
    const missing = [...named].filter((path) => !existsSync(join(ROOT, "dist", path)));
    expect(missing).toEqual([]);
  });

  it("lets the bundled command find the package from its chunks: init copies an example", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "jikimi-built-")), "ws");
    const r = jikimi(["init", dir, "--example", "nsf-case-corrected"]);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, "jikimi.yaml"), "utf8")).toBe(
      readFileSync(join(ROOT, "examples", "nsf-case-corrected", "jikimi.yaml"), "utf8"),
    );
  });

  it("ships the HMAC kernel the sources generate (the build's copy is what processes load)", () => {
    const shipped = readFileSync(join(ROOT, "dist", HMAC_MODULE_FILE));
    expect(Buffer.from(buildHmacModule()).equals(shipped)).toBe(true);
  });
});
