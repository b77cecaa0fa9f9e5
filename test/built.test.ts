// the package's own built files are found from the package root wherever the code runs: every file the sources
// name with builtFile() or workerFile() exists in the build (a misnamed one would make its caller run inline,
// silently slower), the share's worker as a bundle, and from the sources the same call points under src/, where
// callers fall back to running inline.
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

  it("names only files the build makes; the release worker starts from its bundle, the others from tsc's files", async () => {
    const named = new Set<string>();
    const workers = new Set<string>();
    for (const file of sources(join(ROOT, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/builtFile\("([^"]+)"\)/g)) named.add(m[1] as string);
      for (const m of text.matchAll(/workerFile\("([^"]+)"\)/g)) workers.add(m[1] as string);
    }
    expect(workers.size).toBeGreaterThanOrEqual(8);
    const missing = [...named, ...workers].filter((path) => !existsSync(join(ROOT, "dist", path)));
    expect(missing).toEqual([]);
    const built = (await import(join(ROOT, "dist", "built.js"))) as typeof import("../src/built.js");
    const where = (path: string) => relative(ROOT, fileURLToPath(built.workerFile(path)));
    expect(where("engine/release/worker.js")).toBe(join("dist", "workers", "engine", "release", "worker.js"));
    expect(existsSync(join(ROOT, where("engine/release/worker.js")))).toBe(true);
    expect(where("scan/scan-worker.js")).toBe(join("dist", "scan", "scan-worker.js"));
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
