// constant: every row, empty or not, becomes the one declared value as a string.
// Contract: a string stays as written, a number or boolean is String(value), null is "".
import { z } from "zod";
import type { ColumnTransform } from "./apply-context.js";
import type { Transform } from "./transform.js";

const options = z.strictObject({
  transform: z.literal("constant"),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

export type ConstantOptions = z.output<typeof options>;

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

/** Replaces every value with one fixed value. */
export const constant: Transform<typeof options> = {
  name: "constant",
  summary: "replace every value with one fixed value",
  accepts: "any",
  options,
  exposure: "none",
  joinScope: "none",
  reversibleByController: false,
  compile: (o) => compileConstant(o),
};
