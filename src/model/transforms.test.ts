// the transform registry is the one list: the JSON Schema, the loader's reference check and the model's names
// all follow it, so a transform is added in one file plus one registry line.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { baseFiles, load, toYaml } from "../../test/support/workspace.js";
import { FieldType as TransformFieldType } from "../transforms/field-type.js";
import { TRANSFORMS } from "../transforms/index.js";
import { LinkKey } from "../transforms/link-key.js";
import { Id } from "./common.js";
import { FieldType } from "./dataset.js";
import { jsonSchemaOf } from "./json-schema.js";

const agreementFields = (): unknown[] => {
  const schema = jsonSchemaOf("agreement") as {
    properties: { fields: { additionalProperties: { anyOf: unknown[] } } };
  };
  return schema.properties.fields.additionalProperties.anyOf;
};

/** A workspace whose one agreement releases `phone` under `rule`; the loader's issues (none when it loads). */
function issuesFor(rule: unknown) {
  const files = baseFiles();
  const agreement = files.agreements[0] as { fields: Record<string, unknown> };
  agreement.fields = { phone: rule };
  const result = load(toYaml(files));
  return result.ok ? [] : result.issues;
}

describe("the transform registry", () => {
  it("puts every registered transform's options schema in the agreement JSON Schema", () => {
    const members = agreementFields();
    for (const def of TRANSFORMS) {
      const { $schema: _, ...own } = z.toJSONSchema(def.options, {
        io: "input",
        unrepresentable: "any",
        target: "draft-2020-12",
      });
      expect(members, def.name).toContainEqual(own);
    }
    expect(members[0]).toMatchObject({ enum: TRANSFORMS.map((t) => t.name) });
    expect(members).toHaveLength(TRANSFORMS.length + 1);
  });

  it("is what the reference check accepts, by every registered name and no other", () => {
    for (const def of TRANSFORMS) {
      const codes = issuesFor(def.name).map((i) => i.code);
      expect(codes, def.name).not.toContain("unknown_transform");
    }
    const [unknown] = issuesFor("encrypt");
    expect(unknown?.code).toBe("unknown_transform");
    expect(unknown?.hint).toContain(TRANSFORMS.map((t) => t.name).join(", "));
  });

  it("shares one list of field types with the model", () => {
    expect(FieldType).toBe(TransformFieldType);
    for (const def of TRANSFORMS) {
      const types = def.accepts === "any" ? [] : def.accepts;
      for (const type of types) expect(FieldType.options, def.name).toContain(type);
    }
  });

  it("spells a link_key as the model spells an id", () => {
    const decomposed = "공유키".normalize("NFD");
    const samples = [
      "shared",
      "공유-키",
      decomposed,
      "Shared",
      "1a_b",
      "-x",
      "a b",
      "",
      "constructor",
      "__proto__",
    ];
    for (const s of samples) {
      const a = LinkKey.safeParse(s);
      const b = Id.safeParse(s);
      expect(a.success, s).toBe(b.success);
      if (a.success && b.success) expect(a.data).toBe(b.data);
      else
        expect(
          a.error?.issues.map((i) => i.message),
          s,
        ).toEqual(b.error?.issues.map((i) => i.message));
    }
  });
});
