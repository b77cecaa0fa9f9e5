import { afterEach, describe, expect, it } from "vitest";
import { customers, range, release, type TestLedger, testLedger } from "../../test/support/ledger.js";
import { pruneLedger } from "./retention.js";
import { verifyLedger } from "./verify.js";

let t: TestLedger;
afterEach(() => t?.cleanup());

const NOW = new Date("2026-11-24T00:00:00Z");

function years(): TestLedger {
  t = testLedger();
  // releases in 2018..2025, alternating a whole feed and a changing one
  for (let y = 2018; y <= 2025; y++) {
    t.ledger.append(release("whole", `${y}-06-01`), customers(range(0, 40)));
    t.ledger.append(release("scoped", `${y}-06-01`), customers(range(y - 2018, y - 2008)));
  }
  return t;
}

describe("retention", () => {
  it("refuses to prune entries younger than 3 years, whatever the policy", () => {
    years();
    expect(() => pruneLedger(t.store.db, "2025-01-01T00:00:00Z", "1y", NOW)).toThrow(/3 years/);
    expect(() => pruneLedger(t.store.db, "2022-01-01T00:00:00Z", "5y", NOW)).toThrow(
      /still under the 5y retention/,
    );
    expect(
      t.store.db.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE pruned_at IS NOT NULL").get(),
    ).toEqual({ n: 0 });
  });

  it("prunes old entries; the log still verifies, history skips them, appends go on", () => {
    years();
    const cp = t.ledger.checkpoint();
    const before = t.ledger.subjectHistory(customers([5])[0] ?? "").map((r) => r.seq);
    const r = pruneLedger(t.store.db, "2021-01-01T00:00:00Z", "5y", NOW);
    expect(r.pruned).toBe(6);
    expect(verifyLedger(t.store.db, t.trusted, cp)).toMatchObject({ ok: true, size: 16 });
    const after = t
      .reopen()
      .subjectHistory(customers([5])[0] ?? "")
      .map((r) => r.seq);
    expect(after).toEqual(before.filter((s) => s >= 6));
    t.reopen().append(release("scoped", "2026-06-01"), customers(range(8, 18)));
    expect(verifyLedger(t.store.db, t.trusted, cp).ok).toBe(true);
    const history = t
      .reopen()
      .subjectHistory(customers([17])[0] ?? "")
      .map((r) => r.seq);
    expect(history).toContain(16);
  });
});
