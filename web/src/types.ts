// what the dashboard reads of the API's answers: the fields of the inspection report's data (GET
// /v1/reports/inspection?format=json, computed on the server from bodies proven against the signed checkpoint), and of
// the last check. test/web-types.test.ts holds them to the server's own types.

export type AnomalyCode = "growth" | "override" | "back_dated" | "before_previous" | "outside_validity";

export interface WebRelease {
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
  override: string | null;
  consent: { purpose: string; as_of: string; count: number } | null;
  rows: { read: number; bad: number; out_of_scope: number; no_consent: number; released: number } | null;
  anomalies: AnomalyCode[];
}

export interface WebHold {
  seq: number;
  released_at: string;
  agreement: { id: string; version: number; digest: string };
  recipient: { id: string; name: string; country: string };
  people: number;
  /** the signed hold's reasons as data: a growth hold carries the people against the previous release's */
  reasons: { code: string; subjects?: number; previous?: number }[];
  detail: string;
}

export interface WebInspection {
  period: { first: string | null; last: string | null };
  verification: {
    origin: string;
    size: number;
    root: string;
    signed_by: string[];
    cosigned_by: string[];
    ok: boolean;
  };
  totals: {
    releases: number;
    people: number;
    records: number;
    recipients: number;
    countries: number;
    anomalies: number;
    holds: number;
  };
  by_recipient: { recipient: string; name: string; country: string; releases: number; people: number }[];
  releases: WebRelease[];
  holds: WebHold[];
  anomalies: { seq: number; code: AnomalyCode; agreement: string; released_at: string; detail: string }[];
}

/** GET /v1/reports/inspection?format=json&parts=summary: the figures without the lists (the overview's). */
export type WebInspectionSummary = Omit<WebInspection, "releases" | "anomalies">;

export interface WebWhoami {
  kind: "token" | "subject";
  role: "operator" | "dpo" | "regulator" | "controller" | "subject";
  id?: string;
  name?: string;
}

export interface WebCheck {
  at: string;
  summary: { errors: number; warnings: number; gaps: number; agreements: number };
  findings: { code?: unknown; severity?: unknown; title?: unknown; subject?: unknown }[];
}

// detokenize page (web/src/pages/Detokenize.tsx): POST /v1/detokenize's answer, the values in the tokens' order
export interface WebDetokenized {
  values: string[];
}

// agreements page (web/src/pages/Agreements.tsx): GET /v1/agreements (the declarations' list) and GET
// /v1/agreements/{id}/history (src/server/routes/agreements-web.ts; versions and volumes from proven release bodies)
export interface WebAgreementList {
  agreements: { id: string; version: number; title?: string; recipient: string }[];
}

export interface WebMeasured {
  value: number;
  limit: number | null;
  within: boolean | null;
}

export interface WebTerms {
  recipient: { id: string; name: string; country: string };
  legal_basis: string;
  purposes: string[];
  fields: { name: string; transform: string }[];
}

export interface WebAgreementHistory {
  agreement: string;
  today: string;
  verification: { ok: boolean; size: number; root: string; signed_by: string[]; cosigned_by: string[] };
  declaration: {
    version: number;
    digest: string;
    title: string | null;
    recipient: { id: string; name: string; country: string };
    legal_basis: string;
    purposes: string[];
    consent_purpose: string | null;
    cross_border: string | null;
    fields: { name: string; transform: string }[];
    valid: { from: string; until: string | null; in_force: boolean };
    released: boolean;
  } | null;
  findings: {
    checked_for: string;
    items: {
      code: string;
      severity: string;
      title: string;
      message: string;
      subject: { kind: string; id: string };
      articles: { id: string; citation: string; title: string }[];
    }[];
  } | null;
  versions: {
    version: number;
    digest: string;
    releases: number;
    first: { seq: number; released_at: string };
    last: { seq: number; released_at: string };
    terms: WebTerms;
  }[];
  diff: {
    from: { version: number; digest: string };
    to: { version: number; digest: string };
    fields_added: { name: string; transform: string }[];
    fields_removed: { name: string; transform: string }[];
    transforms_changed: { field: string; from: string; to: string }[];
    purposes_added: string[];
    purposes_removed: string[];
    legal_basis: { from: string; to: string } | null;
    recipient: { from: WebTerms["recipient"]; to: WebTerms["recipient"] } | null;
  } | null;
  volume: {
    limits: { max_subjects: number | null; max_growth: number | null; max_releases_per_day: number | null };
    releases: { seq: number; released_at: string; people: number; records: number }[];
    holds: { seq: number; released_at: string; people: number; reasons: string[] }[];
    actual: {
      largest: (WebMeasured & { seq: number; released_at: string }) | null;
      latest: (WebMeasured & { seq: number; released_at: string }) | null;
      growth: (WebMeasured & { seq: number; released_at: string; people: number; previous: number }) | null;
      busiest_day: (WebMeasured & { day: string }) | null;
    };
  };
}

// ledger page (web/src/pages/Ledger.tsx): GET /v1/ledger/checkpoint, GET /v1/ledger/monitor and the verify job's
// result (POST /v1/ledger/verify, then GET /v1/jobs/{id}); src/server/routes/ledger-web.test.ts holds them to the
// server's own types
export interface WebLedgerCheckpoint {
  origin: string;
  size: number;
  root: string;
  signed_by: { name: string; key_id: string }[];
  witnesses: { name: string; key_id: string; cosigned: boolean; time: string | null }[];
  quorum: number;
  met: boolean;
}

export interface WebLedgerProblem {
  kind: string;
  seq?: number | undefined;
  place?: string | undefined;
  message: string;
}

export interface WebLedgerMonitor {
  ok: boolean;
  origin: string;
  size: number;
  root: string;
  previous: { size: number; root: string } | null;
  events: { kind: string; message: string }[];
  problems: WebLedgerProblem[];
  witnesses: { cosigned: string[]; quorum: number; met: boolean } | null;
}

export interface WebLedgerVerify {
  ok: boolean;
  size: number;
  root: string;
  problems: WebLedgerProblem[];
  receipts?: { checked: number; unchecked: number } | undefined;
  seconds: number;
}

export interface WebJob<R> {
  id: string;
  state: "running" | "done" | "failed";
  result?: R;
  error?: { code: string; message: string; hint?: string };
}

// the consent page (GET /v1/consent/summary): counts per purpose over time, never a subject
export interface WebConsentBucket {
  start: string;
  end: string;
  in_force: number;
  granted: number;
  withdrawn: number;
  rate: number | null;
}

export interface WebConsentPurpose {
  purpose: string;
  population: { count: number; source: "release_rows" | "subject_dictionary"; seq: number | null };
  events: number;
  in_force: number;
  granted: number;
  withdrawn: number;
  rate: number | null;
  series: WebConsentBucket[];
  releases: {
    seq: number;
    released_at: string;
    as_of: string;
    count: number;
    chain_count: number;
    rows_read: number | null;
    rate: number | null;
  }[];
}

export interface WebConsentSummary {
  generated_at: string;
  unit: "day" | "week" | "month";
  from: string | null;
  to: string | null;
  chain: { events: number; head: string; verified: boolean; problems: number };
  ledger: { verified: boolean; size: number; signed_by: string[]; cosigned_by: string[] };
  purposes: WebConsentPurpose[];
  withdrawals: { start: string; count: number }[];
  recent_withdrawals: { day: string; purpose: string; count: number }[];
}
