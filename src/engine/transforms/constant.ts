// constant: replace every value with one fixed value.
import { z } from "zod";
import type { TransformDef } from "./transform.js";

export const constant = {
  name: "constant",
  summary: "replace every value with one fixed value",
  accepts: "any",
  options: z.strictObject({
    transform: z.literal("constant"),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
  }),
  exposure: "none",
  joinScope: "none",
  reversibleByController: false,
} satisfies TransformDef;
