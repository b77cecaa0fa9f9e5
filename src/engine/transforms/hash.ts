// hash: an unkeyed digest, declarable only to describe a legacy feed; check refuses it, share never runs it.
import { z } from "zod";
import type { TransformDef } from "./transform.js";

export const hash = {
  name: "hash",
  summary: "LEGACY: an unkeyed digest; reversible for phone numbers and IDs, so never released by Jikimi",
  accepts: "any",
  options: z.strictObject({
    transform: z.literal("hash"),
    algorithm: z.enum(["md5", "sha1", "sha256", "sha512"]),
    salt: z.string().optional().describe("a fixed, public salt is still not a key"),
  }),
  exposure: "unkeyed_digest",
  joinScope: "global",
  reversibleByController: false,
  declarativeOnly: true,
} satisfies TransformDef;
