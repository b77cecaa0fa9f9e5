// pseudonym: HMAC-SHA256 under a key derived per agreement and recipient; never a bare hash.
import { z } from "zod";
import { Id } from "../../model/common.js";
import type { TransformDef } from "./transform.js";

export const Normalisation = z.enum(["none", "phone_kr", "email", "lowercase", "digits"]);

export const pseudonym = {
  name: "pseudonym",
  summary: "replace the value with a keyed HMAC-SHA256 pseudonym the recipient cannot reverse",
  accepts: ["string", "integer", "date"],
  options: z.strictObject({
    transform: z.literal("pseudonym"),
    normalize: Normalisation.default("none").describe("normalise before keying, e.g. phone formats"),
    link_key: Id.optional().describe(
      "name of a key shared with other agreements to the same recipient; omit for a key of this agreement only",
    ),
    encoding: z.enum(["hex", "base64url"]).default("base64url"),
    bytes: z.number().int().min(16).max(32).default(32),
  }),
  exposure: "keyed",
  joinScope: "key",
  reversibleByController: false,
} satisfies TransformDef;
