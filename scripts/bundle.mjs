// `npm run build`, after tsc: the jikimi command as one bundle (dist/bin/jikimi.js and its chunks), made from tsc's output in dist/: one file
// to read and compile per verb instead of hundreds, and the libraries tree-shaken (the CEL parser without its
// evaluator, zod without its locales). Start-up of `jikimi check` 0.67 -> 0.4 s (docs/benchmarks.md, "Start-up").
// Packages that load their own files (native addons, Lua scripts, browsers, worker transports) stay external.
import { writeFileSync } from "node:fs";
import { build } from "rolldown";

const EXTERNAL =
  /^(better-sqlite3|roaring|roaring-wasm|bullmq|ioredis|playwright-core|pino|thread-stream|pg-native|echarts|exceljs|swagger-ui-dist|@duckdb\/)(\/|$)/;

await build({
  input: { jikimi: "dist/cli/main.js" },
  platform: "node",
  external: (id) => EXTERNAL.test(id) || id.endsWith(".node"),
  output: {
    dir: "dist/bin",
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "chunks/[name]-[hash].js",
    minify: false,
    cleanDir: true,
  },
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
