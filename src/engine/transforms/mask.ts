// mask: hide all but a few leading or trailing characters.
import { z } from "zod";
import type { TransformDef } from "./transform.js";

export const mask = {
  name: "mask",
  summary: "replace all but the first and last few characters with a mask character",
  accepts: ["string"],
  options: z.strictObject({
    transform: z.literal("mask"),
    keep_start: z.number().int().min(0).default(0),
    keep_end: z.number().int().min(0).default(0),
    char: z.string().length(1).default("*"),
  }),
  exposure: "partial",
  joinScope: "none",
  reversibleByController: false,
} satisfies TransformDef;
