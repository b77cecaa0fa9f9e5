// the terms a release body carries (to whom, on which basis, why, which fields under which transform) and what
// changed between two versions' terms: the DPIA's "changes" section and the dashboard's version diff both read it.

/** The terms a release body carries. */
export interface ReleasedTerms {
  recipient: { id: string; name: string; country: string };
  legal_basis: string;
  purposes: string[];
  fields: { name: string; transform: string }[];
}

/** What changed from one version's terms to another's; null where that part did not change. */
export interface TermsChange {
  fields_added: { name: string; transform: string }[];
  fields_removed: { name: string; transform: string }[];
  transforms_changed: { field: string; from: string; to: string }[];
  purposes_added: string[];
  purposes_removed: string[];
  legal_basis: { from: string; to: string } | null;
  /** the recipient changed its id, name or country */
  recipient: { from: ReleasedTerms["recipient"]; to: ReleasedTerms["recipient"] } | null;
}

const sameRecipient = (a: ReleasedTerms["recipient"], b: ReleasedTerms["recipient"]) =>
  a.id === b.id && a.name === b.name && a.country === b.country;

/**
 * What changed from `a` to `b`: fields added or removed (with their transform), transforms changed, purposes added
 * or removed, the legal basis and the recipient.
 * @example termsChange(v1.terms, v2.terms).fields_added // [{ name: "email", transform: "pseudonym" }]
 */
export function termsChange(a: ReleasedTerms, b: ReleasedTerms): TermsChange {
  const before = new Map(a.fields.map((f) => [f.name, f.transform]));
  const after = new Map(b.fields.map((f) => [f.name, f.transform]));
  return {
    fields_added: b.fields.filter((f) => !before.has(f.name)),
    fields_removed: a.fields.filter((f) => !after.has(f.name)),
    transforms_changed: b.fields
      .filter((f) => before.has(f.name) && before.get(f.name) !== f.transform)
      .map((f) => ({ field: f.name, from: before.get(f.name) as string, to: f.transform })),
    purposes_added: b.purposes.filter((p) => !a.purposes.includes(p)),
    purposes_removed: a.purposes.filter((p) => !b.purposes.includes(p)),
    legal_basis: a.legal_basis === b.legal_basis ? null : { from: a.legal_basis, to: b.legal_basis },
    recipient: sameRecipient(a.recipient, b.recipient) ? null : { from: a.recipient, to: b.recipient },
  };
}
