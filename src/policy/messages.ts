// the words of the policy area: a t() typed to the policy catalogue (a mistyped key fails to compile), and the
// names of laws, roles, parties, notice items and contract clauses in the language in force. Every human text
// a rule writes goes through here; codes and YAML values stay as they are.
import type { KeyOf } from "../i18n/catalogue.js";
import { type Language, type MessageParams, t } from "../i18n/index.js";
import type { en } from "../i18n/messages/policy.js";
import type { ContractClause, NoticeItem } from "../model/agreement.js";
import type { FieldRole } from "../model/dataset.js";
import type { Beneficiary } from "../model/purpose.js";
import type { RecipientRole } from "../model/recipient.js";
import type { Law } from "./articles.js";

/** A key of the policy catalogue; plural forms by their base key. */
export type PolicyKey = KeyOf<typeof en>;

/**
 * Renders a policy message in the language in force (or the one given).
 * @example pt("policy.unkeyed_hash.title") // "Unkeyed hash of an identifier"; in Korean "식별자를 키 없는 해시로 제공"
 */
export function pt(key: PolicyKey, params?: MessageParams, language?: Language): string {
  return t(key, params, language);
}

/**
 * Items as a comma-separated list (the same in both languages).
 * @example list(["items", "retention"]) // "items, retention"
 */
export const list = (items: readonly string[]): string => items.join(", ");

/**
 * Alternatives joined with "or" ("또는"); "none" for no items.
 * @example orList(["PIPA", "GDPR"]) // "PIPA or GDPR"
 */
export const orList = (items: readonly string[]): string =>
  items.length === 0 ? pt("policy.word.none") : items.reduce((a, b) => pt("policy.word.or", { a, b }));

/**
 * Items joined with "and" ("및"); "none" for no items.
 * @example andList(["controller", "recipient"]) // "controller and recipient"
 */
export const andList = (items: readonly string[]): string =>
  items.length === 0 ? pt("policy.word.none") : items.reduce((a, b) => pt("policy.word.and", { a, b }));

/**
 * A law's name: "PIPA", in Korean "개인정보 보호법".
 * @example lawName("CIA") // "CIA"; in Korean "신용정보법"
 */
export const lawName = (law: Law): string => pt(`policy.law.${law}`);

/** @example fieldRole("direct_identifier") // "direct identifier"; in Korean "직접 식별자" */
export const fieldRole = (role: FieldRole): string => pt(`policy.field_role.${role}`);

/** @example recipientRole("third_party") // "third party"; in Korean "제3자" */
export const recipientRole = (role: RecipientRole): string => pt(`policy.recipient_role.${role}`);

/** @example party("recipient") // "recipient"; in Korean "수령자" */
export const party = (who: (typeof Beneficiary.options)[number]): string => pt(`policy.party.${who}`);

/** @example noticeItem("right_to_refuse") // "right_to_refuse"; in Korean "동의 거부 권리와 불이익(right_to_refuse)" */
export const noticeItem = (item: NoticeItem): string => pt(`policy.notice_item.${item}`);

/** @example clause("liability") // "liability"; in Korean "손해배상 등 책임(liability)" */
export const clause = (c: (typeof ContractClause.options)[number]): string => pt(`policy.clause.${c}`);
