// the records of processing activities (GDPR Art. 30(1)) of a workspace's disclosures and transfers, from its
// declarations alone: one activity per agreement with the controller, purposes, data subjects, categories of
// personal data, recipient and country, transfer abroad and its basis, retention, the transforms that protect the
// released fields and the legal basis with its articles. `data` is language-free (ids, keys, ISO dates, snake_case:
// what `--format json` prints); `document` says the same in the requested language. Nothing is invented: what the
// declarations lack is null in `data` and "not declared" in the document.
import { t, withLanguage } from "../../i18n/index.js";
import type { Agreement, Workspace } from "../../model/workspace.js";
import type { ArticleId } from "../../policy/articles.js";
import { lawName, recipientRole } from "../../policy/messages.js";
import type { ReportDocument, Section, Table } from "../document/model.js";
import {
  agreementsInOrder,
  basisArticles,
  type CrossBorder,
  categoryText,
  citations,
  countryText,
  type DeclarationsReportOptions,
  destinationCountry,
  destinationText,
  distinct,
  gdprMechanismText,
  isCrossBorder,
  isEntrustment,
  listed,
  named,
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
  taxonomyName,
  validityText,
} from "./shared.js";

/** What an activity lacks that Art. 30(1) asks for. */
export type RopaGap = "recipient_contact" | "transfer_basis" | "retention";

/** A transfer to a country other than the controller's, as declared. */
export interface RopaTransfer {
  country: string;
  /** the agreement's description of where the data is stored, when it declares one */
  destination: string | null;
  /** the PIPA Art. 28-8(1) basis (`cross_border.basis`), null when no `cross_border` is declared */
  pipa_basis: CrossBorder["basis"] | null;
  /** the GDPR Chapter V mechanism, null when not declared */
  gdpr_mechanism: NonNullable<CrossBorder["gdpr_mechanism"]> | null;
  /** whether the transfer is declared disclosed in the privacy policy, null when no `cross_border` is declared */
  disclosed: boolean | null;
  safeguards: string[];
}

/** One processing activity: an agreement. */
export interface RopaActivity {
  agreement: string;
  version: number;
  title: string | null;
  valid: { from: string; until: string | null };
  purposes: { id: string; name: string; use: string }[];
  data_subjects: { dataset: string; category: string };
  personal_data: { categories: string[]; fields: { field: string; categories: string[] }[] };
  recipient: RecipientData;
  /** null when the data stays in the controller's country */
  transfer: RopaTransfer | null;
  retention: RetentionData | null;
  /** the released fields whose transform does not release the value as it is */
  security_measures: Omit<ReleasedItem, "categories">[];
  legal_basis: { key: string; entrustment: boolean; articles: ArticleId[] };
  not_declared: RopaGap[];
}

/** The records of processing as data: stable key order, nothing translated. */
export interface RopaData {
  report: "records_of_processing";
  controller: { name: string; country: string; jurisdictions: string[]; privacy_officer: string | null };
  activities: RopaActivity[];
}

function activityOf(ws: Workspace, a: Agreement): RopaActivity {
  const items = releasedItems(ws, a);
  const recipient = recipientData(ws, a);
  const cb = a.cross_border;
  const transfer: RopaTransfer | null = isCrossBorder(ws, a)
    ? {
        country: destinationCountry(ws, a),
        destination: a.destination?.description ?? null,
        pipa_basis: cb?.basis ?? null,
        gdpr_mechanism: cb?.gdpr_mechanism ?? null,
        disclosed: cb ? cb.disclosed : null,
        safeguards: [...(cb?.safeguards ?? [])],
      }
    : null;
  const articles = basisArticles(ws, a);
  const retention = retentionData(a);
  const dataset = ws.datasets.get(a.dataset)?.value;
  const gaps: RopaGap[] = [];
  if (recipient.contact === null) gaps.push("recipient_contact");
  if (transfer !== null && transfer.pipa_basis === null) gaps.push("transfer_basis");
  if (retention === null) gaps.push("retention");
  return {
    agreement: a.id,
    version: a.version,
    title: a.title ?? null,
    valid: { from: a.valid.from, until: a.valid.until ?? null },
    purposes: a.purposes.map((id) => {
      const p = ws.purposes.get(id)?.value;
      return { id, name: p?.name ?? id, use: p?.use ?? "" };
    }),
    data_subjects: { dataset: a.dataset, category: dataset?.subjects ?? "" },
    personal_data: {
      categories: distinct(items.flatMap((i) => i.categories)),
      fields: items.map((i) => ({ field: i.field, categories: i.categories })),
    },
    recipient,
    transfer,
    retention,
    security_measures: items
      .filter((i) => i.exposure !== "clear")
      .map(({ categories: _c, ...measure }) => measure),
    legal_basis: { key: a.legal_basis, entrustment: isEntrustment(ws, a), articles },
    not_declared: gaps,
  };
}

/**
 * The records of processing as data, language-free.
 * @example ropaData(ws).activities.map((a) => a.agreement) // ["nsf-credit-feed", "overseas-settlement-feed"]
 */
export function ropaData(ws: Workspace): RopaData {
  const c = ws.config.value.controller;
  return {
    report: "records_of_processing",
    controller: {
      name: c.name,
      country: c.country,
      jurisdictions: [...c.jurisdictions],
      privacy_officer: c.privacy_officer ?? null,
    },
    activities: agreementsInOrder(ws).map((a) => activityOf(ws, a)),
  };
}

// --- the document ---

const GAPS = {
  recipient_contact: "report.ropa.gap.recipient_contact",
  transfer_basis: "report.ropa.gap.transfer_basis",
  retention: "report.ropa.gap.retention",
} as const;

/** The laws a controller answers to, by name: KR is PIPA (and the CIA for a credit information provider). */
function lawsText(ws: Workspace): string {
  const c = ws.config.value.controller;
  const laws = c.jurisdictions.flatMap((j) =>
    j === "KR"
      ? [lawName("PIPA"), ...(c.credit_information_provider ? [lawName("CIA")] : [])]
      : [lawName("GDPR")],
  );
  return listed(distinct(laws));
}

/** What a transform does to a value, as a security measure. */
function measureText(m: RopaActivity["security_measures"][number]): string {
  switch (m.exposure) {
    case "keyed":
      return m.reversible_by_controller
        ? t("report.ropa.measure.keyed_reversible")
        : t("report.ropa.measure.keyed");
    case "partial":
      return t("report.ropa.measure.partial");
    case "coarse": {
      const level = Object.entries(m.options)
        .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join("/") : String(v)}`)
        .join(", ");
      return t("report.ropa.measure.coarse", { level: level || m.transform });
    }
    case "none":
      return t("report.ropa.measure.none");
    case "unkeyed_digest":
      return t("report.ropa.measure.unkeyed_digest");
    case "clear":
      return m.transform;
  }
}

/** A transfer abroad in words: the country, then the bases the controller's laws ask for and those declared. */
function transferText(
  ws: Workspace,
  agreement: Agreement,
  transfer: RopaTransfer,
  lang: DeclarationsReportOptions["lang"],
): string {
  const laws = ws.config.value.controller.jurisdictions;
  const parts = [t("report.ropa.transfer.country", { country: destinationText(ws, agreement, lang) })];
  if (laws.includes("KR") || transfer.pipa_basis !== null)
    parts.push(t("report.ropa.transfer.pipa", { basis: pipaBasisText(transfer.pipa_basis) }));
  if (laws.includes("EU") || transfer.gdpr_mechanism !== null)
    parts.push(t("report.ropa.transfer.gdpr", { mechanism: gdprMechanismText(transfer.gdpr_mechanism) }));
  if (transfer.disclosed !== null)
    parts.push(
      t("report.ropa.transfer.disclosed", {
        disclosed: transfer.disclosed ? t("report.ropa.yes") : t("report.ropa.no"),
      }),
    );
  return parts.join("; ");
}

function activitySection(
  ws: Workspace,
  data: RopaData,
  a: RopaActivity,
  lang: DeclarationsReportOptions["lang"],
  sheets: Set<string>,
): Section {
  const controller = t("report.ropa.controller_entry", {
    controller: t("report.declarations.controller", {
      name: data.controller.name,
      country: countryText(data.controller.country, lang),
    }),
    officer: orNotDeclared(data.controller.privacy_officer),
  });
  const purposes = a.purposes.map((p) =>
    t("report.ropa.purpose_entry", {
      purpose: named(p.name, p.id),
      use: taxonomyName(ws.taxonomy.uses.get(p.use), p.use, lang),
    }),
  );
  const subjects = t("report.ropa.subjects_entry", {
    subjects: taxonomyName(
      ws.taxonomy.subjects.get(a.data_subjects.category),
      a.data_subjects.category,
      lang,
    ),
    dataset: a.data_subjects.dataset,
  });
  const categories = listed(distinct(a.personal_data.categories.map((k) => categoryText(ws, k, lang))));
  const recipient = t("report.ropa.recipient_entry", {
    recipient: named(a.recipient.legal_name, a.recipient.id),
    country: countryText(a.recipient.country, lang),
    role: recipientRole(a.recipient.role),
    contact: orNotDeclared(a.recipient.contact),
  });
  const agreement = ws.agreements.get(a.agreement)?.value;
  const transfer =
    a.transfer === null || agreement === undefined
      ? t("report.ropa.transfer_none", { country: countryText(data.controller.country, lang) })
      : transferText(ws, agreement, a.transfer, lang);
  const measures = [
    ...(a.security_measures.length === 0
      ? [t("report.ropa.measures_none")]
      : a.security_measures.map((m) =>
          t("report.ropa.measure", { field: m.field, measure: measureText(m) }),
        )),
    ...(a.transfer !== null && a.transfer.safeguards.length > 0
      ? [t("report.ropa.safeguards", { safeguards: listed(a.transfer.safeguards) })]
      : []),
  ];
  const basisDef = ws.taxonomy.bases.get(a.legal_basis.key);
  const basis = t("report.ropa.basis_entry", {
    basis: taxonomyName(basisDef, a.legal_basis.key, lang),
    articles:
      a.legal_basis.articles.length === 0
        ? t("report.ropa.basis_no_articles")
        : listed(citations(a.legal_basis.articles)),
  });
  const table: Table = {
    columns: [
      { label: t("report.ropa.col.article") },
      { label: t("report.ropa.col.item") },
      { label: t("report.ropa.col.entry") },
    ],
    rows: [
      ["(a)", t("report.ropa.row.controller"), controller],
      ["(b)", t("report.ropa.row.purposes"), purposes.join("; ")],
      ["(c)", t("report.ropa.row.subjects"), subjects],
      ["(c)", t("report.ropa.row.categories"), categories],
      ["(d)", t("report.ropa.row.recipients"), recipient],
      ["(e)", t("report.ropa.row.transfers"), transfer],
      ["(f)", t("report.ropa.row.retention"), retentionText(a.retention)],
      ["(g)", t("report.ropa.row.measures"), measures.join("; ")],
      [null, t("report.ropa.row.basis"), basis],
      [
        null,
        t("report.ropa.row.validity"),
        validityText({ from: a.valid.from, until: a.valid.until ?? undefined }),
      ],
    ],
    sheet: sheetName(a.agreement, sheets),
  };
  const gaps = [...(data.controller.privacy_officer === null ? [t("report.ropa.gap.privacy_officer")] : [])];
  gaps.push(...a.not_declared.map((g) => t(GAPS[g])));
  return {
    id: `ropa-${a.agreement}`,
    heading:
      a.title === null ? a.agreement : t("report.ropa.activity.heading", { title: a.title, id: a.agreement }),
    blocks: [
      { type: "table", table },
      ...(gaps.length === 0
        ? []
        : [
            {
              type: "notice" as const,
              tone: "warning" as const,
              text: t("report.ropa.gaps", { items: listed(gaps) }),
            },
          ]),
    ],
  };
}

function ropaDocument(
  ws: Workspace,
  data: RopaData,
  lang: DeclarationsReportOptions["lang"],
): ReportDocument {
  const sheets = new Set<string>();
  const overviewSheet = sheetName(t("report.ropa.overview.sheet"), sheets);
  const overview: Section = {
    id: "ropa-overview",
    heading: t("report.ropa.overview.heading"),
    blocks:
      data.activities.length === 0
        ? [{ type: "paragraph", text: t("report.ropa.overview.none") }]
        : [
            {
              type: "table",
              table: {
                columns: [
                  { label: t("report.ropa.col.agreement") },
                  { label: t("report.ropa.col.recipient") },
                  { label: t("report.ropa.col.country") },
                  { label: t("report.ropa.col.basis") },
                  { label: t("report.ropa.col.transfer") },
                  { label: t("report.ropa.col.retention") },
                ],
                rows: data.activities.map((a) => [
                  a.agreement,
                  a.recipient.legal_name,
                  countryText(a.transfer?.country ?? a.recipient.country, lang),
                  taxonomyName(ws.taxonomy.bases.get(a.legal_basis.key), a.legal_basis.key, lang),
                  a.transfer === null ? t("report.ropa.no") : t("report.ropa.yes"),
                  retentionText(a.retention),
                ]),
                sheet: overviewSheet,
              },
            },
          ],
  };
  return {
    lang,
    title: t("report.ropa.title"),
    subtitle: t("report.ropa.subtitle"),
    facts: [
      {
        label: t("report.ropa.fact.controller"),
        value: t("report.declarations.controller", {
          name: data.controller.name,
          country: countryText(data.controller.country, lang),
        }),
      },
      { label: t("report.ropa.fact.privacy_officer"), value: orNotDeclared(data.controller.privacy_officer) },
      { label: t("report.ropa.fact.jurisdictions"), value: lawsText(ws) },
      { label: t("report.ropa.fact.activities"), value: String(data.activities.length) },
    ],
    sections: [overview, ...data.activities.map((a) => activitySection(ws, data, a, lang, sheets))],
    footer: t("report.declarations.footer"),
  };
}

/**
 * The records of processing activities (GDPR Art. 30(1)) of a workspace's agreements, from its declarations only:
 * `data` for JSON (the same in every language), `document` in `lang` for the renderers.
 * @example const { data, document } = recordsOfProcessing(workspace, { lang: "ko" });
 *   renderMarkdown(document); // "# 개인정보 처리활동 기록 ..."
 */
export function recordsOfProcessing(
  ws: Workspace,
  options: DeclarationsReportOptions,
): { data: RopaData; document: ReportDocument } {
  const data = ropaData(ws);
  return { data, document: withLanguage(options.lang, () => ropaDocument(ws, data, options.lang)) };
}
