// hash: an unkeyed digest, declarable only to describe a legacy feed; check refuses it, share never runs it
// (it has no `compile`).
import { z } from "zod";
import type { Transform } from "./transform.js";

const options = z.strictObject({
  transform: z.literal("hash"),
  algorithm: z.enum(["md5", "sha1", "sha256", "sha512"]),
  salt: z.string().optional().describe("a fixed, public salt is still not a key"),
});

/** The legacy unkeyed digest, for declarations only. */
export const hash: Transform<typeof options> = {
  name: "hash",
  summary: "LEGACY: an unkeyed digest; reversible for phone numbers and IDs, so never released by Jikimi",
  accepts: "any",
  options,
  exposure: "unkeyed_digest",
  joinScope: "global",
  reversibleByController: false,
};
