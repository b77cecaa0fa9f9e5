// datasets/*.yaml: the fields of a source of personal data and what each one is. Field names may be Hangul
// (NFC-normalised, see common.ts); a field whose column in the source files is headed otherwise names that header
// with `source_column`.
import { z } from "zod";
import { t } from "../i18n/index.js";
// the field types live with the transforms (below model/), which say which types each takes
import { FieldType } from "../transforms/field-type.js";
import { FieldName, Id, SourceColumn, TaxonomyKey } from "./common.js";

export { FieldType };
export const FieldRole = z.enum(["direct_identifier", "quasi_identifier", "sensitive", "other"]);
export type FieldRole = z.infer<typeof FieldRole>;

export const FieldSchema = z.strictObject({
  type: FieldType,
  categories: z.array(TaxonomyKey).default([]).describe("taxonomy data categories the field holds"),
  role: FieldRole.optional().describe("defaults from the categories"),
  nullable: z.boolean().default(false),
  description: z.string().optional(),
  source_column: SourceColumn.optional().describe(
    'the header of the field\'s column in source files (CSV header, JSON Lines key, Parquet column), when it is not the field\'s name, e.g. "고객 번호" or "Balance (KRW)"; NFC-normalised, as headers are. Without it the column is the one headed with the field\'s name',
  ),
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
    .refine((f) => Object.keys(f).length > 0, { error: () => t("model.dataset.no_fields") }),
});
export type Dataset = z.infer<typeof DatasetSchema>;

/**
 * The header each field of a dataset is read from: its `source_column`, else its own name.
 * @example sourceColumns(ds) // Map { "고객번호" => "고객 번호", "잔액" => "잔액" }
 */
export function sourceColumns(dataset: Pick<Dataset, "fields">): Map<string, string> {
  return new Map(Object.entries(dataset.fields).map(([name, f]) => [name, f.source_column ?? name]));
}
