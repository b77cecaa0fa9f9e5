// purposes/*.yaml: why data is shared, whom it serves, what it needs, and whether only some subjects need it.
import { z } from "zod";
import { Id, TaxonomyKey } from "./common.js";

export const Beneficiary = z.enum(["controller", "recipient", "subject"]);

export const PurposeSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  use: TaxonomyKey.describe("taxonomy data use"),
  description: z.string().optional(),
  benefits: z.array(Beneficiary).min(1).describe("whose interest the processing serves"),
  needs: z.array(TaxonomyKey).min(1).describe("data categories the purpose needs (minimisation)"),
  per_subject: z
    .strictObject({
      description: z.string().min(1),
      condition: z.string().min(1).describe("CEL over a record: the subjects who need this purpose"),
    })
    .optional()
    .describe("set when only some subjects need the purpose, e.g. a score only for users of a service"),
});
export type Purpose = z.infer<typeof PurposeSchema>;
