// the strategy every transform is: its options schema, the field types it takes, the key it needs, what a
// recipient learns from its output, and how it compiles to a column function. Shared code (the loader, the
// check rules, the gateway, the CLI) asks a transform for these properties and never tests its name.
import type { z } from "zod";
import type { KeyUse } from "../crypto/derive.js";
import type { ApplyContext, CellTransform, ColumnTransform } from "./apply-context.js";
import type { FieldType } from "./field-type.js";

/**
 * What a recipient can learn from the output.
 * clear: the value itself; unkeyed_digest: recoverable by anyone who enumerates the input space;
 * keyed: a value only the key holder can link or reverse; partial/coarse: part of the value; none: nothing.
 */
export type Exposure = "clear" | "unkeyed_digest" | "keyed" | "partial" | "coarse" | "none";

/** Whom the output lets join two feeds on: anyone (global), holders of the same key, or nobody. */
export type JoinScope = "global" | "key" | "none";

/** The key a keyed transform runs under: derived per (use, recipient, agreement or link_key), `length` bytes. */
export interface KeyUseSpec {
  use: KeyUse;
  length: 32 | 64;
}

/** The field types some options narrow a transform to, and the option value that narrows it (for messages). */
export interface NarrowedTypes {
  types: readonly FieldType[];
  /** the deciding option's value, e.g. generalise's `to: month` */
  by: string;
}

/** What `compile` gets besides the options: the checked field type, the key when `key` is set, where problems go. */
export interface CompileInput {
  fieldType: FieldType;
  /** present (and of `key.length` bytes as derived) exactly when the transform declares `key` */
  key: Uint8Array | undefined;
  context: ApplyContext;
}

/**
 * One transform. `O` is its options schema; `compile` gets options already validated by it (defaults applied).
 * @example const keep: Transform = { name: "keep", summary: "...", accepts: "any", options, exposure: "clear",
 *   joinScope: "global", reversibleByController: false, passthrough: true, compile: () => identity };
 */
export interface Transform<O extends z.ZodType = z.ZodType> {
  name: string;
  /** one line saying what it does (`jikimi taxonomy` lists it) */
  summary: string;
  /** the field types it may be declared on, or "any" */
  accepts: readonly FieldType[] | "any";
  /** the options as declared in an agreement (`{ transform: <name>, ... }`); the JSON Schema lists each */
  options: O;
  /** the key it needs, if any; its use also names the key slot in TransformKeys */
  key?: KeyUseSpec;
  exposure: Exposure;
  joinScope: JoinScope;
  /** the controller can reverse it with its own key (`reverse` does) */
  reversibleByController: boolean;
  /** every output equals its input, so the gateway may copy the column's bytes instead of compiling */
  passthrough?: boolean;
  /** the narrower field types valid options allow, when they depend on an option (generalise's level) */
  narrow?(options: z.output<O>): NarrowedTypes | undefined;
  /**
   * The column function for one field, or absent for a transform that may only be declared (the legacy
   * `hash`: describing a feed, never run by `jikimi share`).
   */
  compile?(options: z.output<O>, input: CompileInput): ColumnTransform;
  /** the same from field bytes to cell bytes, where a transform has such a path (pseudonym, generalise of dates) */
  compileCells?(options: z.output<O>, input: CompileInput): CellTransform | undefined;
  /** for a controller-reversible transform: the function that gives back a value from its output */
  reverse?(key: Uint8Array): (output: string) => string;
}
