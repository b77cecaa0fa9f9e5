// keep: the value leaves as it is. Contract: out[i] === values[i] ("" for a missing row); the gateway copies the
// column's bytes instead (passthrough), which gives the same output.
import { z } from "zod";
import type { ColumnTransform } from "./apply-context.js";
import type { Transform } from "./transform.js";

/**
 * The identity column transform.
 * @example compileKeep()(["a"], out) // out[0] === "a"
 */
export function compileKeep(): ColumnTransform {
  return (values, out) => {
    for (let i = 0; i < values.length; i++) out[i] = values[i] ?? "";
  };
}

const options = z.strictObject({ transform: z.literal("keep") });

/** Releases the value unchanged. */
export const keep: Transform<typeof options> = {
  name: "keep",
  summary: "release the value unchanged",
  accepts: "any",
  options,
  exposure: "clear",
  joinScope: "global",
  reversibleByController: false,
  passthrough: true,
  compile: () => compileKeep(),
};
