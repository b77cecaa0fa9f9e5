// turns zod validation issues into load issues with file:line:col and a fix, in the language in force.
import type { z } from "zod";
import { t } from "../i18n/index.js";
import { formatPath, type LoadIssue } from "./issues.js";
import { reservedNameHint } from "./names.js";
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

const where = (path: Path) => formatPath(path) || t("model.zod.the_document");

/**
 * Every zod issue of one file, located; `prefix` is prepended to the issue paths.
 * @example if (!r.success) issues.push(...zodIssues(yaml, r.error));
 */
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
          message: path.length
            ? t("model.zod.unknown_key_in", { key, path: formatPath(path) })
            : t("model.zod.unknown_key", { key }),
          hint: t("model.zod.unknown_key_hint", { key }),
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
            ? t("model.yaml.reserved", { key, why: inner?.message ?? "" })
            : t("model.name.invalid_field", {
                name: key,
                why: inner?.message ?? t("model.zod.invalid_key_fallback"),
              }),
        hint: code === "reserved_name" ? reservedNameHint() : t("model.name.invalid_field_hint"),
      });
      continue;
    }
    const asked = codeOf(issue);
    if (asked !== undefined) {
      out.push({
        ...yaml.at(path),
        ...base,
        code: asked,
        message: t("model.zod.value_refused", {
          path: where(path),
          value: String(valueAt(yaml.value, path)),
          why: issue.message,
        }),
        hint: asked === "reserved_name" ? reservedNameHint() : t("model.zod.see_schema"),
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
        message: t("model.zod.missing_key", { key }),
        hint: t("model.zod.missing_key_hint", { key }),
      });
      continue;
    }
    if (issue.code === "invalid_type") {
      const expected = typeName(issue.expected);
      out.push({
        ...yaml.at(path),
        ...base,
        code: "wrong_type",
        message: t("model.zod.wrong_type", { path: where(path), expected }),
        hint: t("model.zod.wrong_type_hint", { expected }),
      });
      continue;
    }
    const invalidName = issue.code === "invalid_format" && isNamePath(path);
    out.push({
      ...yaml.at(path),
      ...base,
      code:
        issue.code === "invalid_value"
          ? "invalid_value"
          : issue.code === "invalid_format"
            ? "invalid_format"
            : "invalid",
      message: t("model.zod.other", {
        path: where(path),
        why: invalidName
          ? t("model.name.invalid_field", { name: String(valueAt(yaml.value, path)), why: issue.message })
          : issue.message,
      }),
      hint: invalidName ? t("model.name.invalid_field_hint") : t("model.zod.see_schema"),
    });
  }
  return out;
}

/** Paths that hold a user-chosen name: a declaration's id, the subject key, a quasi-identifier. */
function isNamePath(path: Path): boolean {
  const last = path.at(-1);
  return (
    (path.length === 1 && (last === "id" || last === "subject_key")) ||
    (path.length === 3 && path[0] === "risk" && path[1] === "quasi_identifiers")
  );
}

function typeName(expected: string): string {
  switch (expected) {
    case "object":
      return t("model.zod.type_object");
    case "array":
      return t("model.zod.type_array");
    case "record":
      return t("model.zod.type_record");
    case "string":
      return t("model.zod.type_string");
    case "number":
      return t("model.zod.type_number");
    case "boolean":
      return t("model.zod.type_boolean");
    case "int":
      return t("model.zod.type_int");
    default:
      return t("model.zod.type_any", { type: expected });
  }
}
