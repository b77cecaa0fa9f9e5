// the transform registry: the one list of transforms. Adding a transform is one file (its strategy, see
// transform.ts) and one line in TRANSFORMS; the loader, the JSON Schema, the check rules and the gateway
// all read this list and ask each entry for its properties.
import { constant } from "./constant.js";
import { generalise } from "./generalise.js";
import { hash } from "./hash.js";
import { keep } from "./keep.js";
import { mask } from "./mask.js";
import { pseudonym } from "./pseudonym.js";
import { token } from "./token.js";
import type { Transform } from "./transform.js";

/** Every transform an agreement may declare, in the order `jikimi taxonomy` lists them. */
export const TRANSFORMS: readonly Transform[] = [keep, pseudonym, token, mask, generalise, constant, hash];
const byName = new Map(TRANSFORMS.map((t) => [t.name, t]));

/** The transform of that name, or undefined. @example transformNamed("pseudonym")?.joinScope // "key" */
export function transformNamed(name: string): Transform | undefined {
  return byName.get(name);
}

export type {
  ApplyContext,
  CellSink,
  CellTransform,
  ColumnTransform,
  ProblemSink,
  RowProblem,
  TransformKeys,
} from "./apply-context.js";
export { compileCellTransform, compileTransform } from "./compile.js";
export { FieldType } from "./field-type.js";
export { normalise } from "./pseudonym.js";
export { detokenize, detokenizer, TOKEN_LABEL, tokenize } from "./token.js";
export type {
  CompileInput,
  Exposure,
  JoinScope,
  KeyUseSpec,
  NarrowedTypes,
  Transform,
  /** the former name of Transform, kept for the public surface */
  Transform as TransformDef,
} from "./transform.js";
