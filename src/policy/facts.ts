// facts rules ask of the workspace: what a released field is, where data goes, which laws apply.
import type { FieldRole } from "../model/dataset.js";
import { own } from "../model/names.js";
import type { Recipient } from "../model/recipient.js";
import type { Agreement, CheckedPhase, Declared, Workspace } from "../model/workspace.js";
import { type Category, categoryOf } from "../taxonomy/index.js";

/** EU and EEA member states: a transfer among them is not a GDPR Chapter V transfer. */
export const EEA = new Set(
  "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split(" "),
);

/** Countries with a European Commission adequacy decision (GDPR Art. 45) as of 2025. */
export const EU_ADEQUATE = new Set("AD AR CA FO GG IL IM JP JE NZ KR CH GB UY US".split(" "));

export interface ReleasedField {
  name: string;
  role: FieldRole;
  categories: Category[];
  release: Agreement["fields"][string];
}

/** The role a field plays: declared, or the strongest one its categories imply. */
export function roleOf(declared: FieldRole | undefined, categories: readonly Category[]): FieldRole {
  if (declared) return declared;
  if (categories.some((c) => c.identifying === "direct")) return "direct_identifier";
  if (categories.some((c) => c.identifying === "quasi")) return "quasi_identifier";
  if (categories.some((c) => c.sensitive)) return "sensitive";
  return "other";
}

/** Every field an agreement releases, with its dataset declaration resolved. */
export function releasedFields(ws: Workspace, agreement: Agreement): ReleasedField[] {
  const dataset = ws.datasets.get(agreement.dataset)?.value;
  return Object.entries(agreement.fields).map(([name, release]) => {
    const field = dataset ? own(dataset.fields, name) : undefined;
    const categories = (field?.categories ?? [])
      .map((k) => categoryOf(ws.taxonomy, k))
      .filter((c): c is Category => c !== undefined);
    return { name, release, categories, role: roleOf(field?.role, categories) };
  });
}

export function recipientOf(ws: Workspace, agreement: Agreement): Declared<Recipient> | undefined {
  return ws.recipients.get(agreement.recipient);
}

/** The country the data goes to: the declared destination, else the recipient's country. */
export function destinationOf(ws: Workspace, agreement: Agreement): string | undefined {
  return agreement.destination?.country ?? recipientOf(ws, agreement)?.value.country;
}

export function appliesKR(ws: Workspace): boolean {
  return ws.config.value.controller.jurisdictions.includes("KR");
}

export function appliesEU(ws: Workspace): boolean {
  return ws.config.value.controller.jurisdictions.includes("EU");
}

/** The Credit Information Act applies when the controller says so and the feed carries credit data. */
export function appliesCIA(ws: Workspace, fields: readonly ReleasedField[]): boolean {
  return (
    ws.config.value.controller.credit_information_provider &&
    fields.some((f) => f.categories.some((c) => c.credit))
  );
}

/** Agreements in a stable order. */
export function agreementsOf(ws: Workspace): Declared<Agreement>[] {
  return [...ws.agreements.values()].sort((a, b) => a.value.id.localeCompare(b.value.id));
}

/** True when the recipient receives data for its own ends. */
export function receivesForItself(recipient: Recipient | undefined): boolean {
  return recipient?.role === "third_party" || recipient?.role === "joint_controller";
}

/** The scope phase in force on a day (YYYY-MM-DD): the first whose dates cover it, as the gateway picks it. */
export function phaseInForce(phases: readonly CheckedPhase[], day: string): CheckedPhase | undefined {
  return phases.find(
    (p) => (p.from === undefined || p.from <= day) && (p.until === undefined || day < p.until),
  );
}

/** The agreement's purposes that no contract with the subject needs: those serving the recipient or not the subject. */
export function purposesBeyondSubjectContract(ws: Workspace, agreement: Agreement): string[] {
  return agreement.purposes.filter((id) => {
    const benefits = ws.purposes.get(id)?.value.benefits ?? [];
    return benefits.includes("recipient") || !benefits.includes("subject");
  });
}
