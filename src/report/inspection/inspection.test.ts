// the inspection report's figures from bodies built here: holds kept apart from releases and filtered alike, the
// consent rate from recorded row counts, and the findings in force as the releases recorded them.
import { describe, expect, it } from "vitest";
import { withLanguage } from "../../i18n/index.js";
import type { HoldBody, ReleaseBody, RowCounts } from "../../ledger/entry.js";
import { inspectionData, inspectionDocument } from "./inspection.js";

const HEX = "a".repeat(64);
const dictionary = { size: 0, head: HEX };
const agreement = (version: number) => ({
  id: "nsf-credit-feed",
  version,
  digest: String(version).repeat(64),
});
const recipient = { id: "orbit", name: "Orbit Payments Pte. Ltd.", country: "SG" };

function release(seq: number, day: string, people: number, extra: Partial<ReleaseBody> = {}): ReleaseBody {
  return {
    format: "jikimi-ledger-entry/2",
    kind: "release",
    seq,
    released_at: `${day}T02:00:00.000Z`,
    recorded_at: `${day}T02:00:05.000Z`,
    agreement: agreement(1),
    recipient,
    legal_basis: "consent",
    purposes: ["fraud-model"],
    fields: [{ name: "customer_id", transform: "pseudonym", categories: [] }],
    records: people,
    files: [],
    operator: "ops",
    channel: "gateway",
    categories: [],
    subjects: { count: people, digest: HEX, key_id: "k" },
    dictionary,
    consent: { purpose: "nsf", as_of: `${day}T02:00:00.000Z`, events: 1, head: HEX, count: 100, digest: HEX },
    ...extra,
  };
}

function hold(seq: number, day: string, people: number, country = "SG"): HoldBody {
  return {
    format: "jikimi-ledger-entry/2",
    kind: "hold",
    seq,
    released_at: `${day}T02:00:00.000Z`,
    recorded_at: `${day}T02:00:05.000Z`,
    agreement: agreement(1),
    recipient: { ...recipient, country },
    legal_basis: "consent",
    purposes: ["fraud-model"],
    holds: [{ code: "max_growth", measured: 4, limit: 0.5, subjects: people, previous: people / 5 }],
    subjects: people,
    operator: "ops",
    channel: "gateway",
    dictionary,
  };
}

const rows = (released: number, noConsent: number): RowCounts => ({
  read: released + noConsent + 10,
  bad: 0,
  out_of_scope: 10,
  no_consent: noConsent,
  released,
});

const verification = {
  origin: "o",
  size: 5,
  root: HEX,
  signed_by: ["log"],
  cosigned_by: [],
  ok: true,
  pruned: 0,
};

function data(filter = {}) {
  return inspectionData({
    releases: [
      release(0, "2026-11-01", 100, { rows: rows(100, 25) }),
      release(1, "2026-11-02", 120, { rows: rows(120, 30), findings: [] }),
      release(3, "2026-11-04", 110, {
        agreement: agreement(2),
        findings: [{ code: "linkable-join-key", severity: "warning", articles: ["PIPA-28-2"] }],
      }),
    ],
    holds: [hold(2, "2026-11-03", 600), hold(4, "2026-11-05", 700, "US")],
    verification,
    agreements: new Map(),
    backdateDays: 7,
    filter,
    generatedAt: "2026-11-06T00:00:00.000Z",
  });
}

describe("inspection data", () => {
  it("keeps the held releases apart, filtered like releases, and counts them", () => {
    const all = data();
    expect(all.releases.map((r) => r.seq)).toEqual([0, 1, 3]);
    expect(all.holds.map((h) => [h.seq, h.people, h.reasons[0]?.code])).toEqual([
      [2, 600, "max_growth"],
      [4, 700, "max_growth"],
    ]);
    expect(all.totals).toMatchObject({ releases: 3, people: 330, holds: 2 });
    expect(data({ country: "SG" }).holds.map((h) => h.seq)).toEqual([2]);
    expect(data({ to: "2026-11-02" }).holds).toEqual([]);
  });

  it("gives the consent rate over the releases that recorded their rows", () => {
    const [c] = data().consent;
    // 220 released of 275 in scope; the release without rows adds people, not rows
    expect(c).toMatchObject({ releases: 3, people: 330, rows_in_scope: 275, rows_consenting: 220 });
    expect(c?.rate).toBeCloseTo(220 / 275, 12);
  });

  it("takes each version's findings from its releases' signed bodies", () => {
    const f = data().findings;
    expect(f.map((g) => [g.version, g.source, g.findings?.map((x) => x.code)])).toEqual([
      [1, "recorded", []],
      [2, "recorded", ["linkable-join-key"]],
    ]);
    expect(f[1]?.findings?.[0]?.articles).toEqual(["PIPA-28-2"]);
  });

  it("words the holds and charts them beside the releases, in Korean", () => {
    const doc = withLanguage("ko", () => inspectionDocument(data(), "ko"));
    const section = doc.sections.find((s) => s.id === "holds");
    const table = section?.blocks.find((b) => b.type === "table");
    if (table?.type !== "table") throw new Error("no holds table");
    expect(table.table.rows.map((r) => r[4])).toEqual([600, 700]);
    expect(String(table.table.rows[0]?.[5])).toMatch(/120명.*400%|400%.*120명|600/);
    const chart = doc.sections.flatMap((s) => s.blocks).find((b) => b.type === "chart");
    if (chart?.type !== "chart") throw new Error("no chart");
    expect(chart.chart.categories).toEqual([
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
    ]);
    expect(chart.chart.series.map((s) => s.values)).toEqual([
      [100, 120, 0, 110, 0],
      [0, 0, 600, 0, 700],
    ]);
  });
});
