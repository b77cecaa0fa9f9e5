// zod's own issue texts (an empty list, a value outside an enum, a number out of range) in the language in force:
// passed to safeParse as its error map, so a schema's own messages (`{ error: () => t(...) }`) still win.
import type { z } from "zod";
import { t } from "../i18n/index.js";

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const listOf = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === "string" ? `"${v}"` : String(v))).join(", ");

/**
 * The message of a zod issue from the catalogue, or undefined to keep zod's default text.
 * @example DatasetSchema.safeParse(value, { error: zodMessage })
 */
export function zodMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case "too_small": {
      const minimum = Number(issue.minimum);
      if (issue.origin === "array" || issue.origin === "set")
        return t("model.zod.too_small_items", { minimum });
      if (issue.origin === "string")
        return minimum === 1 ? t("model.zod.too_small_text") : t("model.zod.too_small_chars", { minimum });
      if (issue.origin === "number" || issue.origin === "int")
        return issue.inclusive === false
          ? t("model.zod.too_small_number_exclusive", { minimum })
          : t("model.zod.too_small_number", { minimum });
      return undefined;
    }
    case "too_big": {
      const maximum = Number(issue.maximum);
      if (issue.origin === "array" || issue.origin === "set")
        return t("model.zod.too_big_items", { maximum });
      if (issue.origin === "string") return t("model.zod.too_big_chars", { maximum });
      if (issue.origin === "number" || issue.origin === "int")
        return issue.inclusive === false
          ? t("model.zod.too_big_number_exclusive", { maximum })
          : t("model.zod.too_big_number", { maximum });
      return undefined;
    }
    case "invalid_value":
      return t("model.zod.one_of", { values: listOf(issue.values) });
    case "invalid_format":
      return t("model.zod.bad_format", { format: issue.format });
    case "invalid_union":
      return t("model.zod.no_union");
    case "not_multiple_of":
      return t("model.zod.multiple_of", { divisor: Number(issue.divisor) });
    default:
      return undefined;
  }
}

/**
 * How a workspace's documents are parsed: with the catalogue's messages, and without zod's compiled fast path. zod
 * writes a parser per object shape (`new Function`) the first time one is parsed; a workspace's few documents are
 * parsed once per run, so compiling costs more than it saves (~9 ms of `jikimi check`'s start, docs/benchmarks.md).
 * @example DatasetSchema.safeParse(value, DOCUMENT_PARSE)
 */
export const DOCUMENT_PARSE = { error: zodMessage, jitless: true } as const;
