// one YAML document with line:col lookup for any path in it; parse errors come back as issues, and so do
// (located at the key or alias) a mapping key that every JS object inherits (`constructor`, `__proto__`:
// `reserved_name`), an alias without an anchor before it, an alias inside the node it names, and aliases that
// expand the document by more than MAX_ALIAS_EXPANSION nodes (billion laughs: `yaml_alias_limit`). A file with
// an issue has no value, so nothing downstream ever walks an exploding or circular structure. Two keys of one
// mapping that are the same name in NFC (composed and decomposed Hangul) are a `duplicate_key` too, and a path
// finds its key in either form.
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from "yaml";
import { t } from "../i18n/index.js";
import { formatPath, type LoadIssue, type Location } from "./issues.js";
import { isReservedName, reservedNameHint, reservedNameMessage } from "./names.js";

/** Nodes (scalars, mappings, lists) that aliases may add to one file when it is expanded. */
export const MAX_ALIAS_EXPANSION = 10_000;

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
    hint: e.code === "DUPLICATE_KEY" ? t("model.yaml.duplicate_key_hint") : t("model.yaml.syntax_hint"),
  }));
  if (issues.length === 0) issues.push(...nodeIssues(doc, locate));
  let value: unknown;
  if (issues.length === 0) {
    try {
      // the expansion is bounded by nodeIssues, exactly; yaml's own alias heuristic would refuse some files
      // under that bound, and with no place to point at
      value = doc.toJS({ maxAliasCount: -1 });
    } catch (error) {
      issues.push({
        ...locate(0),
        code: "yaml_syntax",
        path: "",
        message: t("model.yaml.unreadable", {
          why: firstLine(error instanceof Error ? error.message : String(error)),
        }),
        hint: t("model.yaml.unreadable_hint"),
      });
    }
  }
  const yaml: YamlFile = {
    file,
    value,
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

/**
 * Walks the document once in order (as yaml resolves aliases: to the last anchor of that name before the
 * alias) and returns the reserved keys and the alias problems, each at its place. A node's expanded size is
 * computed once, so an alias bomb is measured in time linear in the file, never expanded.
 */
function nodeIssues(doc: Document, locate: (offset: number) => Location): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  const sizes = new Map<unknown, number>();
  let expansion = 0;
  let limitReported = false;
  const at = (node: unknown) => locate((node as Node).range?.[0] ?? 0);
  const walk = (node: unknown, path: readonly PropertyKey[]): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const where = { ...at(node), path: formatPath(path) };
      if (target === undefined) {
        issues.push({
          ...where,
          code: "yaml_alias_unresolved",
          message: t("model.yaml.alias_unresolved", { alias: node.source }),
          hint: t("model.yaml.alias_unresolved_hint", { alias: node.source }),
        });
        return 1;
      }
      if (open.has(target)) {
        issues.push({
          ...where,
          code: "yaml_alias_cycle",
          message: t("model.yaml.alias_cycle", { alias: node.source }),
          hint: t("model.yaml.alias_cycle_hint"),
        });
        return 1;
      }
      const size = sizes.get(target) ?? 1;
      expansion += size;
      if (expansion > MAX_ALIAS_EXPANSION && !limitReported) {
        limitReported = true;
        issues.push({
          ...where,
          code: "yaml_alias_limit",
          message: t("model.yaml.alias_limit", { max: MAX_ALIAS_EXPANSION, alias: node.source, size }),
          hint: t("model.yaml.alias_limit_hint"),
        });
      }
      return size;
    }
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor !== undefined) anchors.set(anchor, node);
    open.add(node);
    let size = 1;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const keyNode = isAlias(pair.key) ? anchors.get(pair.key.source) : pair.key;
        const key = isScalar(keyNode) ? keyNode.value : undefined;
        if (typeof key === "string" && isReservedName(key))
          issues.push({
            ...at(pair.key),
            path: formatPath([...path, key]),
            code: "reserved_name",
            message: t("model.yaml.reserved", { key, why: reservedNameMessage() }),
            hint: reservedNameHint(),
          });
        if (typeof key === "string") {
          // yaml compares keys as written; names are compared in NFC
          const nfc = key.normalize("NFC");
          if (seen.has(nfc))
            issues.push({
              ...at(pair.key),
              path: formatPath([...path, nfc]),
              code: "duplicate_key",
              message: t("model.name.nfc_twice", { name: nfc }),
              hint: t("model.name.nfc_twice_hint"),
            });
          seen.add(nfc);
        }
        size += walk(pair.key, path) + walk(pair.value, [...path, String(key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        size += walk(item, [...path, i]);
      });
    } else if (isPair(node)) {
      size += walk(node.key, path) + walk(node.value, path);
    }
    open.delete(node);
    sizes.set(node, size);
    return size;
  };
  walk(doc.contents, []);
  return issues;
}

/** A YAML key and a path step name the same key when equal in NFC (paths carry normalised names). */
function sameKey(key: unknown, step: PropertyKey | undefined): boolean {
  if (key === step) return true;
  return (
    typeof key === "string" && typeof step === "string" && key.normalize("NFC") === step.normalize("NFC")
  );
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
      const pair = parent.items.find((p) => isScalar(p.key) && sameKey(p.key.value, last));
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
