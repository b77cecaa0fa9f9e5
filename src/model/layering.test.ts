// dependencies point one way: model/ never reaches into engine/, and transforms/ (which model/ uses) reaches
// into neither. Read from the import lines of the real files, type-only imports included.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SPECIFIER =
  /^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)/gm;

/** Every relative module a folder's source files (tests excluded) import, as `file -> src-relative target`. */
function importsOf(folder: string): string[] {
  const out: string[] = [];
  const files = readdirSync(join(SRC, folder), { recursive: true, encoding: "utf8" }).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  for (const file of files) {
    const path = join(SRC, folder, file);
    for (const m of readFileSync(path, "utf8").matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2] ?? "";
      if (spec.startsWith("."))
        out.push(`${folder}/${file} -> ${relative(SRC, resolve(dirname(path), spec))}`);
    }
  }
  return out;
}

const into = (imports: string[], folder: string) =>
  imports.filter((i) => i.split(" -> ")[1]?.startsWith(`${folder}/`));

describe("layering", () => {
  it("reads the imports it checks", () => {
    // the scan itself must see the edges that exist, or the checks below would pass on nothing
    expect(importsOf("model")).toContain("model/json-schema.ts -> transforms/index.js");
    expect(importsOf("transforms")).toContain("transforms/pseudonym.ts -> crypto/sha256/index.js");
  });

  it("model/ imports nothing from engine/", () => {
    expect(into(importsOf("model"), "engine")).toEqual([]);
  });

  it("transforms/ imports nothing from model/ or engine/", () => {
    const imports = importsOf("transforms");
    expect([...into(imports, "model"), ...into(imports, "engine")]).toEqual([]);
  });
});
