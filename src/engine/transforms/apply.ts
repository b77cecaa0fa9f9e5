// compileTransform: a declared transform plus its options, keys and field type -> a column function the
// share gateway runs over record batches. Contract: options are validated by the transform's own schema
// (defaults applied), the field type must be one it accepts, keyed transforms need their key, and the
// legacy `hash` is never runnable. Errors name the transform and field, never a value or key.
import type { z } from "zod";
import { ExitCode, JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type { FieldType } from "../../model/dataset.js";
import type { ApplyContext, ColumnTransform, TransformKeys } from "./apply-context.js";
import { constant } from "./constant.js";
import { compileConstant } from "./constant-apply.js";
import { GENERALISE_TYPES, generalise } from "./generalise.js";
import { compileGeneralise } from "./generalise-apply.js";
import { keep } from "./keep.js";
import { compileKeep } from "./keep-apply.js";
import { mask } from "./mask.js";
import { compileMask } from "./mask-apply.js";
import { pseudonym } from "./pseudonym.js";
import { compilePseudonym } from "./pseudonym-apply.js";
import { token } from "./token.js";
import { compileToken } from "./token-apply.js";
import type { TransformDef } from "./transform.js";

export type {
  ApplyContext,
  ColumnTransform,
  ProblemSink,
  RowProblem,
  TransformKeys,
} from "./apply-context.js";
export { normalise } from "./pseudonym-apply.js";
export { detokenize, detokenizer, TOKEN_LABEL, tokenize } from "./token-apply.js";

function parse<S extends z.ZodType>(
  def: { name: string; options: S },
  options: unknown,
  field: string,
): z.output<S> {
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

function needKey(key: Uint8Array | undefined, name: string, field: string): Uint8Array {
  if (key) return key;
  throw new JikimiError(
    "transform_key_missing",
    t("engine.transform.key_missing", { transform: name, field }),
    { exitCode: ExitCode.internal },
  );
}

/**
 * Compiles one field's transform for the share gateway. `def` is a registry entry (TRANSFORMS);
 * `options` are the declared options (validated again here, defaults applied); `keys` hold the key bytes
 * already derived for the field's key scope (pseudonym: 32 bytes; token: 64, or 32 for AES-128-SIV).
 * Row problems (values that do not parse as the field type) go to `context.problems`.
 * Throws JikimiError: transform_not_runnable (hash), transform_unknown, transform_type_mismatch,
 * transform_options, transform_key_missing, transform_key_length / token_key_length.
 * @example const f = compileTransform(pseudonym, { transform: "pseudonym", normalize: "phone_kr" },
 *   { pseudonym: key }, "string", { field: "phone", problems: (p) => issues.push(p) }); f(column, out);
 */
export function compileTransform(
  def: TransformDef,
  options: unknown,
  keys: TransformKeys,
  fieldType: FieldType,
  context: ApplyContext = {},
): ColumnTransform {
  const field = context.field ?? "?";
  if (def.declarativeOnly === true || def.name === "hash")
    throw new JikimiError("transform_not_runnable", t("engine.transform.not_runnable", { field }));
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
  switch (def.name) {
    case "keep":
      parse(keep, options, field);
      return compileKeep();
    case "constant":
      return compileConstant(parse(constant, options, field));
    case "mask":
      return compileMask(parse(mask, options, field));
    case "generalise": {
      const o = parse(generalise, options, field);
      const types: readonly FieldType[] = GENERALISE_TYPES[o.to];
      if (!types.includes(fieldType))
        throw new JikimiError(
          "transform_type_mismatch",
          t("engine.transform.generalise_mismatch", {
            field,
            type: fieldType,
            to: o.to,
            types: types.join(", "),
          }),
        );
      return compileGeneralise(o, fieldType, context);
    }
    case "pseudonym":
      return compilePseudonym(
        parse(pseudonym, options, field),
        needKey(keys.pseudonym, "pseudonym", field),
        context,
      );
    case "token":
      return compileToken(parse(token, options, field), needKey(keys.token, "token", field));
    default:
      throw new JikimiError(
        "transform_unknown",
        t("engine.transform.unknown", { field, transform: def.name }),
      );
  }
}
