// token: deterministic AES-SIV encryption that only the controller can reverse (jikimi detokenize).
import { z } from "zod";
import { Id } from "../../model/common.js";
import type { TransformDef } from "./transform.js";

export const token = {
  name: "token",
  summary: "replace the value with a deterministic token only the controller can reverse",
  accepts: ["string", "integer", "date"],
  options: z.strictObject({
    transform: z.literal("token"),
    link_key: Id.optional().describe("name of a key shared with other agreements to the same recipient"),
  }),
  exposure: "keyed",
  joinScope: "key",
  reversibleByController: true,
} satisfies TransformDef;
