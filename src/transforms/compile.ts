// compileTransform: a declared transform plus its options, keys and field type -> the column function the share
// gateway runs over record batches. Contract: options are validated by the transform's own schema (defaults
// applied), the field type must be one it accepts (for those options), a keyed transform gets its key, and a
// transform without `compile` (the legacy `hash`) is never runnable. Errors name the transform and field, never
// a value or key. Nothing here knows a transform by name: it asks the strategy.
import type { z } from "zod";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import {
  type ApplyContext,
  type CellTransform,
  type ColumnTransform,
  requireKey,
  type TransformKeys,
} from "./apply-context.js";
import type { FieldType } from "./field-type.js";
import type { CompileInput, Transform } from "./transform.js";

function parse<S extends z.ZodType>(def: Transform<S>, options: unknown, field: string): z.output<S> {
  const result = def.options.safeParse(options);
  if (result.success) return result.data;
  const paths = result.error.issues.map((i) => i.path.map(String).join(".") || "(options)").join(", ");
  throw new JikimiError(
    "transform_options",
    t("engine.transform.options", { transform: def.name, field, paths }),
    {
      hint: t("engine.transform.options_hint"),
    },
  );
}

/**
 * Compiles one field's transform for the share gateway. `def` is a registry entry (TRANSFORMS);
 * `options` are the declared options (validated again here, defaults applied); `keys` hold the key bytes
 * already derived for the field's key scope, in the slot of the transform's `key.use` (pseudonym: 32 bytes;
 * token: 64, or 32 for AES-128-SIV). Row problems (values that do not parse as the field type) go to
 * `context.problems`.
 * Throws JikimiError: transform_not_runnable (hash), transform_type_mismatch, transform_options,
 * transform_key_missing, transform_key_length / token_key_length.
 * @example const f = compileTransform(pseudonym, { transform: "pseudonym", normalize: "phone_kr" },
 *   { pseudonym: key }, "string", { field: "phone", problems: (p) => issues.push(p) }); f(column, out);
 */
export function compileTransform<S extends z.ZodType>(
  def: Transform<S>,
  options: unknown,
  keys: TransformKeys,
  fieldType: FieldType,
  context: ApplyContext = {},
): ColumnTransform {
  const field = context.field ?? "?";
  if (!def.compile)
    throw new JikimiError("transform_not_runnable", t("engine.transform.not_runnable", { field }));
  return def.compile(...checked(def, options, keys, fieldType, context));
}

/**
 * The transform's path from field bytes to cell bytes (CellTransform), checked as compileTransform checks it, or
 * undefined when it has none (the gateway then decodes the values and runs the column transform).
 * @example const cells = compileCellTransform(pseudonym, options, { pseudonym: key }, "string", { field: "phone" });
 */
export function compileCellTransform<S extends z.ZodType>(
  def: Transform<S>,
  options: unknown,
  keys: TransformKeys,
  fieldType: FieldType,
  context: ApplyContext = {},
): CellTransform | undefined {
  if (!def.compileCells) return undefined;
  return def.compileCells(...checked(def, options, keys, fieldType, context));
}

/** The options parsed and the field type and key checked, as `compile` and `compileCells` take them. */
function checked<S extends z.ZodType>(
  def: Transform<S>,
  options: unknown,
  keys: TransformKeys,
  fieldType: FieldType,
  context: ApplyContext,
): [z.output<S>, CompileInput] {
  const field = context.field ?? "?";
  if (def.accepts !== "any" && !def.accepts.includes(fieldType))
    throw new JikimiError(
      "transform_type_mismatch",
      t("engine.transform.type_mismatch", {
        field,
        type: fieldType,
        transform: def.name,
        types: def.accepts.join(", "),
      }),
    );
  const parsed = parse(def, options, field);
  const narrowed = def.narrow?.(parsed);
  if (narrowed && !narrowed.types.includes(fieldType))
    throw new JikimiError(
      "transform_type_mismatch",
      t("engine.transform.generalise_mismatch", {
        field,
        type: fieldType,
        to: narrowed.by,
        types: narrowed.types.join(", "),
      }),
    );
  const key = def.key ? requireKey(keys[def.key.use], def.name, context) : undefined;
  return [parsed, { fieldType, key, context }];
}
