import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ReleasedTerms, termsChange } from "./terms.js";

const terms = fc.record({
  recipient: fc.record({
    id: fc.constantFrom("r1", "r2"),
    name: fc.constantFrom("Acme", "Bright"),
    country: fc.constantFrom("KR", "SG"),
  }),
  legal_basis: fc.constantFrom("consent", "contract"),
  purposes: fc.uniqueArray(fc.constantFrom("a", "b", "c")),
  fields: fc.uniqueArray(
    fc.record({ name: fc.constantFrom("x", "y", "z", "w"), transform: fc.constantFrom("keep", "pseudonym") }),
    { selector: (f) => f.name },
  ),
}) satisfies fc.Arbitrary<ReleasedTerms>;

describe("termsChange", () => {
  it("finds nothing between equal terms", () => {
    fc.assert(
      fc.property(terms, (t) => {
        expect(termsChange(t, structuredClone(t))).toEqual({
          fields_added: [],
          fields_removed: [],
          transforms_changed: [],
          purposes_added: [],
          purposes_removed: [],
          legal_basis: null,
          recipient: null,
        });
      }),
    );
  });

  it("rebuilds the later field set from the earlier one and the change", () => {
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        const c = termsChange(a, b);
        const removed = new Set(c.fields_removed.map((f) => f.name));
        const changed = new Map(c.transforms_changed.map((t) => [t.field, t.to]));
        const rebuilt = new Map<string, string>(
          a.fields
            .filter((f) => !removed.has(f.name))
            .map((f) => [f.name, changed.get(f.name) ?? f.transform]),
        );
        for (const f of c.fields_added) rebuilt.set(f.name, f.transform);
        expect(rebuilt).toEqual(new Map(b.fields.map((f) => [f.name, f.transform])));
        const purposes = new Set([...a.purposes, ...c.purposes_added]);
        for (const p of c.purposes_removed) purposes.delete(p);
        expect(purposes).toEqual(new Set(b.purposes));
        expect(c.recipient === null).toBe(JSON.stringify(a.recipient) === JSON.stringify(b.recipient));
      }),
    );
  });
});
