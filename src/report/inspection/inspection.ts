// the inspection report (Credit Information Act Art. 20(2), PIPA Art. 28-8, GDPR Art. 30 and 5(2)): every release in
// a period, with totals, anomalies, the check findings in force and how the figures were verified. It is computed
// only from release and hold bodies the caller proved against a signed checkpoint (Ledger.provenBodies) and from
// the workspace's current declarations; `data` is the exact, language-free answer, `document` the same in words.

import { t } from "../../i18n/index.js";
import type { FindingInForce, HoldBody, ReleaseBody, RowCounts } from "../../ledger/entry.js";
import { describeHold } from "../../ledger/holds.js";
import type { Finding } from "../../policy/finding.js";
import { RULES } from "../../policy/rules/index.js";

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
  /** every hold body under the checkpoint, in entry order */
  holds?: readonly HoldBody[];
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
  /** what the run read and where each row went (null in entries recorded from a manifest or before rows were) */
  rows: RowCounts | null;
  anomalies: AnomalyCode[];
}

/** A release a guard or gate held, as its signed hold entry records it. */
export interface InspectionHold {
  seq: number;
  released_at: string;
  recorded_at: string;
  agreement: { id: string; version: number; digest: string };
  recipient: { id: string; name: string; country: string };
  /** distinct people the release would have carried (0 when held before a row was read) */
  people: number;
  operator: string;
  reasons: HoldBody["holds"];
  /** the reasons in words, in the language the data was computed in */
  detail: string;
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
  totals: Totals & {
    recipients: number;
    countries: number;
    overrides: number;
    anomalies: number;
    holds: number;
  };
  by_recipient: (Totals & { recipient: string; name: string; country: string })[];
  by_country: (Totals & { country: string })[];
  by_month: (Totals & { month: string })[];
  releases: InspectionRelease[];
  holds: InspectionHold[];
  anomalies: { seq: number; code: AnomalyCode; agreement: string; released_at: string; detail: string }[];
  findings: {
    agreement: string;
    version: number;
    digest: string;
    releases: number;
    /** the declaration now in the workspace has this digest */
    declared_now: boolean;
    /**
     * where the findings come from: the signed bodies (each release records the findings in force when it was
     * made; the latest release of the version in the period), else the declaration now when it has this digest,
     * else none (an older version whose bodies predate recorded findings)
     */
    source: "recorded" | "declared_now" | null;
    findings: { code: string; severity: string; title: string; articles: string[] }[] | null;
  }[];
  consent: {
    purpose: string;
    releases: number;
    people: number;
    last_as_of: string;
    last_count: number;
    /** rows in scope and with a subject key, over the releases that recorded their rows */
    rows_in_scope: number;
    /** of those, rows whose subject had consented */
    rows_consenting: number;
    /** rows_consenting / rows_in_scope, null when no release recorded its rows */
    rate: number | null;
  }[];
}

const day = (iso: string) => iso.slice(0, 10);
function keep(r: Pick<ReleaseBody, "released_at" | "recipient" | "agreement">, f: InspectionFilter): boolean {
  const d = day(r.released_at);
  return (
    (f.from === undefined || d >= f.from) &&
    (f.to === undefined || d <= f.to) &&
    (f.recipient === undefined || r.recipient.id === f.recipient) &&
    (f.country === undefined || r.recipient.country === f.country) &&
    (f.agreement === undefined || r.agreement.id === f.agreement)
  );
}

/** Recorded findings with their rule's title in the language in force (a code no rule has any more: the code). */
function titled(found: readonly FindingInForce[]): InspectionData["findings"][number]["findings"] {
  return found.map((f) => ({
    code: f.code,
    severity: f.severity,
    title: RULES.find((r) => r.code === f.code)?.title ?? f.code,
    articles: f.articles,
  }));
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
      rows: r.rows ?? null,
      anomalies: (anomalies.get(r.seq) ?? []).map((a) => a.code),
    }));
  const holds: InspectionHold[] = (input.holds ?? [])
    .filter((h) => keep(h, input.filter))
    .map((h) => ({
      seq: h.seq,
      released_at: h.released_at,
      recorded_at: h.recorded_at,
      agreement: h.agreement,
      recipient: h.recipient,
      people: h.subjects,
      operator: h.operator,
      reasons: h.holds,
      detail: h.holds.map(describeHold).join("; "),
    }));
  const recordedFindings = new Map(input.releases.map((r) => [r.seq, r.findings]));
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
    const recorded = recordedFindings.get(r.seq);
    const seen = versions.get(key);
    if (seen) {
      seen.releases++;
      // the latest release of the version that recorded its findings says what was in force
      if (recorded !== undefined) Object.assign(seen, { source: "recorded", findings: titled(recorded) });
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
      ...(recorded !== undefined
        ? { source: "recorded" as const, findings: titled(recorded) }
        : now
          ? {
              source: "declared_now" as const,
              findings: declared.findings.map((f) => ({
                code: f.code,
                severity: f.severity,
                title: f.title,
                articles: f.articles.map((a) => a.id),
              })),
            }
          : { source: null, findings: null }),
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
      rows_in_scope: 0,
      rows_consenting: 0,
      rate: null,
    };
    c.releases++;
    c.people += r.people;
    if (r.rows !== null) {
      // rows past the scope with a subject key met the consent gate: they were released or held back by it
      c.rows_in_scope += r.rows.released + r.rows.no_consent;
      c.rows_consenting += r.rows.released;
      c.rate = c.rows_in_scope === 0 ? null : c.rows_consenting / c.rows_in_scope;
    }
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
      holds: holds.length,
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
    holds,
    anomalies: anomalyRows,
    findings: [...versions.values()],
    consent: [...consent.values()].sort((a, b) => (a.purpose < b.purpose ? -1 : 1)),
  };
}

export { inspectionDocument, verificationFacts, verificationNotice } from "./document.js";
