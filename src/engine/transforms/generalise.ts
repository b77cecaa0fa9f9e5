// generalise: coarsen a value (dates to month or year, numbers to bands or buckets, strings to a prefix).
import { z } from "zod";
import type { TransformDef } from "./transform.js";

export const generalise = {
  name: "generalise",
  summary: "coarsen the value: dates to month or year, numbers to bands, codes to a prefix",
  accepts: ["date", "timestamp", "integer", "number", "string"],
  options: z.discriminatedUnion("to", [
    z.strictObject({ transform: z.literal("generalise"), to: z.enum(["month", "year"]) }),
    z.strictObject({
      transform: z.literal("generalise"),
      to: z.literal("band"),
      width: z.number().positive().describe("band width, e.g. 10 for ages 30-39"),
    }),
    z.strictObject({
      transform: z.literal("generalise"),
      to: z.literal("bucket"),
      bounds: z.array(z.number()).min(1).describe("ascending bucket boundaries"),
    }),
    z.strictObject({
      transform: z.literal("generalise"),
      to: z.literal("prefix"),
      length: z.number().int().min(1).describe("characters kept, e.g. 3 of a postal code"),
    }),
  ]),
  exposure: "coarse",
  joinScope: "none",
  reversibleByController: false,
} satisfies TransformDef;

/** Which field types each level applies to; the loader reports a mismatch. */
export const GENERALISE_TYPES = {
  month: ["date", "timestamp"],
  year: ["date", "timestamp"],
  band: ["integer", "number"],
  bucket: ["integer", "number"],
  prefix: ["string"],
} as const;
