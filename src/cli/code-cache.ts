// V8's code cache for the bundled command: the build compiles the bundle once, runs a few commands, and keeps each
// file's compiled functions beside it (`<file>.v8c`); a later start deserialises them instead of parsing and
// compiling the JavaScript again, and the functions the training ran start as bytecode rather than cold. `jikimi
// check` on the example 0.20 -> 0.15 s (docs/benchmarks.md, "Start-up of the command"). Node 20 has no compile cache
// of its own (`module.enableCompileCache` is Node 22) and V8 caches only scripts, not ES modules: the bundle is
// CommonJS for this (scripts/bundle.mjs). Nothing here runs under the tests' sources or tsc's output.
//
// A cache file holds the SHA-256 of the source it was made from, then V8's data. V8 checks its own version and flags
// but of the source only the length, so the hash is what keeps a cache from an older build of the same length from
// running old code; a cache that does not match is ignored and the file compiled as usual. Cache files are written
// only by the build (`JIKIMI_CODE_CACHE=write`), never by a command a user runs.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, sep } from "node:path";
import { Script } from "node:vm";

interface CompiledModule {
  exports: unknown;
}
type Compile = (this: CompiledModule, content: string, filename: string) => unknown;
type Wrapped = (
  exports: unknown,
  require: NodeJS.Require,
  module: CompiledModule,
  file: string,
  dir: string,
) => unknown;

const HASH = 32;
const sha256 = (text: string): Buffer => createHash("sha256").update(text).digest();

/** The V8 data of `file`'s cache when it was made from exactly `source`, else undefined. */
export function cachedDataFor(file: string, source: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(`${file}.v8c`);
  } catch {
    return undefined;
  }
  if (bytes.length <= HASH || !bytes.subarray(0, HASH).equals(sha256(source))) return undefined;
  return bytes.subarray(HASH);
}

/** What the cache did in this process: files compiled through it, and how many of them V8 took from their cache. */
export interface CodeCacheUse {
  compiled: number;
  fromCache: number;
}

/**
 * Compiles the CommonJS files under `dir` through V8's code cache from now on (`<file>.v8c` beside each); with
 * `write`, every such file compiled in this process gets its cache (re)written as the process exits, holding the
 * functions compiled by then. Other files load as Node loads them.
 * @example useCodeCache(dirname(fileURLToPath(import.meta.url)), process.env.JIKIMI_CODE_CACHE === "write")
 */
export function useCodeCache(dir: string, write: boolean): CodeCacheUse {
  const use: CodeCacheUse = { compiled: 0, fromCache: 0 };
  const prefix = dir.endsWith(sep) ? dir : dir + sep;
  const proto = (Module as unknown as { prototype: { _compile: Compile } }).prototype;
  const compile = proto._compile;
  const compiled: { script: Script; file: string; source: string }[] = [];
  proto._compile = function (this: CompiledModule, content: string, filename: string): unknown {
    if (!filename.startsWith(prefix) || !filename.endsWith(".cjs"))
      return compile.call(this, content, filename);
    // a shebang is not JavaScript inside the wrapper: keep the line, as a comment, so line numbers stay
    const body = content.startsWith("#!") ? `//${content.slice(2)}` : content;
    const cachedData = cachedDataFor(filename, content);
    const script = new Script(Module.wrap(body), { filename, cachedData });
    use.compiled++;
    if (cachedData && !script.cachedDataRejected) use.fromCache++;
    if (write) compiled.push({ script, file: filename, source: content });
    const wrapped = script.runInThisContext({ displayErrors: true }) as Wrapped;
    return wrapped.call(
      this.exports,
      this.exports,
      createRequire(filename),
      this,
      filename,
      dirname(filename),
    );
  };
  if (write)
    process.on("exit", () => {
      for (const { script, file, source } of compiled)
        writeFileSync(`${file}.v8c`, Buffer.concat([sha256(source), script.createCachedData()]));
    });
  return use;
}
