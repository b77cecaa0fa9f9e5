// the inspection report (Credit Information Act Art. 20(2), PIPA Art. 28-8, GDPR Art. 30 and 5(2)): every release in
// a period, with totals, anomalies, the check findings in force and how the figures were verified. It is computed
// only from release bodies the caller proved against a signed checkpoint (Ledger.provenBodies) and from the
// workspace's current declarations; `data` is the exact, language-free answer, `document` the same in words.

import { t } from "../../i18n/index.js";
import type { ReleaseBody } from "../../ledger/entry.js";
import type { Finding } from "../../policy/finding.js";
import type { Block, Cell, ReportDocument, ReportLanguage, Table } from "../document/model.js";

const DAY_MS = 86_400_000;

/** What the caller established about the bytes the report is computed from. */
export interface Verification {
  origin: string;
  size: number;
  root: string;
  /** names of the log keys whose signatures on the checkpoint verified */
  signed_by: string[];
  /** names of the witnesses whose cosignatures verified */
  cosigned_by: string[];
  /** the bodies' leaves gave the checkpoint's root */
  ok: boolean;
  /** entries whose bodies a retention prune removed (counted in the tree, not reportable) */
  pruned: number;
}

/** An agreement as declared now: what the anomalies and the findings are measured against. */
export interface DeclaredAgreement {
  version: number;
  /** SHA-256 of the agreement's file as it is now (a release's agreement digest names its file) */
  digest: string;
  valid: { from: string; until?: string | undefined };
  max_growth?: number | undefined;
  findings: Finding[];
}

export interface InspectionFilter {
  /** first day (YYYY-MM-DD), inclusive, of released_at */
  from?: string | undefined;
  /** last day (YYYY-MM-DD), inclusive */
  to?: string | undefined;
  recipient?: string | undefined;
  country?: string | undefined;
  agreement?: string | undefined;
}

export interface InspectionInput {
  /** every release body under the checkpoint, in entry order */
  releases: readonly ReleaseBody[];
  verification: Verification;
  agreements: ReadonlyMap<string, DeclaredAgreement>;
  /** the ledger's back-dating window in days (jikimi.yaml ledger.backdate_window) */
  backdateDays: number;
  filter: InspectionFilter;
  generatedAt: string;
  /** a growth over the previous release of the same agreement that is an anomaly where none is declared */
  defaultMaxGrowth?: number;
}

export type AnomalyCode = "growth" | "override" | "back_dated" | "before_previous" | "outside_validity";

export interface InspectionRelease {
  seq: number;
  released_at: string;
  recorded_at: string;
  agreement: { id: string; version: number; digest: string };
  recipient: { id: string; name: string; country: string };
  legal_basis: string;
  purposes: string[];
  fields: { name: string; transform: string }[];
  people: number;
  records: number;
  channel: string;
  operator: string;
  override: string | null;
  consent: { purpose: string; as_of: string; count: number } | null;
  anomalies: AnomalyCode[];
}

interface Totals {
  releases: number;
  people: number;
  records: number;
}

export interface InspectionData {
  report: "inspection";
  generated_at: string;
  filter: InspectionFilter;
  period: { first: string | null; last: string | null };
  verification: Verification;
  totals: Totals & { recipients: number; countries: number; overrides: number; anomalies: number };
  by_recipient: (Totals & { recipient: string; name: string; country: string })[];
  by_country: (Totals & { country: string })[];
  by_month: (Totals & { month: string })[];
  releases: InspectionRelease[];
  anomalies: { seq: number; code: AnomalyCode; agreement: string; released_at: string; detail: string }[];
  findings: {
    agreement: string;
    version: number;
    digest: string;
    releases: number;
    /** the declaration now in the workspace has this digest: its findings are the ones in force */
    declared_now: boolean;
    findings: { code: string; severity: string; title: string; articles: string[] }[] | null;
  }[];
  consent: { purpose: string; releases: number; people: number; last_as_of: string; last_count: number }[];
}

const day = (iso: string) => iso.slice(0, 10);
/** An ISO time to the minute, UTC, as a table shows it: "2026-11-06 02:00". */
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** Fields grouped by the transform they went under: "pseudonym: customer_id, phone; keep: balance". */
function fieldsByTransform(fields: readonly { name: string; transform: string }[]): string {
  const by = new Map<string, string[]>();
  for (const f of fields) by.set(f.transform, [...(by.get(f.transform) ?? []), f.name]);
  return [...by].map(([transform, names]) => `${transform}: ${names.join(", ")}`).join("; ");
}

function keep(r: ReleaseBody, f: InspectionFilter): boolean {
  const d = day(r.released_at);
  return (
    (f.from === undefined || d >= f.from) &&
    (f.to === undefined || d <= f.to) &&
    (f.recipient === undefined || r.recipient.id === f.recipient) &&
    (f.country === undefined || r.recipient.country === f.country) &&
    (f.agreement === undefined || r.agreement.id === f.agreement)
  );
}

/** Sums per key, sorted by key. */
function totalsBy<K extends string>(rows: readonly InspectionRelease[], key: (r: InspectionRelease) => K) {
  const m = new Map<K, Totals>();
  for (const r of rows) {
    const t0 = m.get(key(r)) ?? { releases: 0, people: 0, records: 0 };
    t0.releases++;
    t0.people += r.people;
    t0.records += r.records;
    m.set(key(r), t0);
  }
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The anomalies of each release against the ones before it in its agreement (entry order): growth past the
 * declared max_growth (else `defaultMaxGrowth`), an override, a release time before the previous one's or older
 * than the back-dating window at recording, and a release outside the agreement's declared validity.
 */
function anomaliesOf(input: InspectionInput): Map<number, { code: AnomalyCode; detail: string }[]> {
  const out = new Map<number, { code: AnomalyCode; detail: string }[]>();
  const previous = new Map<string, ReleaseBody>();
  for (const r of input.releases) {
    const found: { code: AnomalyCode; detail: string }[] = [];
    const declared = input.agreements.get(r.agreement.id);
    const prev = previous.get(r.agreement.id);
    const max = declared?.max_growth ?? input.defaultMaxGrowth ?? 1;
    if (prev !== undefined && prev.subjects.count > 0 && r.subjects.count / prev.subjects.count - 1 > max)
      found.push({
        code: "growth",
        detail: t("report.inspection.anomaly.growth", {
          previous: prev.subjects.count,
          people: r.subjects.count,
          ratio: (r.subjects.count / prev.subjects.count).toFixed(1),
          limit: Math.round(max * 100),
        }),
      });
    if (r.override !== undefined)
      found.push({
        code: "override",
        detail: t("report.inspection.anomaly.override", { reason: r.override }),
      });
    if (prev !== undefined && r.released_at < prev.released_at)
      found.push({
        code: "before_previous",
        detail: t("report.inspection.anomaly.before_previous", { previous: prev.released_at }),
      });
    const lag = Date.parse(r.recorded_at) - Date.parse(r.released_at);
    if (lag > input.backdateDays * DAY_MS)
      found.push({
        code: "back_dated",
        detail: t("report.inspection.anomaly.back_dated", {
          days: Math.floor(lag / DAY_MS),
          window: input.backdateDays,
        }),
      });
    if (
      declared !== undefined &&
      (day(r.released_at) < declared.valid.from ||
        (declared.valid.until !== undefined && day(r.released_at) > declared.valid.until))
    )
      found.push({
        code: "outside_validity",
        detail: t("report.inspection.anomaly.outside_validity", {
          from: declared.valid.from,
          until: declared.valid.until ?? "-",
        }),
      });
    if (found.length > 0) out.set(r.seq, found);
    if (prev === undefined || r.released_at >= prev.released_at) previous.set(r.agreement.id, r);
  }
  return out;
}

/** The report's exact figures (no words but the operators' own override reasons). */
export function inspectionData(input: InspectionInput): InspectionData {
  const anomalies = anomaliesOf(input);
  const releases: InspectionRelease[] = input.releases
    .filter((r) => keep(r, input.filter))
    .map((r) => ({
      seq: r.seq,
      released_at: r.released_at,
      recorded_at: r.recorded_at,
      agreement: r.agreement,
      recipient: r.recipient,
      legal_basis: r.legal_basis,
      purposes: r.purposes,
      fields: r.fields.map((f) => ({ name: f.name, transform: f.transform })),
      people: r.subjects.count,
      records: r.records,
      channel: r.channel,
      operator: r.operator,
      override: r.override ?? null,
      consent:
        r.consent === undefined
          ? null
          : { purpose: r.consent.purpose, as_of: r.consent.as_of, count: r.consent.count },
      anomalies: (anomalies.get(r.seq) ?? []).map((a) => a.code),
    }));
  const kept = new Set(releases.map((r) => r.seq));
  const sum = (rows: readonly InspectionRelease[]) => ({
    releases: rows.length,
    people: rows.reduce((s, r) => s + r.people, 0),
    records: rows.reduce((s, r) => s + r.records, 0),
  });
  const byRecipient = totalsBy(releases, (r) => r.recipient.id).map(([id, totals]) => {
    const any = releases.find((r) => r.recipient.id === id) as InspectionRelease;
    return { recipient: id, name: any.recipient.name, country: any.recipient.country, ...totals };
  });
  const versions = new Map<string, InspectionData["findings"][number]>();
  for (const r of releases) {
    const key = `${r.agreement.id}\u0000${r.agreement.version}\u0000${r.agreement.digest}`;
    const seen = versions.get(key);
    if (seen) {
      seen.releases++;
      continue;
    }
    const declared = input.agreements.get(r.agreement.id);
    const now = declared !== undefined && declared.digest === r.agreement.digest;
    versions.set(key, {
      agreement: r.agreement.id,
      version: r.agreement.version,
      digest: r.agreement.digest,
      releases: 1,
      declared_now: now,
      findings: now
        ? declared.findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            title: f.title,
            articles: f.articles.map((a) => a.id),
          }))
        : null,
    });
  }
  const consent = new Map<string, InspectionData["consent"][number]>();
  for (const r of releases) {
    if (r.consent === null) continue;
    const c = consent.get(r.consent.purpose) ?? {
      purpose: r.consent.purpose,
      releases: 0,
      people: 0,
      last_as_of: r.consent.as_of,
      last_count: r.consent.count,
    };
    c.releases++;
    c.people += r.people;
    if (r.consent.as_of >= c.last_as_of) {
      c.last_as_of = r.consent.as_of;
      c.last_count = r.consent.count;
    }
    consent.set(r.consent.purpose, c);
  }
  const anomalyRows = input.releases
    .filter((r) => kept.has(r.seq))
    .flatMap((r) =>
      (anomalies.get(r.seq) ?? []).map((a) => ({
        seq: r.seq,
        code: a.code,
        agreement: r.agreement.id,
        released_at: r.released_at,
        detail: a.detail,
      })),
    );
  const dates = releases.map((r) => r.released_at).sort();
  return {
    report: "inspection",
    generated_at: input.generatedAt,
    filter: input.filter,
    period: { first: dates[0] ?? null, last: dates.at(-1) ?? null },
    verification: input.verification,
    totals: {
      ...sum(releases),
      recipients: byRecipient.length,
      countries: new Set(releases.map((r) => r.recipient.country)).size,
      overrides: releases.filter((r) => r.override !== null).length,
      anomalies: anomalyRows.length,
    },
    by_recipient: byRecipient,
    by_country: totalsBy(releases, (r) => r.recipient.country).map(([country, totals]) => ({
      country,
      ...totals,
    })),
    by_month: totalsBy(releases, (r) => r.released_at.slice(0, 7)).map(([month, totals]) => ({
      month,
      ...totals,
    })),
    releases,
    anomalies: anomalyRows,
    findings: [...versions.values()],
    consent: [...consent.values()].sort((a, b) => (a.purpose < b.purpose ? -1 : 1)),
  };
}

const table = (t0: Table): Block => ({ type: "table", table: t0 });

/** What a report proven against a checkpoint says first: verified, or that it proves nothing. */
export function verificationNotice(v: Verification): Block {
  return v.ok
    ? {
        type: "notice",
        tone: "ok",
        text: t("report.inspection.verified", { size: v.size, signers: v.signed_by.join(", ") || "-" }),
      }
    : { type: "notice", tone: "error", text: t("report.inspection.not_verified", { size: v.size }) };
}

/** The facts under the title of a report proven against a checkpoint: which one, the result, when. */
export function verificationFacts(v: Verification, generatedAt: string): ReportDocument["facts"] {
  return [
    {
      label: t("report.inspection.fact.checkpoint"),
      value: `${v.origin} · ${v.size} · ${v.root.slice(0, 16)}…`,
    },
    {
      label: t("report.inspection.fact.verification"),
      value: v.ok ? t("report.inspection.fact.passed") : t("report.inspection.fact.failed"),
    },
    { label: t("report.inspection.fact.generated"), value: generatedAt },
  ];
}

/** Days a period may span and still be charted day by day (a jump of one day stands out); longer, by month. */
const DAILY_CHART_DAYS = 120;

/** People released per day of released_at (for a short period) or per month, as a bar chart. */
function peopleChart(data: InspectionData): Block[] {
  if (data.releases.length === 0) return [];
  const byDay = new Map<string, number>();
  for (const r of data.releases)
    byDay.set(day(r.released_at), (byDay.get(day(r.released_at)) ?? 0) + r.people);
  const days = [...byDay].sort(([a], [b]) => (a < b ? -1 : 1));
  const daily = days.length <= DAILY_CHART_DAYS;
  return [
    {
      type: "chart",
      chart: {
        title: t(daily ? "report.inspection.chart.people_by_day" : "report.inspection.chart.people_by_month"),
        categories: daily ? days.map(([d]) => d) : data.by_month.map((m) => m.month),
        series: [
          {
            name: t("report.inspection.col.people"),
            values: daily ? days.map(([, n]) => n) : data.by_month.map((m) => m.people),
          },
        ],
      },
    },
  ];
}

/** The report in words, in the language in force (`withLanguage`). */
export function inspectionDocument(data: InspectionData, lang: ReportLanguage): ReportDocument {
  const v = data.verification;
  const f = data.filter;
  const scope = [
    f.recipient === undefined
      ? undefined
      : t("report.inspection.filter.recipient", { recipient: f.recipient }),
    f.country === undefined ? undefined : t("report.inspection.filter.country", { country: f.country }),
    f.agreement === undefined
      ? undefined
      : t("report.inspection.filter.agreement", { agreement: f.agreement }),
  ].filter((s): s is string => s !== undefined);
  const sections: ReportDocument["sections"] = [];
  const verified = verificationNotice(v);
  sections.push({
    id: "summary",
    heading: t("report.inspection.h.summary"),
    blocks: [
      verified,
      {
        type: "paragraph",
        text: t("report.inspection.summary", {
          releases: data.totals.releases,
          people: data.totals.people.toLocaleString(lang === "ko" ? "ko-KR" : "en-US"),
          records: data.totals.records.toLocaleString(lang === "ko" ? "ko-KR" : "en-US"),
          recipients: data.totals.recipients,
          countries: data.totals.countries,
        }),
      },
      ...(data.totals.anomalies > 0
        ? [
            {
              type: "notice" as const,
              tone: "warning" as const,
              text: t("report.inspection.anomalies_found", { count: data.totals.anomalies }),
            },
          ]
        : []),
    ],
  });
  const anomalyLabel = (c: AnomalyCode) => t(`report.inspection.code.${c}`);
  sections.push({
    id: "releases",
    heading: t("report.inspection.h.releases"),
    blocks: [
      data.releases.length === 0
        ? { type: "paragraph", text: t("report.inspection.no_releases") }
        : table({
            sheet: t("report.inspection.sheet.releases"),
            columns: [
              { label: t("report.inspection.col.seq") },
              { label: t("report.inspection.col.released_at"), nowrap: true },
              { label: t("report.inspection.col.agreement_version"), nowrap: true },
              { label: t("report.inspection.col.recipient") },
              { label: t("report.inspection.col.basis") },
              { label: t("report.inspection.col.purposes") },
              { label: t("report.inspection.col.people"), align: "right" },
              { label: t("report.inspection.col.records"), align: "right" },
              { label: t("report.inspection.col.notes") },
            ],
            rows: data.releases.map((r): Cell[] => [
              String(r.seq),
              minute(r.released_at),
              `${r.agreement.id} v${r.agreement.version}`,
              `${r.recipient.name} (${r.recipient.country})`,
              r.legal_basis,
              r.purposes.join(", "),
              r.people,
              r.records,
              [
                // an override is named with its reason
                ...r.anomalies.filter((a) => a !== "override").map(anomalyLabel),
                ...(r.override === null
                  ? []
                  : [t("report.inspection.override_reason", { reason: r.override })]),
              ].join("; ") || null,
            ]),
            footer: [
              t("report.inspection.total"),
              null,
              null,
              null,
              null,
              null,
              null,
              data.totals.people,
              data.totals.records,
              null,
            ],
          }),
    ],
  });
  const totalsCols = [
    { label: t("report.inspection.col.releases"), align: "right" as const },
    { label: t("report.inspection.col.people"), align: "right" as const },
    { label: t("report.inspection.col.records"), align: "right" as const },
  ];
  sections.push({
    id: "totals",
    heading: t("report.inspection.h.totals"),
    blocks: [
      table({
        caption: t("report.inspection.by_recipient"),
        sheet: t("report.inspection.sheet.by_recipient"),
        columns: [
          { label: t("report.inspection.col.recipient") },
          { label: t("report.inspection.col.country") },
          ...totalsCols,
        ],
        rows: data.by_recipient.map((r) => [
          `${r.name} (${r.recipient})`,
          r.country,
          r.releases,
          r.people,
          r.records,
        ]),
      }),
      table({
        caption: t("report.inspection.by_country"),
        sheet: t("report.inspection.sheet.by_country"),
        columns: [{ label: t("report.inspection.col.country") }, ...totalsCols],
        rows: data.by_country.map((r) => [r.country, r.releases, r.people, r.records]),
      }),
      ...peopleChart(data),
      table({
        caption: t("report.inspection.by_month"),
        sheet: t("report.inspection.sheet.by_month"),
        columns: [{ label: t("report.inspection.col.month") }, ...totalsCols],
        rows: data.by_month.map((r) => [r.month, r.releases, r.people, r.records]),
      }),
    ],
  });
  sections.push({
    id: "anomalies",
    heading: t("report.inspection.h.anomalies"),
    blocks: [
      data.anomalies.length === 0
        ? { type: "paragraph", text: t("report.inspection.no_anomalies") }
        : table({
            sheet: t("report.inspection.sheet.anomalies"),
            columns: [
              { label: t("report.inspection.col.seq") },
              { label: t("report.inspection.col.released_at") },
              { label: t("report.inspection.col.agreement") },
              { label: t("report.inspection.col.anomaly") },
              { label: t("report.inspection.col.detail") },
            ],
            rows: data.anomalies.map((a) => [
              String(a.seq),
              a.released_at,
              a.agreement,
              anomalyLabel(a.code),
              a.detail,
            ]),
          }),
    ],
  });
  sections.push({
    id: "findings",
    heading: t("report.inspection.h.findings"),
    blocks: data.findings.flatMap((g): Block[] => [
      {
        type: "paragraph",
        text: t("report.inspection.version_line", {
          agreement: g.agreement,
          version: g.version,
          digest: g.digest.slice(0, 12),
          count: g.releases,
        }),
      },
      {
        type: "paragraph",
        text: t("report.inspection.version_fields", {
          fields: fieldsByTransform(
            data.releases.find(
              (r) =>
                r.agreement.id === g.agreement &&
                r.agreement.version === g.version &&
                r.agreement.digest === g.digest,
            )?.fields ?? [],
          ),
        }),
      },
      g.findings === null
        ? { type: "notice", tone: "warning", text: t("report.inspection.version_not_declared") }
        : g.findings.length === 0
          ? { type: "notice", tone: "ok", text: t("report.inspection.no_findings") }
          : {
              type: "list",
              items: g.findings.map((x) =>
                t("report.inspection.finding", {
                  severity: t(`report.severity.${x.severity as "error" | "warning" | "gap"}`),
                  code: x.code,
                  title: x.title,
                }),
              ),
            },
    ]),
  });
  sections.push({
    id: "consent",
    heading: t("report.inspection.h.consent"),
    blocks: [
      data.consent.length === 0
        ? { type: "paragraph", text: t("report.inspection.no_consent") }
        : table({
            sheet: t("report.inspection.sheet.consent"),
            columns: [
              { label: t("report.inspection.col.purpose") },
              { label: t("report.inspection.col.releases"), align: "right" },
              { label: t("report.inspection.col.people"), align: "right" },
              { label: t("report.inspection.col.consent_as_of") },
              { label: t("report.inspection.col.consenting"), align: "right" },
            ],
            rows: data.consent.map((c) => [c.purpose, c.releases, c.people, c.last_as_of, c.last_count]),
          }),
    ],
  });
  sections.push({
    id: "verification",
    heading: t("report.inspection.h.verification"),
    blocks: [
      verified,
      table({
        sheet: t("report.inspection.sheet.verification"),
        columns: [{ label: t("report.inspection.col.item") }, { label: t("report.inspection.col.value") }],
        rows: [
          [t("report.inspection.v.origin"), v.origin],
          [t("report.inspection.v.size"), v.size],
          [t("report.inspection.v.root"), v.root],
          [t("report.inspection.v.signed_by"), v.signed_by.join(", ") || null],
          [
            t("report.inspection.v.cosigned_by"),
            v.cosigned_by.join(", ") || t("report.inspection.v.no_witness"),
          ],
          [t("report.inspection.v.pruned"), v.pruned],
        ],
      }),
      { type: "paragraph", text: t("report.inspection.how_to_verify") },
    ],
  });
  return {
    lang,
    title: t("report.inspection.title"),
    subtitle: scope.length > 0 ? scope.join(" · ") : t("report.inspection.subtitle_all"),
    facts: [
      {
        label: t("report.inspection.fact.period"),
        value:
          f.from !== undefined || f.to !== undefined
            ? `${f.from ?? "…"} ~ ${f.to ?? "…"}`
            : data.period.first === null
              ? "-"
              : `${day(data.period.first)} ~ ${day(data.period.last ?? data.period.first)}`,
      },
      ...verificationFacts(v, data.generated_at),
    ],
    sections,
    footer: t("report.inspection.footer", { origin: v.origin, size: v.size, root: v.root }),
  };
}
