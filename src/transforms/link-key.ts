// the name of a key shared between agreements (`link_key` of pseudonym and token). Written like every
// workspace id (model/common.ts `Id`: NFC, lowercase letters of any script, digits, `-`, `_`, never a name
// Object.prototype holds); kept here because transforms sit below model/, and model's tests check both agree.
import { z } from "zod";
import { t } from "../i18n/index.js";

const PATTERN = /^[\p{Ll}\p{Lo}\p{Lm}0-9][\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}_-]*$/u;
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A link_key name; the same rules and messages as a workspace id. */
export const LinkKey = z
  .string()
  .normalize("NFC")
  .regex(PATTERN, { error: () => t("model.name.id") })
  .refine((s) => !INHERITED.has(s), {
    error: () => t("model.name.reserved"),
    params: { code: "reserved_name" },
  });
