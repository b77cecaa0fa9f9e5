// datasets/*.yaml: the fields of a source of personal data and what each one is.
import { z } from "zod";
import { FieldName, Id, TaxonomyKey } from "./common.js";

export const FieldType = z.enum(["string", "integer", "number", "boolean", "date", "timestamp"]);
export type FieldType = z.infer<typeof FieldType>;
export const FieldRole = z.enum(["direct_identifier", "quasi_identifier", "sensitive", "other"]);
export type FieldRole = z.infer<typeof FieldRole>;

export const FieldSchema = z.strictObject({
  type: FieldType,
  categories: z.array(TaxonomyKey).default([]).describe("taxonomy data categories the field holds"),
  role: FieldRole.optional().describe("defaults from the categories"),
  nullable: z.boolean().default(false),
  description: z.string().optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export const DatasetSchema = z.strictObject({
  id: Id,
  name: z.string().optional(),
  description: z.string().optional(),
  subjects: TaxonomyKey.default("customer").describe("taxonomy data subject"),
  subject_key: FieldName.describe("the field that identifies the data subject"),
  fields: z
    .record(FieldName, FieldSchema)
    .refine((f) => Object.keys(f).length > 0, "declare at least one field"),
});
export type Dataset = z.infer<typeof DatasetSchema>;
