// re2js, a port of RE2 (260 KB with its Unicode tables), loaded on the first `matches()` pattern rather than with
// the expression modules: most scopes have no pattern, and compiling it was part of every `jikimi check`'s start
// (docs/benchmarks.md, "Start-up of the command"). Its CommonJS build, so the load is synchronous.
import { createRequire } from "node:module";
import type { RE2JS } from "re2js";

let loaded: typeof RE2JS | undefined;

/** The RE2JS class, loaded on first use. @example re2().compile("(?i)^ios$").test("iOS") // true */
export function re2(): typeof RE2JS {
  loaded ??= (createRequire(import.meta.url)("re2js") as typeof import("re2js")).RE2JS;
  return loaded;
}
