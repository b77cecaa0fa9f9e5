// `npm run build`, after tsc: the jikimi command as one CommonJS bundle (dist/bin/main.cjs and a chunk per verb) made
// from tsc's output in dist/: one file to read and compile per verb instead of hundreds, and the libraries
// tree-shaken (the CEL parser without its evaluator, zod without its locales); its entry dist/bin/jikimi.js loads it
// through V8's code cache, which the last step fills (src/cli/code-cache.ts). Start-up of `jikimi check` 0.67 -> 0.4
// s bundled, 0.16 s with the cache (docs/benchmarks.md, "Start-up of the command").
// Packages that load their own files (native addons, Lua scripts, browsers, worker transports) stay external.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "rolldown";

const EXTERNAL =
  /^(better-sqlite3|roaring|roaring-wasm|bullmq|ioredis|playwright-core|pino|thread-stream|pg-native|echarts|exceljs|swagger-ui-dist|@duckdb\/)(\/|$)/;

await build({
  input: { main: "dist/cli/main.js" },
  platform: "node",
  external: (id) => EXTERNAL.test(id) || id.endsWith(".node"),
  output: {
    dir: "dist/bin",
    format: "cjs",
    entryFileNames: "[name].cjs",
    chunkFileNames: "chunks/[name]-[hash].cjs",
    minify: false,
    cleanDir: true,
  },
});
// the entry (`bin` in package.json): a small ES module that loads main.cjs through the code cache
await build({
  input: { jikimi: "dist/cli/bin.js" },
  platform: "node",
  external: (id) => id.endsWith(".cjs"),
  output: { dir: "dist/bin", format: "esm", entryFileNames: "[name].js", minify: false },
});

// the share gateway's worker thread as a bundle of its own under dist/workers/ (same path as under dist/), which
// workerFile() prefers: it compiles one file instead of dozens of modules and starts ~0.25 s sooner (a 2 M-row dry
// run 3.2-3.5 s against 3.7-4.2 s, alternately). Only it: the scan's worker, bundled the same way, ran 1 M rows in
// 4.9-6.0 s in 2 runs of 5 where its tsc files never took over 4 s, and the other workers were not measured.
const WORKERS = ["engine/release/worker"];
await build({
  input: Object.fromEntries(WORKERS.map((w) => [w, `dist/${w}.js`])),
  platform: "node",
  external: (id) => EXTERNAL.test(id) || id.endsWith(".node"),
  output: {
    dir: "dist/workers",
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "chunks/[name]-[hash].js",
    minify: false,
    cleanDir: true,
  },
});

// the HMAC kernel's WebAssembly module, generated once here instead of in every process and worker thread
const { buildHmacModule, HMAC_MODULE_FILE } = await import("../dist/crypto/sha256/wasm-kernels.js");
writeFileSync(new URL(`../dist/${HMAC_MODULE_FILE}`, import.meta.url), buildHmacModule());

// V8's code cache for the command (src/cli/code-cache.ts): a few commands run on a copy of the corrected example,
// each compiling what it loads and keeping it beside the file as it exits (`<file>.v8c`); a later run adds to what
// the earlier ones kept. A command that fails here fails the build: the bundle itself is broken.
const train = mkdtempSync(join(tmpdir(), "jikimi-code-cache-"));
try {
  const ws = join(train, "ws");
  cpSync("examples/nsf-case-corrected", ws, { recursive: true });
  const env = {
    ...process.env,
    JIKIMI_CODE_CACHE: "write",
    JIKIMI_KEYRING: join(train, "keyring"),
    NO_COLOR: "1",
  };
  const [customers, payments, out] = ["customers.csv", "payments.csv", "out"].map((f) => join(train, f));
  for (const args of [
    ["keys", "init", "-w", ws],
    ["--help"],
    ["share", "--help"],
    ["check", "-w", ws],
    ["check", "-w", ws, "--format", "json", "--no-record"],
    ["generate", "customers", "--rows", "2000", "-o", customers, "--threads", "0", "--quiet"],
    [
      "generate",
      "payments",
      "--rows",
      "2000",
      "--customers",
      "2000",
      "-o",
      payments,
      "--threads",
      "0",
      "--quiet",
    ],
    ["share", "nsf-credit-feed", "-w", ws, "-i", customers, "--out-dir", out, "--dry-run"],
    ["share", "overseas-settlement-feed", "-w", ws, "-i", payments, "--out-dir", out],
    ["ledger", "log", "-w", ws],
  ]) {
    const run = spawnSync(process.execPath, ["dist/bin/jikimi.js", ...args], { env, encoding: "utf8" });
    if (run.status !== 0)
      throw new Error(`code cache: jikimi ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
  }
} finally {
  rmSync(train, { recursive: true, force: true });
}
