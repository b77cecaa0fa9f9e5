// JSON Schema for every workspace file kind, derived from the zod schemas, for editor completion.
import { z } from "zod";
import { TRANSFORMS } from "../transforms/index.js";
import { AgreementSchema } from "./agreement.js";
import { FieldName } from "./common.js";
import { ConfigSchema } from "./config.js";
import { DatasetSchema } from "./dataset.js";
import { PurposeSchema } from "./purpose.js";
import { RecipientSchema } from "./recipient.js";

/** Where each kind of file lives in a workspace, for the yaml-language-server file patterns. */
export const FILE_KINDS = {
  workspace: { file: "jikimi.yaml", schema: ConfigSchema },
  dataset: { file: "datasets/*.yaml", schema: DatasetSchema },
  recipient: { file: "recipients/*.yaml", schema: RecipientSchema },
  purpose: { file: "purposes/*.yaml", schema: PurposeSchema },
  agreement: {
    file: "agreements/*.yaml",
    // editors get each transform's own options instead of the loader's generic field rule
    schema: AgreementSchema.extend({
      fields: z.record(
        FieldName,
        z.union([
          z
            .enum(TRANSFORMS.map((t) => t.name) as [string, ...string[]])
            .describe("a transform without options"),
          ...TRANSFORMS.map((t) => t.options),
        ]),
      ),
    }),
  },
} as const;

export type FileKind = keyof typeof FILE_KINDS;

/**
 * The JSON Schema (draft 2020-12) of one file kind.
 * @example writeFileSync("agreement.schema.json", JSON.stringify(jsonSchemaOf("agreement"), null, 2));
 */
export function jsonSchemaOf(kind: FileKind): Record<string, unknown> {
  const schema = z.toJSONSchema(FILE_KINDS[kind].schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  });
  return {
    ...schema,
    $id: `https://jikimi.dev/schemas/${kind}.schema.json`,
    title: `Jikimi ${kind} file (${FILE_KINDS[kind].file})`,
  };
}
