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
