// the privacy-policy tables of PIPA Art. 30(1) (with the Art. 28-8(2) items of a transfer abroad), from a
// workspace's declarations alone: the provision to third parties (agreements whose legal basis is not an
// entrustment), the entrustment of processing (the taxonomy's `entrustment` bases) and the transfer abroad (data
// going to a country other than the controller's, provided or entrusted). `data` is language-free (ids, keys, ISO
// dates, snake_case); `document` holds the tables in the requested language, headed as Korean practice heads them
// ("개인정보의 제3자 제공 현황" ...). A cell the declarations cannot fill is null in `data` and "not declared" in the
// document, and a notice under the table lists them: nothing is invented.
import { t, withLanguage } from "../../i18n/index.js";
import type { Agreement, Workspace } from "../../model/workspace.js";
import type { Block, ReportDocument, Section, Table } from "../document/model.js";
import {
  agreementsInOrder,
  type CrossBorder,
  countryText,
  type DeclarationsReportOptions,
  destinationCountry,
  isCrossBorder,
  isEntrustment,
  itemsText,
  listed,
  orNotDeclared,
  pipaBasisText,
  type RecipientData,
  type ReleasedItem,
  type RetentionData,
  recipientData,
  releasedItems,
  retentionData,
  retentionText,
  sheetName,
  validityText,
} from "./shared.js";

/** A released field as a policy lists it: what it is and what its transform lets through. */
export type PolicyItem = Omit<ReleasedItem, "options">;

/** A declared purpose, by id and name. */
export interface PolicyPurpose {
  id: string;
  name: string;
}

/** A provision to a third party (제3자 제공): an agreement whose legal basis is not an entrustment. */
export interface ThirdPartyRow {
  agreement: string;
  recipient: RecipientData;
  purposes: PolicyPurpose[];
  items: PolicyItem[];
  retention: RetentionData | null;
  not_declared: "retention"[];
}

/** An entrustment (처리위탁): an agreement whose legal basis the taxonomy marks `entrustment`. */
export interface EntrustmentRow {
  agreement: string;
  entrustee: RecipientData;
  /** the entrusted task: the agreement's purposes */
  tasks: PolicyPurpose[];
  /** the agreement's validity: the period the controller lets data go to the entrustee */
  period: { from: string; until: string | null };
  contract: { reference: string; signed: string | null } | null;
  disclosure: { published: boolean; where: string | null } | null;
  not_declared: "validity_end"[];
}

export type CrossBorderGap = "recipient_contact" | "time_and_method" | "refusal" | "retention" | "basis";

/** A transfer abroad (국외 이전, PIPA Art. 28-8(2) items). */
export interface CrossBorderRow {
  agreement: string;
  kind: "provision" | "entrustment";
  recipient: RecipientData;
  country: string;
  /** the agreement's description of where the data is stored, when it declares one */
  destination: string | null;
  /** the time and method of the transfer: the agreement schema has no place for them */
  time_and_method: null;
  items: PolicyItem[];
  purposes: PolicyPurpose[];
  retention: RetentionData | null;
  /** how to refuse the transfer and the effect of refusing: the agreement schema has no place for them */
  refusal: null;
  /** the PIPA Art. 28-8(1) basis, null when no `cross_border` is declared */
  basis: CrossBorder["basis"] | null;
  not_declared: CrossBorderGap[];
}

/** The privacy-policy tables as data: stable key order, nothing translated. */
export interface PolicyData {
  report: "privacy_policy_tables";
  controller: { name: string; country: string };
  third_party: ThirdPartyRow[];
  entrustment: EntrustmentRow[];
  cross_border: CrossBorderRow[];
}

function purposesOf(ws: Workspace, a: Agreement): PolicyPurpose[] {
  return a.purposes.map((id) => ({ id, name: ws.purposes.get(id)?.value.name ?? id }));
}

function itemsOf(ws: Workspace, a: Agreement): PolicyItem[] {
  return releasedItems(ws, a).map(({ options: _o, ...item }) => item);
}

/**
 * The privacy-policy tables as data, language-free.
 * @example policyData(ws).cross_border.map((r) => [r.agreement, r.country]) // [["nsf-credit-feed", "SG"], ...]
 */
export function policyData(ws: Workspace): PolicyData {
  const c = ws.config.value.controller;
  const third_party: ThirdPartyRow[] = [];
  const entrustment: EntrustmentRow[] = [];
  const cross_border: CrossBorderRow[] = [];
  for (const a of agreementsInOrder(ws)) {
    const recipient = recipientData(ws, a);
    const retention = retentionData(a);
    const entrusted = isEntrustment(ws, a);
    if (entrusted)
      entrustment.push({
        agreement: a.id,
        entrustee: recipient,
        tasks: purposesOf(ws, a),
        period: { from: a.valid.from, until: a.valid.until ?? null },
        contract: a.contract ? { reference: a.contract.reference, signed: a.contract.signed ?? null } : null,
        disclosure: a.disclosure
          ? { published: a.disclosure.published, where: a.disclosure.where ?? null }
          : null,
        not_declared: a.valid.until === undefined ? ["validity_end"] : [],
      });
    else
      third_party.push({
        agreement: a.id,
        recipient,
        purposes: purposesOf(ws, a),
        items: itemsOf(ws, a),
        retention,
        not_declared: retention === null ? ["retention"] : [],
      });
    if (isCrossBorder(ws, a)) {
      const basis = a.cross_border?.basis ?? null;
      const gaps: CrossBorderGap[] = [];
      if (recipient.contact === null) gaps.push("recipient_contact");
      gaps.push("time_and_method");
      if (retention === null) gaps.push("retention");
      gaps.push("refusal");
      if (basis === null) gaps.push("basis");
      cross_border.push({
        agreement: a.id,
        kind: entrusted ? "entrustment" : "provision",
        recipient,
        country: destinationCountry(ws, a),
        destination: a.destination?.description ?? null,
        time_and_method: null,
        items: itemsOf(ws, a),
        purposes: purposesOf(ws, a),
        retention,
        refusal: null,
        basis,
        not_declared: gaps,
      });
    }
  }
  return {
    report: "privacy_policy_tables",
    controller: { name: c.name, country: c.country },
    third_party,
    entrustment,
    cross_border,
  };
}

// --- the document ---

const GAPS = {
  retention: "report.policy.gap.retention",
  recipient_contact: "report.policy.gap.recipient_contact",
  time_and_method: "report.policy.gap.time_and_method",
  refusal: "report.policy.gap.refusal",
  validity_end: "report.policy.gap.validity_end",
  basis: "report.policy.gap.basis",
} as const;

const purposeNames = (purposes: readonly PolicyPurpose[]): string => listed(purposes.map((p) => p.name));

/** A table under its lead sentence, or the sentence saying there is none; then the cells left undeclared. */
function tableSection(
  id: string,
  heading: string,
  texts: { lead: string; none: string },
  table: Table,
  rows: readonly { agreement: string; not_declared: readonly (keyof typeof GAPS)[] }[],
): Section {
  if (rows.length === 0) return { id, heading, blocks: [{ type: "paragraph", text: texts.none }] };
  const blocks: Block[] = [
    { type: "paragraph", text: texts.lead },
    { type: "table", table },
  ];
  const missing = rows
    .filter((r) => r.not_declared.length > 0)
    .map((r) =>
      t("report.policy.gap_row", {
        agreement: r.agreement,
        items: listed(r.not_declared.map((g) => t(GAPS[g]))),
      }),
    );
  if (missing.length > 0)
    blocks.push({
      type: "notice",
      tone: "warning",
      text: t("report.policy.gaps", { cells: missing.join("; ") }),
    });
  return { id, heading, blocks };
}

function policyDocument(
  ws: Workspace,
  data: PolicyData,
  lang: DeclarationsReportOptions["lang"],
): ReportDocument {
  const sheets = new Set<string>();
  const thirdParty = tableSection(
    "policy-third-party",
    t("report.policy.third_party.heading"),
    { lead: t("report.policy.third_party.lead"), none: t("report.policy.third_party.none") },
    {
      columns: [
        { label: t("report.policy.third_party.col.recipient") },
        { label: t("report.policy.third_party.col.purpose") },
        { label: t("report.policy.third_party.col.items") },
        { label: t("report.policy.third_party.col.retention") },
      ],
      rows: data.third_party.map((r) => [
        r.recipient.legal_name,
        purposeNames(r.purposes),
        itemsText(ws, r.items, lang),
        retentionText(r.retention),
      ]),
      sheet: sheetName(t("report.policy.third_party.sheet"), sheets),
    },
    data.third_party,
  );
  const entrustment = tableSection(
    "policy-entrustment",
    t("report.policy.entrustment.heading"),
    { lead: t("report.policy.entrustment.lead"), none: t("report.policy.entrustment.none") },
    {
      columns: [
        { label: t("report.policy.entrustment.col.entrustee") },
        { label: t("report.policy.entrustment.col.task") },
        { label: t("report.policy.entrustment.col.period") },
      ],
      rows: data.entrustment.map((r) => [
        r.entrustee.legal_name,
        purposeNames(r.tasks),
        validityText({ from: r.period.from, until: r.period.until ?? undefined }),
      ]),
      sheet: sheetName(t("report.policy.entrustment.sheet"), sheets),
    },
    data.entrustment,
  );
  const crossBorder = tableSection(
    "policy-cross-border",
    t("report.policy.cross_border.heading"),
    { lead: t("report.policy.cross_border.lead"), none: t("report.policy.cross_border.none") },
    {
      columns: [
        { label: t("report.policy.cross_border.col.recipient") },
        { label: t("report.policy.cross_border.col.country") },
        { label: t("report.policy.cross_border.col.time_and_method") },
        { label: t("report.policy.cross_border.col.items") },
        { label: t("report.policy.cross_border.col.purpose_retention") },
        { label: t("report.policy.cross_border.col.refusal") },
        { label: t("report.policy.cross_border.col.basis") },
      ],
      rows: data.cross_border.map((r) => [
        t("report.policy.recipient_contact", {
          recipient: r.recipient.legal_name,
          contact: orNotDeclared(r.recipient.contact),
        }),
        r.destination === null
          ? countryText(r.country, lang)
          : t("report.declarations.country_destination", {
              country: countryText(r.country, lang),
              description: r.destination,
            }),
        orNotDeclared(r.time_and_method),
        itemsText(ws, r.items, lang),
        t("report.policy.purpose_retention", {
          purposes: purposeNames(r.purposes),
          retention: retentionText(r.retention),
        }),
        orNotDeclared(r.refusal),
        pipaBasisText(r.basis),
      ]),
      sheet: sheetName(t("report.policy.cross_border.sheet"), sheets),
    },
    data.cross_border,
  );
  return {
    lang,
    title: t("report.policy.title"),
    subtitle: t("report.policy.subtitle"),
    facts: [
      {
        label: t("report.policy.fact.controller"),
        value: t("report.declarations.controller", {
          name: data.controller.name,
          country: countryText(data.controller.country, lang),
        }),
      },
      { label: t("report.policy.fact.agreements"), value: String(ws.agreements.size) },
    ],
    sections: [thirdParty, entrustment, crossBorder],
    footer: t("report.declarations.footer"),
  };
}

/**
 * The privacy-policy tables (PIPA Art. 30(1), 28-8(2)) of a workspace, from its declarations only: `data` for JSON
 * (the same in every language), `document` in `lang` for the renderers, each table with its workbook sheet.
 * @example const { data, document } = privacyPolicyTables(workspace, { lang: "ko" });
 *   document.sections[0]?.heading // "개인정보의 제3자 제공 현황"
 */
export function privacyPolicyTables(
  ws: Workspace,
  options: DeclarationsReportOptions,
): { data: PolicyData; document: ReportDocument } {
  const data = policyData(ws);
  return { data, document: withLanguage(options.lang, () => policyDocument(ws, data, options.lang)) };
}
