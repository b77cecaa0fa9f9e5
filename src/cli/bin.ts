#!/usr/bin/env node
// the jikimi command as installed (dist/bin/jikimi.js, bundled by scripts/bundle.mjs): loads the command's bundle
// (dist/bin/main.cjs and its chunks) through V8's code cache (code-cache.ts). tsc's output of main.ts runs the same
// command without the cache.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { useCodeCache } from "./code-cache.js";

const main = fileURLToPath(new URL("../bin/main.cjs", import.meta.url));
useCodeCache(dirname(main), process.env.JIKIMI_CODE_CACHE === "write");
createRequire(import.meta.url)(main);
