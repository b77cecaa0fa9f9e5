// constant, applied: every row, empty or not, becomes the one declared value as a string.
// Contract: a string stays as written, a number or boolean is String(value), null is "".
import type { z } from "zod";
import type { ColumnTransform } from "./apply-context.js";
import type { constant } from "./constant.js";

export type ConstantOptions = z.output<typeof constant.options>;

/**
 * The constant column transform.
 * @example compileConstant({ transform: "constant", value: null }) // every row -> ""
 */
export function compileConstant(options: ConstantOptions): ColumnTransform {
  const text = options.value === null ? "" : String(options.value);
  return (values, out) => {
    for (let i = 0; i < values.length; i++) out[i] = text;
  };
}
