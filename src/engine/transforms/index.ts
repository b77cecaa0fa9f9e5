// the transform registry: every transform, looked up by name.
import { constant } from "./constant.js";
import { generalise } from "./generalise.js";
import { hash } from "./hash.js";
import { keep } from "./keep.js";
import { mask } from "./mask.js";
import { pseudonym } from "./pseudonym.js";
import { token } from "./token.js";
import type { TransformDef } from "./transform.js";

export const TRANSFORMS: readonly TransformDef[] = [keep, pseudonym, token, mask, generalise, constant, hash];
const byName = new Map(TRANSFORMS.map((t) => [t.name, t]));

/** The transform of that name, or undefined. @example transformNamed("pseudonym")?.joinScope // "key" */
export function transformNamed(name: string): TransformDef | undefined {
  return byName.get(name);
}

export { GENERALISE_TYPES } from "./generalise.js";
export type { Exposure, JoinScope, TransformDef } from "./transform.js";
