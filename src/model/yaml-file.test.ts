import { describe, expect, it } from "vitest";
import { baseFiles, load, toYaml } from "../../test/support/workspace.js";
import { MAX_ALIAS_EXPANSION, parseYamlFile } from "./yaml-file.js";

/** Billion laughs: `depth` anchors, each a list of ten aliases of the one before. */
function aliasBomb(depth: number, prefix = ""): string {
  const lines = [`${prefix}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let d = 1; d <= depth; d++)
    lines.push(
      `${prefix}l${d}: &l${d} [${Array(10)
        .fill(`*l${d - 1}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\n`;
}

describe("YAML aliases", () => {
  it("refuses an alias bomb with a located issue, fast, without expanding it", () => {
    const started = performance.now();
    const { yaml, issues } = parseYamlFile("agreements/bomb.yaml", aliasBomb(9));
    expect(performance.now() - started).toBeLessThan(500);
    expect(yaml.value).toBeUndefined();
    // *l0 stands for 11 nodes, *l1 for 111, *l2 for 1111: 110 + 1110 + 8 x 1111 passes 10000 at l3's 8th alias
    expect(issues).toEqual([
      expect.objectContaining({
        file: "agreements/bomb.yaml",
        line: 4,
        column: 45,
        code: "yaml_alias_limit",
      }),
    ]);
    expect(issues[0]?.path).toBe("l3[7]");
    expect(issues[0]?.message).toContain(String(MAX_ALIAS_EXPANSION));
    expect(issues[0]?.hint).toMatch(/write the values out/);
  });

  it("reports an alias bomb in a workspace file as a load issue, not an internal error", () => {
    const files = toYaml(baseFiles());
    files["agreements/feed.yaml"] = `${files["agreements/feed.yaml"]}${aliasBomb(8, "x_")}`;
    const r = load(files);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      expect.objectContaining({ file: "agreements/feed.yaml", code: "yaml_alias_limit" }),
    ]);
    expect(r.issues[0]?.line).toBeGreaterThan(1);
  });

  it("keeps ordinary anchors and aliases working, an anchor used many times included", () => {
    const uses = Array.from({ length: 300 }, (_, i) => `  k${i}: *v`).join("\n");
    const { yaml, issues } = parseYamlFile("x.yaml", `base: &v { type: string }\nmany:\n${uses}\n`);
    expect(issues).toEqual([]);
    expect((yaml.value as { many: Record<string, unknown> }).many.k299).toEqual({ type: "string" });
  });

  it("refuses an alias with no anchor before it, at the alias", () => {
    const { yaml, issues } = parseYamlFile("x.yaml", "a: 1\nb: *nowhere\n");
    expect(yaml.value).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({ line: 2, column: 4, code: "yaml_alias_unresolved", path: "b" }),
    ]);
  });

  it("refuses an alias inside the value it names, at the alias", () => {
    const { yaml, issues } = parseYamlFile("x.yaml", "a: &loop\n  - 1\n  - *loop\n");
    expect(yaml.value).toBeUndefined();
    expect(issues).toEqual([
      expect.objectContaining({ line: 3, column: 5, code: "yaml_alias_cycle", path: "a[1]" }),
    ]);
  });
});
