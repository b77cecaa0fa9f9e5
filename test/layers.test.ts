// the five layers of docs/architecture.md, read from every import line of src/**/*.ts (tests aside): adapters ->
// services -> core -> ports -> stores, each importing only from itself and the layers below it (with the rules
// below), and no `process` or `console` under the adapters.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

type Layer = "adapters" | "services" | "core" | "ports" | "stores";

/** The layer of a path relative to src/ (forward slashes). */
function layerOf(path: string): Layer {
  if (/^(cli|adapters|server|worker)\//.test(path)) return "adapters";
  if (path === "index.ts" || /^(app|public)\//.test(path)) return "services";
  if (path.startsWith("ports/")) return "ports";
  if (path.startsWith("store/")) return "stores";
  return "core";
}

/** The shared base modules a store may use besides ports/ and store/: errors and messages. */
const isBase = (path: string) =>
  path === "errors.ts" || path.startsWith("errors/") || path.startsWith("i18n/");

/**
 * Worker-thread entry points that open their own store from a locator the main thread sends: each is the
 * composition root of its thread (as app/ is of the process), so it may open a store.
 */
const THREAD_ROOTS = new Set(["ledger/verify/side-worker.ts"]);

/** Every source file under src/, tests aside, relative to src/. */
function sources(dir = SRC): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts"))
      out.push(relative(SRC, full).split("\\").join("/"));
  }
  return out.sort();
}

interface Import {
  /** the imported module relative to src/ (a .ts path), or undefined for a package or node builtin */
  target: string | undefined;
  spec: string;
  typeOnly: boolean;
}

/** The import and re-export statements of `text` (static and dynamic). */
function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const target = spec.startsWith(".")
      ? relative(SRC, resolve(dirname(join(SRC, file)), spec))
          .split("\\")
          .join("/")
          .replace(/\.js$/, ".ts")
      : undefined;
    out.push({ target, spec, typeOnly });
  };
  const statement = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s*"([^"]+)"/g;
  for (const m of text.matchAll(statement)) {
    const clause = (m[2] ?? "").trim();
    const items = clause.startsWith("{")
      ? clause
          .replace(/^\{|\}$/g, "")
          .split(",")
          .map((x) => x.trim())
          .filter((x) => x !== "")
      : [];
    const allTypes = m[1] !== undefined || (items.length > 0 && items.every((x) => x.startsWith("type ")));
    add(m[3] as string, allTypes);
  }
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+"([^"]+)"/g)) add(m[1] as string, false);
  for (const m of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) add(m[1] as string, false);
  return out;
}

/** Why `file` may not import `target`, or undefined when it may. */
function violation(file: string, imp: Import): string | undefined {
  const target = imp.target;
  if (target === undefined) return undefined;
  if (target.startsWith("..")) return `${imp.spec} leaves src/`;
  const from = layerOf(file);
  const to = layerOf(target);
  switch (from) {
    case "adapters": {
      // an adapter reaches the library only through the public surface; its own folder and adapters/ are its own
      const own = file.split("/")[0] as string;
      if (target.startsWith(`${own}/`) || target.startsWith("adapters/")) return undefined;
      // `jikimi serve` starts the HTTP adapter: the CLI may reach the server through its entry, server/index.ts
      if (own === "cli" && target === "server/index.ts") return undefined;
      // `jikimi worker`, `share --distributed` and `release status` start the queue adapter through its entry
      if (own === "cli" && target === "worker/index.ts") return undefined;
      if (to === "services" && (target === "index.ts" || target.startsWith("public/"))) return undefined;
      return `an adapter imports ${target}: use src/index.ts or src/public/`;
    }
    case "services":
      return to === "adapters" ? `a service imports the adapter ${target}` : undefined;
    case "core":
      // a port module holds interfaces and the constants of their contract (consent's START_AT) and imports only
      // ports: importing it loads nothing of a store
      if (to === "core" || to === "ports") return undefined;
      if (THREAD_ROOTS.has(file) && to === "stores") return undefined;
      return `core imports ${target} (${to})`;
    case "ports":
      return to === "ports" ? undefined : `a port imports ${target}`;
    case "stores":
      return to === "ports" || to === "stores" || isBase(target)
        ? undefined
        : `a store imports ${target} (${to})`;
  }
}

/** `text` without its comments (block and line), strings kept. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/**
 * Uses of the process or the console below the adapters, one per line. io/lock.ts names its owner's pid (from
 * node:process, like the host name from node:os) in the lock it takes: that is what the lock is about.
 */
function processUses(file: string, text: string): string[] {
  if (layerOf(file) === "adapters") return [];
  const out: string[] = [];
  for (const [i, line] of withoutComments(text).split("\n").entries()) {
    if (/\b(process|console)\.\w/.test(line)) out.push(`${file}:${i + 1}: ${line.trim()}`);
    if (/from\s+"(node:)?process"/.test(line) && file !== "io/lock.ts")
      out.push(`${file}:${i + 1}: ${line.trim()}`);
  }
  return out;
}

describe("layers", () => {
  const files = sources();

  it("finds the source tree", () => {
    expect(files).toContain("index.ts");
    expect(files.some((f) => f.startsWith("cli/"))).toBe(true);
    expect(files.some((f) => f.startsWith("store/"))).toBe(true);
  });

  it("has every module import only from its own layer and the layers below", () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(SRC, file), "utf8");
      for (const imp of importsOf(file, text)) {
        const why = violation(file, imp);
        if (why !== undefined) bad.push(`${file}: ${why}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("keeps process and console in the adapters", () => {
    const bad = files.flatMap((file) => processUses(file, readFileSync(join(SRC, file), "utf8")));
    expect(bad).toEqual([]);
  });

  it("catches what it should (the rules themselves)", () => {
    const imp = (spec: string, typeOnly = false): Import => ({
      spec,
      typeOnly,
      target: spec.replace(/^(\.\.\/)+/, "").replace(/\.js$/, ".ts"),
    });
    expect(violation("cli/commands/check.ts", imp("../../model/load.js"))).toMatch(/adapter/);
    expect(violation("cli/commands/check.ts", imp("../../public/workspace.js"))).toBeUndefined();
    expect(violation("crypto/keyring.ts", imp("../store/open.js"))).toMatch(/core imports store/);
    expect(violation("ledger/ledger.ts", imp("../ports/ledger.js", true))).toBeUndefined();
    expect(violation("ledger/ledger.ts", imp("../store/sqlite/ledger.js"))).toMatch(/core imports store/);
    expect(violation("ledger/ledger.ts", imp("../app/workspace.js"))).toMatch(/services/);
    expect(violation("ports/ledger.ts", imp("../errors.js"))).toMatch(/port imports/);
    expect(violation("store/sqlite/ledger.ts", imp("../../i18n/index.js"))).toBeUndefined();
    expect(violation("store/sqlite/ledger.ts", imp("../../ledger/entry.js"))).toMatch(/store imports/);
    expect(violation("app/workspace.ts", imp("../cli/output.js"))).toMatch(/adapter/);
    expect(processUses("engine/share.ts", "const a = process.env.X; // process.exit\n")).toHaveLength(1);
    expect(processUses("engine/share.ts", "// process.exit()\n/* console.log */\n")).toEqual([]);
    expect(processUses("cli/main.ts", "process.exit(1);\n")).toEqual([]);
  });

  it("reads type-only and multi-line imports", () => {
    const found = importsOf(
      "ledger/ledger.ts",
      'import type { A } from "../ports/ledger.js";\nimport {\n  b,\n  type C,\n} from "../io/x.js";\nexport * from "./y.js";\nconst m = await import("../store/open.js");\n',
    );
    expect(found.map((i) => [i.target, i.typeOnly])).toEqual([
      ["ports/ledger.ts", true],
      ["io/x.ts", false],
      ["ledger/y.ts", false],
      ["store/open.ts", false],
    ]);
  });
});
