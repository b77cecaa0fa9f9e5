// shared zod building blocks for workspace files.
import { z } from "zod";
import { KEY_PATTERN } from "../taxonomy/keys.js";
import { isReservedName, RESERVED_NAME_MESSAGE } from "./names.js";

/** Refuses the names every JS object inherits; zod-issues turns the issue into a located `reserved_name`. */
const notReserved = [
  (s: string) => !isReservedName(s),
  { message: RESERVED_NAME_MESSAGE, params: { code: "reserved_name" } },
] as const;

export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, "use lowercase letters, digits, '-' and '_' (e.g. nsf-credit-feed)")
  .refine(...notReserved);
export const FieldName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "use letters, digits and '_'")
  .refine(...notReserved);
export const TaxonomyKey = z
  .string()
  .regex(KEY_PATTERN, "use a dotted lowercase key (e.g. user.contact.email)");
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "use an ISO 3166-1 alpha-2 code (e.g. KR, SG)");
export const Jurisdiction = z.enum(["KR", "EU"]);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** YAML turns bare 2024-01-31 into a string only with the core schema; accept both forms. */
export const IsoDate = z.union([
  z.iso.date("use an ISO date, YYYY-MM-DD"),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);
export const Duration = z
  .string()
  .regex(/^[1-9][0-9]*(d|m|y)$/, "use a number and a unit: d, m or y (e.g. 90d, 6m, 3y)");

/** Converts "90d" / "6m" / "3y" to days (months as 30, years as 365). */
export function durationDays(duration: string): number {
  const n = Number.parseInt(duration, 10);
  const unit = duration.at(-1);
  return unit === "y" ? n * 365 : unit === "m" ? n * 30 : n;
}
