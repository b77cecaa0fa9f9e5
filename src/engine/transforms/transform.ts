// the contract every transform meets: a name, an options schema, what it does, which types it takes,
// and how much of the value survives it (the check rules ask this, never the transform's name).
import type { z } from "zod";
import type { FieldType } from "../../model/dataset.js";

/**
 * What a recipient can learn from the output.
 * clear: the value itself; unkeyed_digest: recoverable by anyone who enumerates the input space;
 * keyed: a value only the key holder can link or reverse; partial/coarse: part of the value; none: nothing.
 */
export type Exposure = "clear" | "unkeyed_digest" | "keyed" | "partial" | "coarse" | "none";

/** Whom the output lets join two feeds on: anyone (global), holders of the same key, or nobody. */
export type JoinScope = "global" | "key" | "none";

export interface TransformDef<O extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  accepts: readonly FieldType[] | "any";
  options: O;
  exposure: Exposure;
  joinScope: JoinScope;
  /** the controller can reverse it with its own key */
  reversibleByController: boolean;
  /** may be declared to describe a legacy pipeline, but `jikimi share` never runs it */
  declarativeOnly?: boolean;
}
