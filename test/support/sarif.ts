// the official SARIF 2.1.0 schema (from @microsoft/jest-sarif 1.0.0-beta.0), committed as a fixture.
// It declares draft-04, which Ajv 8 does not ship; it uses no draft-04-only semantics (no boolean
// exclusiveMinimum/Maximum), so it is validated as draft-07 once its draft-04 `id` becomes `$id`.
// unicodeRegExp is off because one pattern in it (the `language` tag) is invalid with the `u` flag.
import { readFileSync } from "node:fs";
import { Ajv, type AnySchemaObject } from "ajv";

const raw = readFileSync(new URL("../fixtures/sarif-2.1.0-rtm.5.json", import.meta.url), "utf8");
export const SARIF_SCHEMA = JSON.parse(raw) as AnySchemaObject;
const { $schema: _draft, id, ...body } = SARIF_SCHEMA;

/** A validator for SARIF 2.1.0 logs; `.errors` holds what failed. */
export const validateSarif = new Ajv({
  strict: false,
  validateFormats: false,
  unicodeRegExp: false,
  allErrors: true,
}).compile({ $id: id, ...body });
