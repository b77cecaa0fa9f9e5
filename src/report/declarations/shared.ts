// what the declarations' reports (records-of-processing.ts, policy-tables.ts) read alike from a workspace: the
// agreements in a stable order, each released field with its categories and what its transform lets through, the
// recipient and the country the data goes to, the legal basis and its articles; and the words for them (periods,
// disposals, countries, items) in the language in force. Only declarations are read: no ledger, no key, no record.
import { t } from "../../i18n/index.js";
import type { AgreementInput } from "../../model/agreement.js";
import { own } from "../../model/names.js";
import type { Recipient } from "../../model/recipient.js";
import type { Agreement, Workspace } from "../../model/workspace.js";
import { ARTICLES, type ArticleId } from "../../policy/articles.js";
import { categoryOf, entryName, type TaxonomyEntry } from "../../taxonomy/index.js";
import type { Exposure } from "../../transforms/index.js";
import type { ReportLanguage } from "../document/model.js";

/** The options every declarations report takes. */
export interface DeclarationsReportOptions {
  /** the language of the document (the data is the same in both) */
  lang: ReportLanguage;
}

/** A released field: its name, its taxonomy categories, and what its transform lets through. */
export interface ReleasedItem {
  field: string;
  /** taxonomy keys as the dataset declares them */
  categories: string[];
  transform: string;
  exposure: Exposure;
  /** the controller's key reverses it (a token) */
  reversible_by_controller: boolean;
  /** the transform's declared options (defaults applied), `transform` left out, keys sorted */
  options: Record<string, unknown>;
}

/** A retention as declared. */
export interface RetentionData {
  period: string;
  disposal: "delete" | "anonymise" | "return";
}

/** The recipient as declared. */
export interface RecipientData {
  id: string;
  legal_name: string;
  country: string;
  role: Recipient["role"];
  contact: string | null;
}

/** Code-point order: the same in every locale, so data and documents never move with the machine's. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The workspace's agreements, ordered by id.
 * @example agreementsInOrder(ws).map((a) => a.id) // ["nsf-credit-feed", "overseas-settlement-feed"]
 */
export function agreementsInOrder(ws: Workspace): Agreement[] {
  return [...ws.agreements.values()].map((d) => d.value).sort((a, b) => byCodePoint(a.id, b.id));
}

/** An object's own keys sorted, values copied as they are (declared options are plain YAML values). */
function sortedKeys(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(byCodePoint)) out[key] = value[key];
  return out;
}

/**
 * Every field an agreement releases, in declaration order, with the categories its dataset gives it.
 * @example releasedItems(ws, agreement)[0] // { field: "customer_id", categories: ["user.unique_id.account"], ... }
 */
export function releasedItems(ws: Workspace, agreement: Agreement): ReleasedItem[] {
  const dataset = ws.datasets.get(agreement.dataset)?.value;
  return Object.entries(agreement.fields).map(([field, release]) => {
    const { transform: _name, ...options } = release.options;
    return {
      field,
      categories: [...((dataset ? own(dataset.fields, field)?.categories : undefined) ?? [])],
      transform: release.transform.name,
      exposure: release.transform.exposure,
      reversible_by_controller: release.transform.reversibleByController,
      options: sortedKeys(options),
    };
  });
}

/**
 * The recipient of an agreement, as declared (the loader has checked that it exists).
 * @example recipientData(ws, agreement) // { id: "orbit-pay-sg", legal_name: "Orbit Payments Pte. Ltd.", ... }
 */
export function recipientData(ws: Workspace, agreement: Agreement): RecipientData {
  const r = ws.recipients.get(agreement.recipient)?.value;
  return {
    id: agreement.recipient,
    legal_name: r?.legal_name ?? agreement.recipient,
    country: r?.country ?? "",
    role: r?.role ?? "third_party",
    contact: r?.contact ?? null,
  };
}

/**
 * The country the data goes to: the agreement's declared destination, else the recipient's country.
 * @example destinationCountry(ws, agreement) // "SG"
 */
export function destinationCountry(ws: Workspace, agreement: Agreement): string {
  return agreement.destination?.country ?? recipientData(ws, agreement).country;
}

/**
 * Whether the data leaves the controller's country.
 * @example isCrossBorder(ws, agreement) // true for a recipient in SG of a controller in KR
 */
export function isCrossBorder(ws: Workspace, agreement: Agreement): boolean {
  return destinationCountry(ws, agreement) !== ws.config.value.controller.country;
}

/**
 * Whether the agreement's legal basis is an entrustment (the taxonomy's `entrustment` property, not its name).
 * @example isEntrustment(ws, agreement) // true for legal_basis: entrustment
 */
export function isEntrustment(ws: Workspace, agreement: Agreement): boolean {
  return ws.taxonomy.bases.get(agreement.legal_basis)?.entrustment === true;
}

/**
 * The articles the taxonomy says the agreement's legal basis rests on (ids of policy/articles.ts).
 * @example basisArticles(ws, agreement) // ["pipa15_4", "pipa17", "pipa17_2", "gdpr6b"] for contract necessity
 */
export function basisArticles(ws: Workspace, agreement: Agreement): ArticleId[] {
  const ids = ws.taxonomy.bases.get(agreement.legal_basis)?.articles ?? [];
  return ids.filter((id): id is ArticleId => Object.hasOwn(ARTICLES, id));
}

/** @example retentionData(agreement) // { period: "1y", disposal: "delete" } or null */
export function retentionData(agreement: Agreement): RetentionData | null {
  return agreement.retention
    ? { period: agreement.retention.period, disposal: agreement.retention.disposal }
    : null;
}

// --- words, in the language in force ---

/** "not declared" in the language in force. */
export const notDeclared = (): string => t("report.declarations.not_declared");

/** The value, or "not declared". @example orNotDeclared(undefined) // "not declared" */
export const orNotDeclared = (value: string | null | undefined): string =>
  value === null || value === undefined || value === "" ? notDeclared() : value;

/** Items joined as a list (a comma in both languages); "none" for no items. */
export const listed = (items: readonly string[]): string =>
  items.length === 0 ? t("report.declarations.none") : items.join(", ");

/** Distinct strings in first-seen order. */
export const distinct = (items: readonly string[]): string[] => [...new Set(items)];

/**
 * A declared duration in words.
 * @example periodText("1y") // "1 year"; in Korean "1년"
 */
export function periodText(period: string): string {
  const count = Number.parseInt(period, 10);
  const unit = period.at(-1);
  if (unit === "y") return t("report.declarations.years", { count });
  if (unit === "m") return t("report.declarations.months", { count });
  return t("report.declarations.days", { count });
}

const DISPOSALS = {
  delete: "report.declarations.disposal.delete",
  anonymise: "report.declarations.disposal.anonymise",
  return: "report.declarations.disposal.return",
} as const;

/**
 * A retention in words, or "not declared".
 * @example retentionText({ period: "5y", disposal: "delete" }) // "5 years, then deleted"; in Korean "5년 (이후 파기)"
 */
export function retentionText(retention: RetentionData | null): string {
  if (retention === null) return notDeclared();
  return t("report.declarations.retention", {
    period: periodText(retention.period),
    disposal: t(DISPOSALS[retention.disposal]),
  });
}

/**
 * A country's name in the language in force with its code.
 * @example countryText("SG", "ko") // "싱가포르(SG)"; in English "Singapore (SG)"
 */
export function countryText(code: string, lang: ReportLanguage): string {
  if (code === "") return notDeclared();
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([lang], { type: "region", fallback: "code" }).of(code);
  } catch {
    name = undefined;
  }
  return name === undefined || name === code ? code : t("report.declarations.country", { name, code });
}

/**
 * Where the data goes: the country, and the agreement's description of the destination when it declares one.
 * @example destinationText(ws, agreement, "en") // "Singapore (SG)"
 */
export function destinationText(ws: Workspace, agreement: Agreement, lang: ReportLanguage): string {
  const country = countryText(destinationCountry(ws, agreement), lang);
  const description = agreement.destination?.description;
  return description ? t("report.declarations.country_destination", { country, description }) : country;
}

/**
 * The agreement's validity in words: from, to, or open.
 * @example validityText({ from: "2025-01-01", until: "2035-12-31" }) // "2025-01-01 to 2035-12-31"
 */
export function validityText(valid: AgreementInput["valid"]): string {
  return valid.until === undefined
    ? t("report.declarations.validity_open", { from: valid.from })
    : t("report.declarations.validity", { from: valid.from, until: valid.until });
}

/** A declared name with its id: "Orbit Payments Pte. Ltd. [orbit-pay-sg]". */
export const named = (name: string, id: string): string => t("report.declarations.named", { name, id });

/** A taxonomy entry's name in the report's language, or its key when the taxonomy does not know it. */
export function taxonomyName(entry: TaxonomyEntry | undefined, key: string, lang: ReportLanguage): string {
  return entry ? entryName(entry, lang) : key;
}

/**
 * A category's name in the report's language (the nearest known ancestor's for an unknown leaf).
 * @example categoryText(ws, "user.contact.phone.mobile", "ko") // "휴대전화번호"
 */
export function categoryText(ws: Workspace, key: string, lang: ReportLanguage): string {
  return taxonomyName(categoryOf(ws.taxonomy, key), key, lang);
}

/** The short word for what a transform does to a value, or undefined for a value released as it is. */
function itemTransformWord(
  item: Pick<ReleasedItem, "exposure" | "reversible_by_controller">,
): string | undefined {
  switch (item.exposure) {
    case "clear":
      return undefined;
    case "keyed":
      return item.reversible_by_controller
        ? t("report.declarations.item.keyed_reversible")
        : t("report.declarations.item.keyed");
    case "partial":
      return t("report.declarations.item.partial");
    case "coarse":
      return t("report.declarations.item.coarse");
    case "none":
      return t("report.declarations.item.none");
    case "unkeyed_digest":
      return t("report.declarations.item.unkeyed_digest");
  }
}

/**
 * The items a privacy policy lists for released fields: each field's category names (its own name when it has
 * none), with what the transform does to it, each distinct text once.
 * @example itemsText(ws, items, "ko") // "계정 ID(키 기반 가명처리), 휴대전화번호(키 기반 가명처리), 가입일(일반화)"
 */
export function itemsText(
  ws: Workspace,
  items: readonly Pick<ReleasedItem, "field" | "categories" | "exposure" | "reversible_by_controller">[],
  lang: ReportLanguage,
): string {
  const texts = items.map((item) => {
    const names =
      item.categories.length === 0
        ? item.field
        : listed(item.categories.map((k) => categoryText(ws, k, lang)));
    const how = itemTransformWord(item);
    return how === undefined ? names : t("report.declarations.item_transformed", { item: names, how });
  });
  return listed(distinct(texts));
}

const PIPA_BASES = {
  consent: "report.declarations.pipa_basis.consent",
  statute_or_treaty: "report.declarations.pipa_basis.statute_or_treaty",
  contract_necessity: "report.declarations.pipa_basis.contract_necessity",
  certification: "report.declarations.pipa_basis.certification",
  adequacy: "report.declarations.pipa_basis.adequacy",
} as const;

const GDPR_MECHANISMS = {
  adequacy: "report.declarations.gdpr_mechanism.adequacy",
  sccs: "report.declarations.gdpr_mechanism.sccs",
  bcrs: "report.declarations.gdpr_mechanism.bcrs",
  derogation_explicit_consent: "report.declarations.gdpr_mechanism.derogation_explicit_consent",
  derogation_contract: "report.declarations.gdpr_mechanism.derogation_contract",
} as const;

/** A declared transfer abroad (`cross_border`). */
export type CrossBorder = NonNullable<AgreementInput["cross_border"]>;

/**
 * The declared PIPA Art. 28-8(1) basis of a transfer abroad in words, or "not declared".
 * @example pipaBasisText("consent") // "separate consent of the data subject (PIPA Art. 28-8(1)1)"
 */
export function pipaBasisText(basis: CrossBorder["basis"] | null): string {
  return basis === null ? notDeclared() : t(PIPA_BASES[basis]);
}

/**
 * The declared GDPR Chapter V mechanism in words, or "not declared".
 * @example gdprMechanismText("sccs") // "standard contractual clauses (GDPR Art. 46(2)(c))"
 */
export function gdprMechanismText(mechanism: CrossBorder["gdpr_mechanism"] | null): string {
  return mechanism === null || mechanism === undefined ? notDeclared() : t(GDPR_MECHANISMS[mechanism]);
}

/**
 * The articles' citations in the language in force.
 * @example citations(["pipa15_4"]) // ["PIPA Art. 15(1)4"]; in Korean ["개인정보 보호법 제15조제1항제4호"]
 */
export function citations(ids: readonly ArticleId[]): string[] {
  return ids.map((id) => ARTICLES[id].citation);
}

const FORBIDDEN_IN_SHEET = /[[\]:*?/\\]/g;

/**
 * A workbook sheet name: at most 31 characters, none of `[]:*?/\`, unique among `taken` (which it joins).
 * @example sheetName("overseas-settlement-feed", new Set()) // "overseas-settlement-feed"
 */
export function sheetName(base: string, taken: Set<string>): string {
  const clean = base.replace(FORBIDDEN_IN_SHEET, "_").slice(0, 31);
  let name = clean;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - `~${n}`.length)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}
