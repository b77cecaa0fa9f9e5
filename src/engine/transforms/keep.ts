// keep: the value leaves as it is.
import { z } from "zod";
import type { TransformDef } from "./transform.js";

export const keep = {
  name: "keep",
  summary: "release the value unchanged",
  accepts: "any",
  options: z.strictObject({ transform: z.literal("keep") }),
  exposure: "clear",
  joinScope: "global",
  reversibleByController: false,
} satisfies TransformDef;
