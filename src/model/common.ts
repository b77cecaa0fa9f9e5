// shared zod building blocks for workspace files. Names a person chooses (ids of declarations, field names) may be
// written in any script: they are NFC-normalised before they are checked, so a name typed in decomposed Hangul
// (NFD, as macOS file names and some editors give it) is the same name as the composed one.
import { z } from "zod";
import { t } from "../i18n/index.js";
import { KEY_PATTERN } from "../taxonomy/keys.js";
import { isReservedName } from "./names.js";

/** Refuses the names every JS object inherits; zod-issues turns the issue into a located `reserved_name`. */
const notReserved = [
  (s: string) => !isReservedName(s),
  { error: () => t("model.name.reserved"), params: { code: "reserved_name" } },
] as const;

/**
 * An id (dataset, agreement, recipient, purpose): lowercase letters of any script (Hangul has no case), digits,
 * `-` and `_`, starting with a letter or digit.
 */
export const ID_PATTERN = /^[\p{Ll}\p{Lo}\p{Lm}0-9][\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}_-]*$/u;
/** A field name: letters of any script, digits and `_`, starting with a letter or `_`. */
export const FIELD_NAME_PATTERN = /^[\p{L}_][\p{L}\p{M}\p{Nd}_]*$/u;

const NFC =
  "NFC-normalised first: a name in decomposed Hangul (NFD) is the same name as in composed Hangul (NFC).";

export const Id = z
  .string()
  .normalize("NFC")
  .regex(ID_PATTERN, { error: () => t("model.name.id") })
  .refine(...notReserved)
  .describe(`lowercase letters of any script (Hangul too), digits, '-' and '_'; ${NFC}`);
export const FieldName = z
  .string()
  .normalize("NFC")
  .regex(FIELD_NAME_PATTERN, { error: () => t("model.name.field") })
  .refine(...notReserved)
  .describe(
    `letters of any script (Hangul too), digits and '_'; ${NFC} In a scope expression a Hangul name is written as it is (잔액 >= 1000000); any name may be put between backticks (\`잔액\`, \`in\`).`,
  );
/** A consent purpose: ASCII, as the consent registry names purposes. */
export const ConsentPurposeId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: () => t("model.name.consent_purpose") });
/** The header of a source column a field is read from: any text a header can hold, NFC-normalised. */
export const SourceColumn = z
  .string()
  .normalize("NFC")
  .regex(/^(?!\s)[^\r\n]+(?<!\s)$/u, { error: () => t("model.name.source_column") });
export const TaxonomyKey = z.string().regex(KEY_PATTERN, { error: () => t("model.name.taxonomy_key") });
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, { error: () => t("model.name.country") });
export const Jurisdiction = z.enum(["KR", "EU"]);
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** YAML turns bare 2024-01-31 into a string only with the core schema; accept both forms. */
export const IsoDate = z.union([
  z.iso.date({ error: () => t("model.name.iso_date") }),
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);
export const Duration = z.string().regex(/^[1-9][0-9]*(d|m|y)$/, { error: () => t("model.name.duration") });

/** Converts "90d" / "6m" / "3y" to days (months as 30, years as 365). */
export function durationDays(duration: string): number {
  const n = Number.parseInt(duration, 10);
  const unit = duration.at(-1);
  return unit === "y" ? n * 365 : unit === "m" ? n * 30 : n;
}
