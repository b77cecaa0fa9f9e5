// one YAML document with line:col lookup for any path in it; parse errors come back as issues.
import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { formatPath, type LoadIssue, type Location } from "./issues.js";

export type Path = readonly PropertyKey[];

export interface YamlFile {
  file: string;
  value: unknown;
  /** where the node at `path` starts; falls back to the nearest existing parent */
  at(path: Path, which?: "key" | "value"): Location;
  /** offset of a scalar's text in the file, for locating positions inside an expression */
  scalarStart(path: Path): { offset: number; exact: boolean } | undefined;
  locate(offset: number): Location;
}

/**
 * Parses YAML text; `value` is undefined when the text has errors, which are returned as issues.
 * @example const { yaml, issues } = parseYamlFile("agreements/a.yaml", text);
 */
export function parseYamlFile(file: string, text: string): { yaml: YamlFile; issues: LoadIssue[] } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const locate = (offset: number): Location => {
    const pos = counter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  const issues: LoadIssue[] = doc.errors.map((e) => ({
    ...locate(e.pos[0]),
    code: e.code === "DUPLICATE_KEY" ? "duplicate_key" : "yaml_syntax",
    path: "",
    message: firstLine(e.message),
    hint:
      e.code === "DUPLICATE_KEY"
        ? "each key may appear once in a mapping: remove or rename the repeated one"
        : "fix the YAML syntax at this place (indentation, a missing ':' or an unclosed quote)",
  }));
  const yaml: YamlFile = {
    file,
    value: issues.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    at: (path, which = "value") => locate(nodeOffset(doc, path, which)),
    scalarStart: (path) => {
      const node = doc.getIn(path as unknown[], true);
      if (!isScalar(node) || !node.range) return undefined;
      const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
      const plain = node.type === "PLAIN";
      return { offset: node.range[0] + (quoted ? 1 : 0), exact: quoted || plain };
    },
    locate,
  };
  return { yaml, issues };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

function nodeOffset(doc: Document, path: Path, which: "key" | "value"): number {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const parent = prefix.length === 0 ? doc.contents : doc.getIn(prefix.slice(0, -1) as unknown[], true);
    const last = prefix.at(-1);
    if (prefix.length === 0) return (doc.contents as Node | null)?.range?.[0] ?? 0;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      if (pair) {
        const keyNode = pair.key as Node;
        const valueNode = pair.value as Node | null;
        if (which === "key" || n < path.length || !valueNode?.range) return keyNode.range?.[0] ?? 0;
        return valueNode.range[0];
      }
    } else if (isSeq(parent) && typeof last === "number") {
      const item = parent.items[last] as Node | undefined;
      if (item?.range) return item.range[0];
    }
  }
  return 0;
}

export { formatPath };
