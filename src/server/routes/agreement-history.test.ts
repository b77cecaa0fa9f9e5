import { describe, expect, it } from "vitest";
import { termsDiff, type VersionSummary, versionsOf, volumeActuals } from "./agreement-history.js";

const v1: VersionSummary = {
  version: 1,
  digest: "a".repeat(64),
  releases: 3,
  first: { seq: 0, released_at: "2026-06-01T02:00:00.000Z" },
  last: { seq: 2, released_at: "2026-06-03T02:00:00.000Z" },
  terms: {
    recipient: { id: "mailer", name: "Mailer Co.", country: "KR" },
    legal_basis: "entrustment",
    purposes: ["newsletter", "support"],
    fields: [
      { name: "member_id", transform: "token" },
      { name: "email", transform: "keep" },
      { name: "birth_date", transform: "generalise" },
    ],
  },
};

const v2: VersionSummary = {
  ...v1,
  version: 2,
  digest: "b".repeat(64),
  terms: {
    recipient: { id: "mailer", name: "Mailer Co.", country: "SG" },
    legal_basis: "consent",
    purposes: ["newsletter", "marketing"],
    fields: [
      { name: "member_id", transform: "pseudonym" },
      { name: "email", transform: "keep" },
      { name: "points", transform: "keep" },
    ],
  },
};

describe("termsDiff", () => {
  it("names every change from one version's terms to another's", () => {
    expect(termsDiff(v1, v2)).toEqual({
      from: { version: 1, digest: v1.digest },
      to: { version: 2, digest: v2.digest },
      fields_added: [{ name: "points", transform: "keep" }],
      fields_removed: [{ name: "birth_date", transform: "generalise" }],
      transforms_changed: [{ field: "member_id", from: "token", to: "pseudonym" }],
      purposes_added: ["marketing"],
      purposes_removed: ["support"],
      legal_basis: { from: "entrustment", to: "consent" },
      recipient: { from: v1.terms.recipient, to: v2.terms.recipient },
    });
  });

  it("is the mirror image the other way round, and empty for a version against itself", () => {
    const back = termsDiff(v2, v1);
    expect(back.fields_added).toEqual([{ name: "birth_date", transform: "generalise" }]);
    expect(back.transforms_changed).toEqual([{ field: "member_id", from: "pseudonym", to: "token" }]);
    expect(back.purposes_removed).toEqual(["marketing"]);
    const same = termsDiff(v1, v1);
    expect([
      same.fields_added,
      same.fields_removed,
      same.transforms_changed,
      same.purposes_added,
      same.purposes_removed,
    ]).toEqual([[], [], [], [], []]);
    expect(same.legal_basis).toBeNull();
    expect(same.recipient).toBeNull();
  });
});

describe("versionsOf", () => {
  it("dates each version by its first and last release", () => {
    const [only] = versionsOf({
      versions: [{ version: 1, digest: v1.digest, releases: 2, first_seq: 4, last_seq: 9, terms: v1.terms }],
      volume: {
        releases: 2,
        people: 3,
        records: 3,
        largest: null,
        last: null,
        holds: [],
        history: [
          { seq: 4, released_at: "2026-06-01T02:00:00.000Z", people: 1, records: 1 },
          { seq: 9, released_at: "2026-06-02T02:00:00.000Z", people: 2, records: 2 },
        ],
      },
    });
    expect(only?.first).toEqual({ seq: 4, released_at: "2026-06-01T02:00:00.000Z" });
    expect(only?.last).toEqual({ seq: 9, released_at: "2026-06-02T02:00:00.000Z" });
  });
});

describe("volumeActuals", () => {
  const history = [
    { seq: 0, released_at: "2026-06-01T02:00:00.000Z", people: 100 },
    { seq: 1, released_at: "2026-06-02T02:00:00.000Z", people: 110 },
    { seq: 2, released_at: "2026-06-02T09:00:00.000Z", people: 550 },
    { seq: 5, released_at: "2026-06-03T02:00:00.000Z", people: 500 },
  ];

  it("measures the largest, the latest, the growth and the busiest day against the limits", () => {
    const a = volumeActuals(history, { max_subjects: 520, max_growth: 0.2, max_releases_per_day: 1 });
    expect(a.largest).toEqual({
      seq: 2,
      released_at: history[2]?.released_at,
      value: 550,
      limit: 520,
      within: false,
    });
    expect(a.latest).toMatchObject({ seq: 5, value: 500, within: true });
    expect(a.growth).toMatchObject({
      seq: 2,
      people: 550,
      previous: 110,
      value: 4,
      limit: 0.2,
      within: false,
    });
    expect(a.busiest_day).toEqual({ day: "2026-06-02", value: 2, limit: 1, within: false });
  });

  it("leaves `within` open without a limit, and everything null without a release", () => {
    const a = volumeActuals(history, { max_subjects: null, max_growth: null, max_releases_per_day: null });
    expect(a.largest?.within).toBeNull();
    expect(a.growth?.within).toBeNull();
    expect(volumeActuals([], { max_subjects: 1, max_growth: 1, max_releases_per_day: 1 })).toEqual({
      largest: null,
      latest: null,
      growth: null,
      busiest_day: null,
    });
  });
});
