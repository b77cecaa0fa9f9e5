// a held release as a signed hold entry: on the tree and its signed heads like a release, left out of everything a
// release answers (guards, histories, sets), published in the tiles and checked there, and every stored column a
// body states checked by verify.
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test/support/cli.js";
import { customers, range, release, type TestLedger, testLedger } from "../../test/support/ledger.js";
import { JikimiError } from "../errors.js";
import type { Hold } from "./entry.js";
import { describeHold } from "./holds.js";
import { logNoteSigner, logVkey } from "./note/log-key.js";
import { folderStore, ledgerLogSource, verifyTiles, writeTiles } from "./tiles/index.js";
import { verifyLedger } from "./verify.js";

const ORIGIN = "ledger.test.example/holds";
let t: TestLedger | undefined;
const dirs: (() => void)[] = [];
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
  for (const c of dirs.splice(0)) c();
});

function held(day: string): Hold {
  const { released_at, agreement, recipient, legal_basis, purposes } = release("feed", day);
  return {
    released_at,
    agreement: { ...agreement, id: "feed" },
    recipient,
    legal_basis,
    purposes,
    holds: [{ code: "max_growth", measured: 4, limit: 0.5, subjects: 50, previous: 10 }],
    subjects: 50,
    rows: { read: 80, bad: 0, out_of_scope: 20, no_consent: 10, released: 50 },
    findings: [{ code: "missing-retention", severity: "warning", articles: ["PIPA-21"] }],
    operator: "batch@hanbitpay.example",
    channel: "gateway",
  };
}

async function withHold(): Promise<TestLedger> {
  t = testLedger();
  await t.ledger.append(release("feed", "2024-06-01"), customers(range(0, 10)));
  // held with a release time after the next release's: the time rules never take a hold for the previous release
  const hold = await t.ledger.recordHold(held("2024-06-05"), new Date("2024-06-05T02:00:05Z"));
  expect(hold.seq).toBe(1);
  await t.ledger.append(release("feed", "2024-06-03"), customers(range(0, 12)));
  return t;
}

describe("hold entries", () => {
  it("are signed entries that no release answer counts", async () => {
    const l = (await withHold()).ledger;
    expect(await l.size()).toBe(3);
    const entry = (await l.entry(1))?.body;
    expect(entry).toMatchObject({ kind: "hold", seq: 1, subjects: 50, holds: [{ code: "max_growth" }] });
    expect((await l.releases()).map((r) => r.seq)).toEqual([2, 0]);
    expect(await l.timeHolds("feed", "2024-06-04T00:00:00Z", new Date("2024-06-06T00:00:00Z"))).toEqual([]);
    expect((await l.subjectHistory(customers([11])[0] ?? "")).map((h) => h.seq)).toEqual([2]);
    const h = t as TestLedger;
    const report = await verifyLedger(h.state.ledger, h.trusted);
    expect(report.problems).toEqual([]);
    expect(describeHold(held("2024-06-02").holds[0] as Hold["holds"][number])).toMatch(/50.*400%.*10.*50%/);
  });

  it("refuses a hold without reasons or with a reason it cannot read, recording nothing", async () => {
    t = testLedger();
    const l = t.ledger;
    const bad = async (h: unknown) => {
      try {
        await l.recordHold(h as Hold, new Date());
      } catch (e) {
        return e as JikimiError;
      }
      throw new Error("recorded");
    };
    expect((await bad({ ...held("2024-06-02"), holds: [] })).code).toBe("bad_release");
    const unknown = await bad({ ...held("2024-06-02"), holds: [{ code: "vibes", measured: 1, limit: 0 }] });
    expect(unknown).toBeInstanceOf(JikimiError);
    expect(unknown.message).toMatch(/holds\.0/);
    expect(await l.size()).toBe(0);
  });

  it("are published in the tiles, which verify with the log's public key", async () => {
    const h = await withHold();
    const key = h.keyring.active("ledger-signing");
    const note = await h.ledger.checkpointNote(ORIGIN, logNoteSigner(key, ORIGIN));
    const { dir, cleanup } = tempDir("jikimi-holds-");
    dirs.push(cleanup);
    await h.state.ledger.read((tx) => writeTiles(folderStore(dir), ledgerLogSource(tx), note));
    const report = await verifyTiles(folderStore(dir), [logVkey(key.public ?? "", ORIGIN)]);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, size: 3 });
  });

  it("outlive a retention prune of the releases around them (they hold no personal data)", async () => {
    t = testLedger();
    const l = t.ledger;
    const at = (day: string) => new Date(`${day}T03:00:00Z`);
    await l.append(release("feed", "2020-01-01"), customers(range(0, 10)), at("2020-01-01"));
    await l.recordHold(held("2020-01-02"), at("2020-01-02"));
    await l.append(release("feed", "2020-01-03"), customers(range(0, 12)), at("2020-01-03"));
    await l.append(release("feed", "2024-01-01"), customers(range(0, 12)), at("2024-01-01"));
    const pruned = await l.prune("2021-01-01T00:00:00Z", { rule: "3y", days: 1095 }, at("2026-01-01"), "dpo");
    expect(pruned).toMatchObject({ pruned: 2, seq: 4 });
    const event = (await l.entry(4))?.body;
    expect(event).toMatchObject({
      kind: "prune",
      pruned: [
        [0, 0],
        [2, 2],
      ],
    });
    expect((await l.entry(1))?.body?.kind).toBe("hold");
    const report = await verifyLedger(t.state.ledger, t.trusted);
    expect(report.problems).toEqual([]);
    const key = t.keyring.active("ledger-signing");
    const note = await l.checkpointNote(ORIGIN, logNoteSigner(key, ORIGIN));
    const { dir, cleanup } = tempDir("jikimi-holds-");
    dirs.push(cleanup);
    await t.state.ledger.read((tx) => writeTiles(folderStore(dir), ledgerLogSource(tx), note));
    expect((await verifyTiles(folderStore(dir), [logVkey(key.public ?? "", ORIGIN)])).problems).toEqual([]);
  });

  it("are checked column by column: an edited count or kind, or a changed body, fails verify", async () => {
    const h = await withHold();
    const verify = () => verifyLedger(h.state.ledger, h.trusted);
    h.db.prepare("UPDATE ledger_entries SET subject_count = 5 WHERE seq = 1").run();
    expect((await verify()).problems).toContainEqual(
      expect.objectContaining({ kind: "column_changed", seq: 1, place: "ledger_entries.subject_count" }),
    );
    h.db.prepare("UPDATE ledger_entries SET subject_count = 50, kind = 'release' WHERE seq = 1").run();
    expect((await verify()).problems).toContainEqual(
      expect.objectContaining({ kind: "column_changed", seq: 1, place: "ledger_entries.kind" }),
    );
    // an insider rewrites the hold's reasons: the leaf no longer gives the signed head
    const body = (
      h.db.prepare("SELECT body FROM ledger_entries WHERE seq = 1").pluck().get() as string
    ).replace('"max_growth"', '"max_subjects"');
    h.db.prepare("UPDATE ledger_entries SET kind = 'hold', body = ? WHERE seq = 1").run(body);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: 1 });
  });
});
