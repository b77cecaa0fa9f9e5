// the DPIA view of one agreement (GDPR Art. 35, PIPA Art. 33): what jikimi check finds in its declaration now,
// the re-identification risk of its last release's file (when that file is given and its SHA-256 is the one the
// release recorded), the volume of every release, and what changed from one version of the agreement to the
// next, read from the releases' own bodies. Computed from bodies proven against the signed checkpoint.
import { t } from "../../i18n/index.js";
import type { HoldBody, ReleaseBody } from "../../ledger/entry.js";
import { describeHold } from "../../ledger/holds.js";
import type { Block, Cell, ReportDocument, ReportLanguage } from "../document/model.js";
import {
  type DeclaredAgreement,
  type Verification,
  verificationFacts,
  verificationNotice,
} from "../inspection/inspection.js";
import { type Linkage, linkageOf, linkageSection } from "./linkage.js";
import { type ReleasedTerms as Terms, termsChange } from "./terms.js";

/** The risk figures of the last release's file, measured over the declared quasi-identifiers. */
export interface MeasuredRisk {
  seq: number;
  file: { name: string; sha256: string };
  quasi_identifiers: string[];
  records: number;
  k: number;
  unique_share: number;
  prosecutor_max: number;
  marketer: number;
  limits: { min_k: number | null; max_unique_share: number | null };
}

export interface DpiaInput {
  agreement: string;
  /** every release body under the checkpoint, in entry order (other agreements' give the linkage) */
  releases: readonly ReleaseBody[];
  /** the hold bodies under the checkpoint, in entry order */
  holds?: readonly HoldBody[];
  /** the declaration now (absent when the workspace no longer declares it) */
  declared?: (DeclaredAgreement & { max_subjects?: number | undefined }) | undefined;
  risk?: MeasuredRisk | undefined;
  verification: Verification;
  generatedAt: string;
}

export interface DpiaData {
  report: "dpia";
  agreement: string;
  generated_at: string;
  verification: Verification;
  declared: {
    version: number;
    digest: string;
    valid: { from: string; until: string | null };
    max_growth: number | null;
    max_subjects: number | null;
  } | null;
  findings: { code: string; severity: string; title: string; articles: string[] }[] | null;
  volume: {
    releases: number;
    people: number;
    records: number;
    largest: { seq: number; released_at: string; people: number } | null;
    last: { seq: number; released_at: string; people: number } | null;
    history: { seq: number; released_at: string; people: number; records: number }[];
    /** the agreement's held releases, from their hold entries */
    holds: { seq: number; released_at: string; people: number; reasons: HoldBody["holds"] }[];
  };
  linkage: Linkage | null;
  versions: {
    version: number;
    digest: string;
    releases: number;
    first_seq: number;
    last_seq: number;
    terms: Terms;
  }[];
  changes: {
    from: number;
    to: number;
    fields_added: string[];
    fields_removed: string[];
    transforms_changed: { field: string; from: string; to: string }[];
    purposes_added: string[];
    purposes_removed: string[];
    legal_basis: { from: string; to: string } | null;
    recipient: { from: string; to: string } | null;
  }[];
  risk: MeasuredRisk | null;
}

const termsOf = (b: ReleaseBody): Terms => ({
  recipient: b.recipient,
  legal_basis: b.legal_basis,
  purposes: b.purposes,
  fields: b.fields.map((f) => ({ name: f.name, transform: f.transform })),
});

/** What changed between two versions' terms, as the DPIA lists it: fields by name, the recipient by its id. */
function changeOf(from: DpiaData["versions"][number], to: DpiaData["versions"][number]) {
  const c = termsChange(from.terms, to.terms);
  const name = (f: { name: string }) => f.name;
  return {
    from: from.version,
    to: to.version,
    fields_added: c.fields_added.map(name),
    fields_removed: c.fields_removed.map(name),
    transforms_changed: c.transforms_changed,
    purposes_added: c.purposes_added,
    purposes_removed: c.purposes_removed,
    legal_basis: c.legal_basis,
    recipient:
      c.recipient === null || c.recipient.from.id === c.recipient.to.id
        ? null
        : { from: c.recipient.from.id, to: c.recipient.to.id },
  };
}

/**
 * The DPIA view's figures for one agreement.
 * @example dpiaData({ agreement: "nsf-credit-feed", releases, declared, verification, generatedAt })
 */
export function dpiaData(input: DpiaInput): DpiaData {
  const rs = input.releases.filter((r) => r.agreement.id === input.agreement);
  const history = rs.map((r) => ({
    seq: r.seq,
    released_at: r.released_at,
    people: r.subjects.count,
    records: r.records,
  }));
  const largest = history.reduce<(typeof history)[number] | undefined>(
    (m, h) => (m === undefined || h.people > m.people ? h : m),
    undefined,
  );
  const last = history.at(-1);
  const versions: DpiaData["versions"] = [];
  for (const r of rs) {
    const v = versions.find((x) => x.version === r.agreement.version && x.digest === r.agreement.digest);
    if (v) {
      v.releases++;
      v.last_seq = r.seq;
      v.terms = termsOf(r);
    } else
      versions.push({
        version: r.agreement.version,
        digest: r.agreement.digest,
        releases: 1,
        first_seq: r.seq,
        last_seq: r.seq,
        terms: termsOf(r),
      });
  }
  const d = input.declared;
  return {
    report: "dpia",
    agreement: input.agreement,
    generated_at: input.generatedAt,
    verification: input.verification,
    declared:
      d === undefined
        ? null
        : {
            version: d.version,
            digest: d.digest,
            valid: { from: d.valid.from, until: d.valid.until ?? null },
            max_growth: d.max_growth ?? null,
            max_subjects: d.max_subjects ?? null,
          },
    findings:
      d === undefined
        ? null
        : d.findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            title: f.title,
            articles: f.articles.map((a) => a.id),
          })),
    volume: {
      releases: rs.length,
      people: history.reduce((n, h) => n + h.people, 0),
      records: history.reduce((n, h) => n + h.records, 0),
      largest:
        largest === undefined
          ? null
          : { seq: largest.seq, released_at: largest.released_at, people: largest.people },
      last: last === undefined ? null : { seq: last.seq, released_at: last.released_at, people: last.people },
      history,
      holds: (input.holds ?? [])
        .filter((h) => h.agreement.id === input.agreement)
        .map((h) => ({ seq: h.seq, released_at: h.released_at, people: h.subjects, reasons: h.holds })),
    },
    linkage: linkageOf(input.agreement, input.releases),
    versions,
    changes: versions.slice(1).map((v, i) => changeOf(versions[i] as DpiaData["versions"][number], v)),
    risk: input.risk ?? null,
  };
}

/** Days of releases charted one bar each; more are charted by month. */
const DAILY_BARS = 120;

function volumeChart(data: DpiaData): Block[] {
  const h = data.volume.history;
  if (h.length === 0) return [];
  const byMonth = new Map<string, number>();
  for (const x of h)
    byMonth.set(x.released_at.slice(0, 7), Math.max(byMonth.get(x.released_at.slice(0, 7)) ?? 0, x.people));
  const daily = h.length <= DAILY_BARS;
  return [
    {
      type: "chart",
      chart: {
        title: t(daily ? "report.dpia.chart.people" : "report.dpia.chart.people_by_month"),
        categories: daily ? h.map((x) => x.released_at.slice(0, 10)) : [...byMonth.keys()],
        series: [
          {
            name: t("report.dpia.col.people"),
            values: daily ? h.map((x) => x.people) : [...byMonth.values()],
          },
        ],
      },
    },
  ];
}

/** The DPIA view in words, in the language in force (`withLanguage`). */
export function dpiaDocument(data: DpiaData, lang: ReportLanguage): ReportDocument {
  const v = data.verification;
  const sections: ReportDocument["sections"] = [];
  const verified = verificationNotice(v);
  const decl = data.declared;
  sections.push({
    id: "declaration",
    heading: t("report.dpia.h.declaration"),
    blocks: [
      verified,
      decl === null
        ? { type: "notice", tone: "warning", text: t("report.dpia.not_declared") }
        : {
            type: "table",
            table: {
              sheet: t("report.dpia.sheet.declaration"),
              columns: [
                { label: t("report.inspection.col.item") },
                { label: t("report.inspection.col.value") },
              ],
              rows: [
                [t("report.dpia.row.version"), `v${decl.version} (${decl.digest.slice(0, 12)})`],
                [t("report.dpia.row.valid"), `${decl.valid.from} ~ ${decl.valid.until ?? "…"}`],
                [
                  t("report.dpia.row.max_growth"),
                  decl.max_growth === null ? null : `${Math.round(decl.max_growth * 100)}%`,
                ],
                [t("report.dpia.row.max_subjects"), decl.max_subjects],
              ],
            },
          },
    ],
  });
  sections.push({
    id: "findings",
    heading: t("report.dpia.h.findings"),
    blocks:
      data.findings === null
        ? [{ type: "paragraph", text: t("report.dpia.not_declared") }]
        : data.findings.length === 0
          ? [{ type: "notice", tone: "ok", text: t("report.inspection.no_findings") }]
          : [
              {
                type: "list",
                items: data.findings.map((x) =>
                  t("report.inspection.finding", {
                    severity: t(`report.severity.${x.severity as "error" | "warning" | "gap"}`),
                    code: x.code,
                    title: x.title,
                  }),
                ),
              },
            ],
  });
  const r = data.risk;
  sections.push({
    id: "risk",
    heading: t("report.dpia.h.risk"),
    blocks:
      r === null
        ? [{ type: "paragraph", text: t("report.dpia.no_risk") }]
        : [
            {
              type: "paragraph",
              text: t("report.dpia.risk_of", {
                seq: r.seq,
                file: r.file.name,
                qi: r.quasi_identifiers.join(", "),
              }),
            },
            {
              type: "table",
              table: {
                sheet: t("report.dpia.sheet.risk"),
                columns: [
                  { label: t("report.inspection.col.item") },
                  { label: t("report.inspection.col.value"), align: "right" },
                  { label: t("report.dpia.col.limit"), align: "right" },
                ],
                rows: [
                  [t("report.dpia.row.records"), r.records, null],
                  [t("report.dpia.row.k"), r.k, r.limits.min_k],
                  [
                    t("report.dpia.row.unique_share"),
                    `${(r.unique_share * 100).toFixed(2)}%`,
                    r.limits.max_unique_share === null
                      ? null
                      : `${(r.limits.max_unique_share * 100).toFixed(2)}%`,
                  ],
                  [t("report.dpia.row.prosecutor_max"), r.prosecutor_max.toFixed(4), null],
                  [t("report.dpia.row.marketer"), r.marketer.toFixed(4), null],
                ],
              },
            },
            (r.limits.min_k !== null && r.k < r.limits.min_k) ||
            (r.limits.max_unique_share !== null && r.unique_share > r.limits.max_unique_share)
              ? { type: "notice", tone: "error", text: t("report.dpia.risk_over") }
              : { type: "notice", tone: "ok", text: t("report.dpia.risk_within") },
          ],
  });
  const vol = data.volume;
  sections.push({
    id: "volume",
    heading: t("report.dpia.h.volume"),
    blocks: [
      {
        type: "paragraph",
        text: t("report.dpia.volume", {
          count: vol.releases,
          people: vol.people.toLocaleString(lang === "ko" ? "ko-KR" : "en-US"),
          largest: (vol.largest?.people ?? 0).toLocaleString(lang === "ko" ? "ko-KR" : "en-US"),
          last: (vol.last?.people ?? 0).toLocaleString(lang === "ko" ? "ko-KR" : "en-US"),
        }),
      },
      ...volumeChart(data),
      ...(vol.holds.length === 0
        ? []
        : [
            { type: "paragraph" as const, text: t("report.dpia.holds", { count: vol.holds.length }) },
            {
              type: "list" as const,
              items: vol.holds.map((h) =>
                t("report.dpia.hold", {
                  seq: h.seq,
                  at: h.released_at,
                  people: h.people,
                  reasons: h.reasons.map(describeHold).join("; "),
                }),
              ),
            },
          ]),
    ],
  });
  sections.push(linkageSection(data.linkage));
  const changeRows: Cell[][] = data.changes.map((c) => [
    `v${c.from} → v${c.to}`,
    [
      ...c.fields_added.map((f) => t("report.dpia.change.field_added", { field: f })),
      ...c.fields_removed.map((f) => t("report.dpia.change.field_removed", { field: f })),
      ...c.transforms_changed.map((x) => t("report.dpia.change.transform", x)),
      ...c.purposes_added.map((p) => t("report.dpia.change.purpose_added", { purpose: p })),
      ...c.purposes_removed.map((p) => t("report.dpia.change.purpose_removed", { purpose: p })),
      ...(c.legal_basis === null ? [] : [t("report.dpia.change.basis", c.legal_basis)]),
      ...(c.recipient === null ? [] : [t("report.dpia.change.recipient", c.recipient)]),
    ].join("; ") || t("report.dpia.change.none"),
  ]);
  sections.push({
    id: "versions",
    heading: t("report.dpia.h.versions"),
    blocks: [
      {
        type: "table",
        table: {
          sheet: t("report.dpia.sheet.versions"),
          columns: [
            { label: t("report.dpia.col.version") },
            { label: t("report.dpia.col.releases"), align: "right" },
            { label: t("report.dpia.col.entries") },
            { label: t("report.dpia.col.terms") },
          ],
          rows: data.versions.map((x) => [
            `v${x.version} (${x.digest.slice(0, 12)})`,
            x.releases,
            `${x.first_seq}–${x.last_seq}`,
            `${x.terms.recipient.name} (${x.terms.recipient.country}); ${x.terms.legal_basis}; ${x.terms.purposes.join(", ")}; ${x.terms.fields.map((f) => `${f.name}: ${f.transform}`).join(", ")}`,
          ]),
        },
      },
      ...(changeRows.length === 0
        ? [{ type: "paragraph" as const, text: t("report.dpia.one_version") }]
        : [
            {
              type: "table" as const,
              table: {
                caption: t("report.dpia.changes"),
                sheet: t("report.dpia.sheet.changes"),
                columns: [{ label: t("report.dpia.col.version") }, { label: t("report.dpia.col.change") }],
                rows: changeRows,
              },
            },
          ]),
    ],
  });
  return {
    lang,
    title: t("report.dpia.title", { agreement: data.agreement }),
    subtitle: t("report.dpia.subtitle"),
    facts: verificationFacts(v, data.generated_at),
    sections,
    footer: t("report.dpia.footer", { agreement: data.agreement, origin: v.origin, size: v.size }),
  };
}
