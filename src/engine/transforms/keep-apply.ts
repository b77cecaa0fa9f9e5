// keep, applied: every value leaves as it is. Contract: out[i] === values[i] ("" for a missing row).
import type { ColumnTransform } from "./apply-context.js";

/**
 * The identity column transform.
 * @example compileKeep()(["a"], out) // out[0] === "a"
 */
export function compileKeep(): ColumnTransform {
  return (values, out) => {
    for (let i = 0; i < values.length; i++) out[i] = values[i] ?? "";
  };
}
