import { afterEach, describe, expect, it } from "vitest";
import { customers, range, release, type TestLedger, testLedger } from "../../test/support/ledger.js";
import { retentionOf } from "./retention.js";
import { verifyLedger } from "./verify.js";

let t: TestLedger;
afterEach(async () => t?.cleanup());

const NOW = new Date("2026-11-24T00:00:00Z");
const at = (day: string) => new Date(`${day}T03:00:00Z`);

async function years(): Promise<TestLedger> {
  t = testLedger();
  // releases recorded on their day in 2018..2025, alternating a whole feed and a changing one
  for (let y = 2018; y <= 2025; y++) {
    await t.ledger.append(release("whole", `${y}-06-01`), customers(range(0, 40)), at(`${y}-06-01`));
    await t.ledger.append(
      release("scoped", `${y}-06-01`),
      customers(range(y - 2018, y - 2008)),
      at(`${y}-06-01`),
    );
  }
  return t;
}

const historyOf = async (subject: number) =>
  (await t.reopen().subjectHistory(customers([subject])[0] ?? "")).map((r) => r.seq);

describe("retention", () => {
  it("prunes twice: the second prune replaces each chain's base, and the log still verifies", async () => {
    await years();
    await t.ledger.prune("2020-01-01T00:00:00Z", retentionOf("3y"), NOW, "dpo");
    expect((await verifyLedger(t.state.ledger, t.trusted)).problems).toEqual([]);
    const second = await t.reopen().prune("2022-01-01T00:00:00Z", retentionOf("3y"), NOW, "dpo");
    expect(second.pruned).toBe(4);
    expect((await verifyLedger(t.state.ledger, t.trusted)).problems).toEqual([]);
    // one base per chain: the sets of entries pruned by the first prune are gone
    const kept = t.db.prepare("SELECT seq FROM ledger_subject_sets ORDER BY seq").pluck().all();
    expect(kept[0]).toBeGreaterThanOrEqual(6);
    expect((await historyOf(12)).every((seq) => seq >= 8)).toBe(true);
  });

  it("refuses to prune entries younger than 3 years, whatever the policy", async () => {
    await years();
    await expect(t.ledger.prune("2025-01-01T00:00:00Z", retentionOf("1y"), NOW, "dpo")).rejects.toThrow(
      /3 years/,
    );
    await expect(t.ledger.prune("2022-01-01T00:00:00Z", retentionOf("5y"), NOW, "dpo")).rejects.toThrow(
      /still under the 5y retention/,
    );
    expect(() => retentionOf("forever")).toThrow(/not a duration/);
    expect(
      t.db.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE pruned_at IS NOT NULL").get(),
    ).toEqual({ n: 0 });
  });

  it("prunes old entries by a signed event; the log still verifies, history skips them, appends go on", async () => {
    await years();
    const cp = await t.ledger.checkpoint();
    const before = await historyOf(5);
    const r = await t.ledger.prune("2021-01-01T00:00:00Z", retentionOf("5y"), NOW, "dpo");
    expect(r).toEqual({ pruned: 6, seq: 16 });
    expect(await verifyLedger(t.state.ledger, t.trusted, { against: cp })).toMatchObject({
      ok: true,
      size: 17,
    });
    const event = (await t.ledger.entry(16))?.body;
    expect(event).toMatchObject({
      kind: "prune",
      pruned: [[0, 5]],
      retention: { rule: "5y", days: 5 * 365 },
    });
    expect(await t.ledger.entry(2)).toMatchObject({ seq: 2, kind: "release", prunedAt: expect.any(String) });
    expect((await t.ledger.entry(2))?.body).toBeUndefined();
    const after = await historyOf(5);
    expect(after).toEqual(before.filter((s) => s >= 6));
    await t.reopen().append(release("scoped", "2026-06-01"), customers(range(8, 18)), NOW);
    expect((await verifyLedger(t.state.ledger, t.trusted, { against: cp })).ok).toBe(true);
    expect(await historyOf(17)).toContain(17);
    // log, show and the guards read past pruned entries
    expect(await t.ledger.entries({ limit: 100 })).toHaveLength(18);
    expect((await t.ledger.releases({ agreement: "whole" })).every((e) => e.kind === "release")).toBe(true);
  });

  it("an empty body that no prune event lists fails verify and names the entry", async () => {
    await years();
    t.db.prepare("UPDATE ledger_entries SET body = '', pruned_at = ? WHERE seq = 3").run(NOW.toISOString());
    const report = await verifyLedger(t.state.ledger, t.trusted);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: "pruned_unlisted", seq: 3 });
  });

  it("a back-dated release recorded today is pruned by when it was recorded, and every history keeps it", async () => {
    await years();
    // recorded in 2026 with an override, but released_at back in 2018: prune counts from recorded_at
    await t.ledger.append(
      release("scoped", "2018-07-01", { override: "late paper record of a 2018 transfer" }),
      customers(range(0, 12)),
      new Date("2026-01-10T00:00:00Z"),
    );
    const before = await historyOf(5);
    expect(before).toContain(16);
    await t.ledger.prune("2021-01-01T00:00:00Z", retentionOf("3y"), NOW, "dpo");
    const after = await historyOf(5);
    // the 2018 releases recorded in 2018 are gone; the late record and the releases after 2021 stay
    expect(after).toEqual(before.filter((s) => s >= 6));
    expect(after).toContain(16);
    expect((await verifyLedger(t.state.ledger, t.trusted)).problems).toEqual([]);
  });
});
