// turns zod validation issues into load issues with file:line:col and a fix.
import type { z } from "zod";
import { formatPath, type LoadIssue } from "./issues.js";
import { RESERVED_NAME_HINT } from "./names.js";
import type { Path, YamlFile } from "./yaml-file.js";

/** The value at `path`, own properties only (a key named like an Object.prototype property is absent). */
function valueAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object" || !Object.hasOwn(cur, p)) return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

/** The load issue code a refinement asked for (`params: { code }`), if any. */
function codeOf(issue: { code: string; params?: Record<string, unknown> }): string | undefined {
  const code = issue.code === "custom" ? issue.params?.code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** Every zod issue of one file, located; `prefix` is prepended to the issue paths. */
export function zodIssues(yaml: YamlFile, error: z.ZodError, prefix: Path = []): LoadIssue[] {
  const out: LoadIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    const base = { path: formatPath(path) };
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        out.push({
          ...yaml.at(keyPath, "key"),
          path: formatPath(keyPath),
          code: "unknown_key",
          message: `unknown key "${key}"${path.length ? ` in ${formatPath(path)}` : ""}`,
          hint: `remove "${key}" or fix its spelling (\`jikimi schema\` writes JSON Schema for editor completion)`,
        });
      }
      continue;
    }
    if (issue.code === "invalid_key") {
      // a record key (a field name) that its schema refuses: located at the key, with the key's own reason
      const key = String(path.at(-1) ?? "");
      const inner = issue.issues[0];
      const code = (inner && codeOf(inner)) ?? "invalid_key";
      out.push({
        ...yaml.at(path, "key"),
        ...base,
        code,
        message:
          code === "reserved_name"
            ? `"${key}" ${inner?.message ?? ""}`
            : `"${key}" is not a valid key here: ${inner?.message ?? "see `jikimi schema`"}`,
        hint: code === "reserved_name" ? RESERVED_NAME_HINT : "use letters, digits and '_'",
      });
      continue;
    }
    const asked = codeOf(issue);
    if (asked !== undefined) {
      out.push({
        ...yaml.at(path),
        ...base,
        code: asked,
        message: `${formatPath(path) || "the document"}: "${String(valueAt(yaml.value, path))}" ${issue.message}`,
        hint: asked === "reserved_name" ? RESERVED_NAME_HINT : "see `jikimi schema` for what is allowed here",
      });
      continue;
    }
    const absent = issue.code !== "custom" && path.length > 0 && valueAt(yaml.value, path) === undefined;
    if (absent) {
      const key = String(path.at(-1) ?? "");
      out.push({
        ...yaml.at(path.slice(0, -1), "key"),
        ...base,
        code: "missing_key",
        message: `required key "${key}" is missing`,
        hint: `add "${key}:" here`,
      });
      continue;
    }
    if (issue.code === "invalid_type") {
      out.push({
        ...yaml.at(path),
        ...base,
        code: "wrong_type",
        message: `${formatPath(path) || "the document"} must be ${article(issue.expected)}`,
        hint: `write ${article(issue.expected)} here`,
      });
      continue;
    }
    out.push({
      ...yaml.at(path),
      ...base,
      code:
        issue.code === "invalid_value"
          ? "invalid_value"
          : issue.code === "invalid_format"
            ? "invalid_format"
            : "invalid",
      message: `${formatPath(path) || "the document"}: ${issue.message}`,
      hint: "see `jikimi schema` for what is allowed here",
    });
  }
  return out;
}

function article(expected: string): string {
  if (expected === "object") return "a mapping (key: value lines)";
  if (expected === "array") return "a list";
  if (expected === "record") return "a mapping";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
