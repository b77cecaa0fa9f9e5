// the inspection report in words (inspection.ts computes its figures): a summary, the releases and the held
// releases, totals with a chart of people by day, anomalies, findings per agreement version, consent and the
// verification, in the language in force.
import { t } from "../../i18n/index.js";
import { describeHold } from "../../ledger/holds.js";
import type { Block, Cell, ReportDocument, ReportLanguage, Table } from "../document/model.js";
import type { AnomalyCode, InspectionData, Verification } from "./inspection.js";

const day = (iso: string) => iso.slice(0, 10);
/** An ISO time to the minute, UTC, as a table shows it: "2026-11-06 02:00". */
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

/** Fields grouped by the transform they went under: "pseudonym: customer_id, phone; keep: balance". */
function fieldsByTransform(fields: readonly { name: string; transform: string }[]): string {
  const by = new Map<string, string[]>();
  for (const f of fields) by.set(f.transform, [...(by.get(f.transform) ?? []), f.name]);
  return [...by].map(([transform, names]) => `${transform}: ${names.join(", ")}`).join("; ");
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
  const heldBy = new Map<string, number>();
  for (const h of data.holds)
    heldBy.set(day(h.released_at), (heldBy.get(day(h.released_at)) ?? 0) + h.people);
  for (const d of heldBy.keys()) if (!byDay.has(d)) byDay.set(d, 0);
  const days = [...byDay].sort(([a], [b]) => (a < b ? -1 : 1));
  const daily = days.length <= DAILY_CHART_DAYS;
  const months = data.by_month.map((m) => m.month);
  const heldByMonth = (month: string) =>
    data.holds.filter((h) => h.released_at.startsWith(month)).reduce((n, h) => n + h.people, 0);
  return [
    {
      type: "chart",
      chart: {
        title: t(daily ? "report.inspection.chart.people_by_day" : "report.inspection.chart.people_by_month"),
        categories: daily ? days.map(([d]) => d) : months,
        series: [
          {
            name: t("report.inspection.col.people"),
            values: daily ? days.map(([, n]) => n) : data.by_month.map((m) => m.people),
          },
          // a hold shows beside the releases: an attempted jump stands out even though nothing left
          ...(data.holds.length === 0
            ? []
            : [
                {
                  name: t("report.inspection.chart.held"),
                  values: daily ? days.map(([d]) => heldBy.get(d) ?? 0) : months.map(heldByMonth),
                },
              ]),
        ],
      },
    },
  ];
}

/** The held releases: when, which agreement and recipient, how many people, and why, from their hold entries. */
function holdsSection(data: InspectionData): ReportDocument["sections"][number] {
  return {
    id: "holds",
    heading: t("report.inspection.h.holds"),
    blocks:
      data.holds.length === 0
        ? [{ type: "paragraph", text: t("report.inspection.no_holds") }]
        : [
            { type: "paragraph", text: t("report.inspection.holds_intro") },
            table({
              sheet: t("report.inspection.sheet.holds"),
              columns: [
                { label: t("report.inspection.col.seq") },
                { label: t("report.inspection.col.released_at"), nowrap: true },
                { label: t("report.inspection.col.agreement_version"), nowrap: true },
                { label: t("report.inspection.col.recipient") },
                { label: t("report.inspection.col.would_carry"), align: "right" },
                { label: t("report.inspection.col.reasons") },
              ],
              rows: data.holds.map((h): Cell[] => [
                String(h.seq),
                minute(h.released_at),
                `${h.agreement.id} v${h.agreement.version}`,
                `${h.recipient.name} (${h.recipient.country})`,
                h.people,
                h.reasons.map(describeHold).join("; "),
              ]),
            }),
          ],
  };
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
      ...(data.totals.holds > 0
        ? [
            {
              type: "notice" as const,
              tone: "warning" as const,
              text: t("report.inspection.holds_found", { count: data.totals.holds }),
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
  sections.push(holdsSection(data));
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
      ...(g.source === null
        ? []
        : [
            {
              type: "paragraph" as const,
              text: t(
                g.source === "recorded"
                  ? "report.inspection.findings_recorded"
                  : "report.inspection.findings_declared_now",
              ),
            },
          ]),
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
              { label: t("report.inspection.col.in_scope_rows"), align: "right" },
              { label: t("report.inspection.col.consent_rate"), align: "right" },
            ],
            rows: data.consent.map((c) => [
              c.purpose,
              c.releases,
              c.people,
              c.last_as_of,
              c.last_count,
              c.rate === null ? null : c.rows_in_scope,
              c.rate === null ? null : `${(c.rate * 100).toFixed(1)}%`,
            ]),
          }),
      ...(data.consent.some((c) => c.rate !== null)
        ? [{ type: "paragraph" as const, text: t("report.inspection.consent_rate_note") }]
        : []),
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
