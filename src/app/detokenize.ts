// the detokenize service: the controller reverses tokens of one agreement's field with the key that field was
// released under (derived from the keyring); only a field whose transform can be reversed has an opener.

import { deriveKey, masterIdOf } from "../crypto/derive.js";
import type { Keyring } from "../crypto/keyring.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { own } from "../model/names.js";
import { agreementOf, loadDeclarations } from "./declarations.js";

/**
 * The function that opens tokens of `field` released under `agreement` (names NFC); `not_a_token_field` when that
 * field is not released as a reversible token. `keyId` picks a retired master key.
 * @example const open = detokenizer("./hanbit", ring, "nsf-credit-feed", "phone"); open("tk_…");
 */
export function detokenizer(
  root: string,
  keyring: Keyring,
  agreement: string,
  field: string,
  keyId?: string,
): (token: string) => string {
  const a = agreementOf(loadDeclarations(root).workspace, agreement);
  const rel = own(a.fields, field);
  // a field whose transform the controller can reverse (token), asked of the transform, not its name
  const reverse = rel?.transform.reverse;
  const need = rel?.transform.key;
  if (!rel || !reverse || !need)
    throw new JikimiError("not_a_token_field", t("cli.detokenize.not_a_token_field", { field, agreement }));
  const scope = typeof rel.options.link_key === "string" ? rel.options.link_key : undefined;
  const { key } = deriveKey(keyring, {
    use: need.use,
    agreement: a.id,
    recipient: a.recipient,
    scope,
    length: need.length,
    master: keyId === undefined ? undefined : masterIdOf(keyId),
  });
  return reverse(key);
}
