// a consent event (one grant or withdrawal of one subject for one purpose), its zod schema, and the
// validation that turns raw rows into events or into problems naming the row and field, never the value.
import { z } from "zod";
import { t } from "../i18n/index.js";
import type { ConsentProblem, ProblemCode, ProblemList } from "./problems.js";
import { parseInstant } from "./time.js";

export const CONSENT_ACTIONS = ["grant", "withdraw"] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export const CONSENT_FIELDS = ["subject", "purpose", "action", "at", "source", "evidence"] as const;
export type ConsentField = (typeof CONSENT_FIELDS)[number];
export const REQUIRED_FIELDS: readonly ConsentField[] = ["subject", "purpose", "action", "at", "source"];

/** Consent purpose ids follow agreement ids: lowercase letters, digits, '-' and '_'. */
export const PURPOSE_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** Events may be dated at most this far past `now` (clock skew between systems). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * One grant or withdrawal as callers give it; `subject` is the subject key (hashed, never stored).
 * @example { subject: "HB0000000001", purpose: "nsf-provision", action: "grant", at: "2024-03-01T09:30:00+09:00", source: "app-signup-v3" }
 */
export interface ConsentEvent {
  subject: string;
  purpose: string;
  action: ConsentAction;
  /** ISO 8601 with a timezone; stored in UTC to the millisecond */
  at: string;
  /** the system that collected it, e.g. "app-signup-v3" */
  source: string;
  /** a reference to where the proof is kept */
  evidence?: string | undefined;
}

/** A validated event: the time in ms since 1970 UTC. */
export interface ParsedEvent {
  subject: string;
  purpose: string;
  granted: boolean;
  at: number;
  source: string;
  evidence: string | undefined;
}

// the schema's check and the conversion after it parse the same text: remember the last one
let lastText = "";
let lastInstant: number | undefined;
function instant(text: string): number | undefined {
  if (text !== lastText) {
    lastText = text;
    lastInstant = parseInstant(text);
  }
  return lastInstant;
}

const CONTROL = /\p{Cc}/u;
const noEdgeSpaceOrControl = (s: string): boolean => s.trim() === s && !CONTROL.test(s);

const EventSchema = z.strictObject({
  subject: z.string().min(1).max(256).refine(noEdgeSpaceOrControl),
  purpose: z.string().min(1).max(64).regex(PURPOSE_PATTERN),
  action: z.enum(CONSENT_ACTIONS),
  at: z
    .string()
    .min(1)
    .max(64)
    .refine((s) => instant(s) !== undefined),
  source: z.string().min(1).max(200).refine(noEdgeSpaceOrControl),
  evidence: z
    .string()
    .max(1000)
    .refine((s) => !CONTROL.test(s))
    .nullish(),
});

const FIELD_SET: ReadonlySet<string> = new Set(CONSENT_FIELDS);

/** A string of `min..max` UTF-16 units, as zod's min() and max() count. */
const sized = (v: unknown, min: number, max: number): v is string =>
  typeof v === "string" && v.length >= min && v.length <= max;

/**
 * Whether `input` passes every check of EventSchema, checked here without zod; false when it might not (then zod
 * decides, and names the problems). zod walks its checks per field and builds an issue list for every row, which
 * cost half of a large import's read (docs/benchmarks.md, "Consent registry"); a property test holds this to
 * accepting only what EventSchema accepts.
 */
function validWithoutZod(input: object): input is ConsentEvent {
  const proto: unknown = Object.getPrototypeOf(input);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in input) if (!FIELD_SET.has(key)) return false;
  if (Object.getOwnPropertySymbols(input).length > 0) return false;
  const { subject, purpose, action, at, source, evidence } = input as Record<string, unknown>;
  return (
    sized(subject, 1, 256) &&
    noEdgeSpaceOrControl(subject) &&
    sized(purpose, 1, 64) &&
    PURPOSE_PATTERN.test(purpose) &&
    (action === "grant" || action === "withdraw") &&
    sized(at, 1, 64) &&
    instant(at) !== undefined &&
    sized(source, 1, 200) &&
    noEdgeSpaceOrControl(source) &&
    (evidence === undefined || evidence === null || (sized(evidence, 0, 1000) && !CONTROL.test(evidence)))
  );
}

/** For tests: the fast check's verdict and zod's, on the same input. */
export const eventChecksForTest = {
  withoutZod: (input: object): ConsentEvent | undefined => {
    if (!validWithoutZod(input)) return undefined;
    const { subject, purpose, action, at, source, evidence } = input;
    return { subject, purpose, action, at, source, ...(evidence == null ? {} : { evidence }) };
  },
  zod: (input: unknown): ConsentEvent | undefined => {
    const r = EventSchema.safeParse(input);
    if (!r.success) return undefined;
    const { evidence, ...rest } = r.data;
    return { ...rest, ...(evidence == null ? {} : { evidence }) };
  },
};

/** The problem codes a single field can have. */
export type FieldProblemCode = Extract<
  ProblemCode,
  "missing" | "empty" | "wrong_type" | "too_long" | "bad_format" | "bad_value" | "in_future"
>;

/** Where a problem is: a CSV row, a JSONL line or an event given to the API. */
export type RowLabel = "row" | "line" | "event";

/**
 * "row 3", "line 3" or "event 3", in the language in force.
 * @example place("row", 3) // "row 3"; in Korean "3행"
 */
export function place(label: RowLabel, row: number): string {
  return t(`consent.place.${label}`, { row });
}

/**
 * One field's problem without its place, in the language in force: what is wrong and the fix.
 * @example fieldProblemText("action", "action", "bad_value") // 'action is not an allowed value: use "grant" or "withdraw"'
 */
export function fieldProblemText(name: string, field: ConsentField, code: FieldProblemCode): string {
  const problem = t(`consent.problem.${code}`, { field: name });
  const fix = t(code === "in_future" ? "consent.fix.in_future" : `consent.fix.${field}`);
  return `${problem}: ${fix}`;
}

const FIELD_CODES: readonly string[] = [
  "missing",
  "empty",
  "wrong_type",
  "too_long",
  "bad_format",
  "bad_value",
  "in_future",
] satisfies FieldProblemCode[];

/**
 * A problem of one event field told with the name the caller gave the field (a CLI flag, an API body key), in the
 * language in force; a problem of no single field keeps its own message.
 * @example problemNamed(p, { ...names, purpose: "--purpose" }) // "--purpose is not ...: ..."
 */
export function problemNamed(p: ConsentProblem, names: Readonly<Record<ConsentField, string>>): string {
  const field = CONSENT_FIELDS.find((f) => f === p.field);
  if (field === undefined || !FIELD_CODES.includes(p.code)) return p.message;
  return fieldProblemText(names[field], field, p.code as FieldProblemCode);
}

/**
 * A problem with a message that names the row and field and says how to fix it, never the value.
 * @example fieldProblem("row", 3, "action", "bad_value").message // 'row 3: action is not an allowed value: use "grant" or "withdraw"'
 */
export function fieldProblem(
  label: RowLabel,
  row: number,
  field: ConsentField,
  code: FieldProblemCode,
): ConsentProblem {
  return { row, field, code, message: `${place(label, row)}: ${fieldProblemText(field, field, code)}` };
}

function codeOf(issueCode: string, present: boolean): FieldProblemCode {
  if (!present) return "missing";
  switch (issueCode) {
    case "invalid_type":
      return "wrong_type";
    case "too_small":
      return "empty";
    case "too_big":
      return "too_long";
    case "invalid_value":
      return "bad_value";
    default:
      return "bad_format";
  }
}

const isField = (key: unknown): key is ConsentField =>
  typeof key === "string" && (CONSENT_FIELDS as readonly string[]).includes(key);

/**
 * Validates one raw event; returns it parsed, or adds its problems to `problems` and returns undefined.
 * `label` names rows in messages ("row" for CSV, "line" for JSONL, "event" for the API).
 * @example validateEvent({ subject: "HB1", purpose: "p", action: "grant", at: "2024-01-01T00:00:00Z", source: "s" }, 1, "row", Date.now(), list)
 */
export function validateEvent(
  input: unknown,
  row: number,
  label: RowLabel,
  nowMs: number,
  problems: ProblemList,
): ParsedEvent | undefined {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    problems.add({
      row,
      field: "*",
      code: "not_an_object",
      message: t("consent.problem.not_an_object_at", { place: place(label, row) }),
    });
    return undefined;
  }
  const result = validWithoutZod(input)
    ? { success: true as const, data: input }
    : EventSchema.safeParse(input);
  if (!result.success) {
    const seen = new Set<string>();
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        // the names are not shown: in a file without a header they could be data
        problems.add({
          row,
          field: "*",
          code: "unexpected_field",
          message: t("consent.problem.other_fields", {
            place: place(label, row),
            count: issue.keys.length,
            fields: CONSENT_FIELDS.join(", "),
          }),
        });
        continue;
      }
      const field = issue.path[0];
      if (!isField(field) || seen.has(field)) continue;
      seen.add(field);
      const present = (input as Record<string, unknown>)[field] !== undefined;
      problems.add(fieldProblem(label, row, field, codeOf(issue.code, present)));
    }
    return undefined;
  }
  const e = result.data;
  const at = instant(e.at) ?? Number.NaN;
  if (at > nowMs + FUTURE_TOLERANCE_MS) {
    problems.add(fieldProblem(label, row, "at", "in_future"));
    return undefined;
  }
  return {
    subject: e.subject,
    purpose: e.purpose,
    granted: e.action === "grant",
    at,
    source: e.source,
    evidence: e.evidence === null || e.evidence === undefined || e.evidence === "" ? undefined : e.evidence,
  };
}
