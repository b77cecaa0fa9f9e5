// turns zod validation issues into load issues with file:line:col and a fix.
import type { z } from "zod";
import { formatPath, type LoadIssue } from "./issues.js";
import type { Path, YamlFile } from "./yaml-file.js";

function valueAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
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
