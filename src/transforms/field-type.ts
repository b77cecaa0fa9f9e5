// the declared types a dataset field can have. Kept here, below model/, because transforms say which types
// they take; model/dataset.ts re-exports this schema, so there is one list.
import { z } from "zod";

/** A field's declared type; values arrive as text and are checked against it. */
export const FieldType = z.enum(["string", "integer", "number", "boolean", "date", "timestamp"]);
export type FieldType = z.infer<typeof FieldType>;
