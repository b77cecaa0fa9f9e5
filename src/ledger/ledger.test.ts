import { afterEach, describe, expect, it } from "vitest";
import { customers, range, release, type TestLedger, testLedger } from "../../test/support/ledger.js";
import type { Checkpoint } from "./checkpoint.js";
import { fromHex, verifyConsistency, verifyInclusion } from "./merkle/index.js";
import { verifyLedger } from "./verify.js";

let t: TestLedger;
afterEach(async () => {
  await t?.cleanup();
});

/** Ten daily releases: a whole-population feed (0..99) and a scoped feed whose members change. */
async function history(): Promise<TestLedger> {
  t = testLedger();
  for (let day = 1; day <= 5; day++) {
    const d = `2024-05-0${day}`;
    await t.ledger.append(release("credit-feed", d), customers(range(0, 100)));
    await t.ledger.append(release("scoped-feed", d), customers(range(day, 20 + day)));
  }
  return t;
}

describe("appending and reading", () => {
  it("numbers entries, signs a head per entry, and records subject counts", async () => {
    t = testLedger();
    const a = await t.ledger.append(release("credit-feed", "2024-05-01"), customers([1, 2, 3, 3]));
    expect(a).toMatchObject({ seq: 0, size: 1, subjects: 3, newSubjects: 3 });
    const b = await t.ledger.append(release("credit-feed", "2024-05-02"), customers([2, 3, 4]));
    expect(b).toMatchObject({ seq: 1, size: 2, subjects: 3, newSubjects: 1 });
    expect((await t.ledger.entry(1))?.body).toMatchObject({
      subjects: { count: 3 },
      categories: ["user.financial.balance", "user.unique_id.account"],
    });
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM ledger_heads").get()).toEqual({ n: 2 });
  });

  it("refuses an invalid release, names the field, and records nothing", async () => {
    t = testLedger();
    await expect(
      t.ledger.append(release("x", "2024-05-01", { records: -1 }), customers([1])),
    ).rejects.toThrow(/records/);
    await expect(
      t.ledger.append(release("x", "2024-05-01", { released_at: "yesterday" }), customers([1])),
    ).rejects.toThrow(/time/);
    expect(await t.ledger.size()).toBe(0);
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM subject_dict").get()).toEqual({ n: 0 });
  });

  it("refuses an entry too large for a published log's entry bundle, and records nothing", async () => {
    t = testLedger();
    const fields = Array.from({ length: 400 }, (_, i) => ({
      name: `field_${String(i).padStart(3, "0")}_${"x".repeat(170)}`,
      transform: "keep",
      categories: [],
    }));
    const at = new Date("2024-05-01T03:00:00Z");
    await expect(t.ledger.append(release("x", "2024-05-01", { fields }), customers([1]), at)).rejects.toThrow(
      /over the 65535 a published log entry may hold/,
    );
    expect(await t.ledger.size()).toBe(0);
    await t.ledger.append(release("x", "2024-05-01", { fields: fields.slice(0, 100) }), customers([1]), at);
    expect(await t.ledger.size()).toBe(1);
  });

  it("never stores a raw subject key", async () => {
    t = testLedger();
    await t.ledger.append(release("credit-feed", "2024-05-01"), customers([123456]));
    const dump = JSON.stringify(t.db.prepare("SELECT * FROM ledger_entries").all());
    const dict = t.db.prepare("SELECT data FROM subject_dict").all() as { data: Buffer }[];
    expect(dump).not.toContain("HB0000123456");
    for (const d of dict) expect(d.data.toString("latin1")).not.toContain("HB0000123456");
  });
});

describe("per-subject history", () => {
  it("lists exactly the releases that contained the subject", async () => {
    await history();
    const seqs = async (n: number) =>
      (await t.ledger.subjectHistory(customers([n])[0] ?? "")).map((r) => r.seq);
    // customer 0 is only in the whole-population feed (even seqs)
    expect(await seqs(0)).toEqual([0, 2, 4, 6, 8]);
    // customer 3 is in the scoped feed on days 1-3 (range(day, 20 + day) contains 3 for day <= 3)
    expect(await seqs(3)).toEqual([0, 1, 2, 3, 4, 5, 6, 8]);
    // customer 22 enters the scoped feed on day 3
    expect(await seqs(22)).toEqual([0, 2, 4, 5, 6, 7, 8, 9]);
    expect(await seqs(5000)).toEqual([]);
    const [first] = await t.ledger.subjectHistory(customers([3])[0] ?? "");
    expect(first).toMatchObject({
      recipient: "Orbit Payments Pte. Ltd.",
      country: "SG",
      legal_basis: "consent",
    });
    expect(first?.fields).toEqual(["customer_id", "balance"]);
  });

  it("agrees with a brute-force oracle over random churn", async () => {
    t = testLedger();
    const members: Set<number>[] = [];
    let current = new Set(range(0, 50));
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let day = 0; day < 70; day++) {
      const next = new Set(current);
      for (let k = 0; k < 5; k++) {
        const n = Math.floor(rand() * 80);
        if (next.has(n)) next.delete(n);
        else next.add(n);
      }
      current = next;
      members.push(current);
      await t.ledger.append(release("churn-feed", "2024-05-01"), customers(current));
    }
    for (const n of range(0, 80)) {
      const expected = members.flatMap((set, seq) => (set.has(n) ? [seq] : []));
      expect((await t.reopen().subjectHistory(customers([n])[0] ?? "")).map((r) => r.seq)).toEqual(expected);
    }
    expect((await verifyLedger(t.state.ledger, t.trusted)).ok).toBe(true);
  });
});

describe("proofs and checkpoints", () => {
  it("gives inclusion and consistency proofs that verify", async () => {
    await history();
    for (let seq = 0; seq < 10; seq++) {
      const p = await t.ledger.inclusionProof(seq);
      expect(verifyInclusion(fromHex(p.leaf), p.seq, p.size, p.proof.map(fromHex), fromHex(p.root))).toBe(
        true,
      );
    }
    const c = await t.ledger.consistencyProof(3);
    expect(
      verifyConsistency(c.size1, c.size2, fromHex(c.root1), fromHex(c.root2), c.proof.map(fromHex)),
    ).toBe(true);
  });

  it("verifies a clean log against its checkpoint, and after it grew", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    expect(await verifyLedger(t.state.ledger, t.trusted, { against: cp })).toMatchObject({
      ok: true,
      size: 10,
      against: { consistent: true },
    });
    await t.ledger.append(release("credit-feed", "2024-05-06"), customers(range(0, 100)));
    expect(await verifyLedger(t.state.ledger, t.trusted, { against: cp })).toMatchObject({
      ok: true,
      size: 11,
    });
  });
});

describe("tampering is detected and located", () => {
  const db = () => t.db;
  const kinds = async (given?: Checkpoint) => {
    const cp = given ?? (await t.ledger.checkpoint());
    const r = await verifyLedger(t.state.ledger, t.trusted, { against: cp });
    return { ok: r.ok, first: r.problems[0] };
  };

  it("a changed field", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    db()
      .prepare(`UPDATE ledger_entries SET body = replace(body, '"records":10', '"records":11') WHERE seq = 3`)
      .run();
    expect(await kinds(cp)).toMatchObject({ ok: false, first: { kind: "changed", seq: 3 } });
  });

  it("a deleted entry, with or without renumbering", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    db().prepare("DELETE FROM ledger_entries WHERE seq = 4").run();
    expect(await kinds(cp)).toMatchObject({ ok: false, first: { kind: "removed", seq: 4 } });
    db().prepare("UPDATE ledger_entries SET seq = seq - 1 WHERE seq > 4").run();
    expect(await kinds(cp)).toMatchObject({ ok: false, first: { kind: "removed", seq: 4 } });
  });

  it("swapped entries", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    const body = (seq: number) =>
      (db().prepare("SELECT body FROM ledger_entries WHERE seq = ?").get(seq) as { body: string }).body;
    const [b2, b3] = [body(2), body(3)];
    db().prepare("UPDATE ledger_entries SET body = ? WHERE seq = 2").run(b3);
    db().prepare("UPDATE ledger_entries SET body = ? WHERE seq = 3").run(b2);
    expect(await kinds(cp)).toMatchObject({ ok: false, first: { kind: "reordered", seq: 2 } });
  });

  it("an inserted entry", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    const rows = db().prepare("SELECT * FROM ledger_entries WHERE seq >= 2 ORDER BY seq DESC").all() as {
      seq: number;
    }[];
    for (const r of rows)
      db()
        .prepare("UPDATE ledger_entries SET seq = ? WHERE seq = ?")
        .run(r.seq + 1, r.seq);
    db()
      .prepare(
        "INSERT INTO ledger_entries (seq, body, leaf_hash, released_at, recorded_at, kind, agreement_id, recipient_id, subject_count, chain_ord, pruned_at, summary_id) SELECT 2, replace(body, '\"records\":10', '\"records\":99'), leaf_hash, released_at, recorded_at, kind, agreement_id, recipient_id, subject_count, chain_ord, pruned_at, summary_id FROM ledger_entries WHERE seq = 3",
      )
      .run();
    expect(await kinds(cp)).toMatchObject({ ok: false, first: { kind: "inserted", seq: 2 } });
  });

  it("a truncated log, against the regulator's checkpoint", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    db().prepare("DELETE FROM ledger_entries WHERE seq >= 8").run();
    db().prepare("DELETE FROM ledger_heads WHERE size > 8").run();
    db().prepare("DELETE FROM ledger_subject_sets WHERE seq >= 8").run();
    const r = await verifyLedger(t.state.ledger, t.trusted, { against: cp });
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: "truncated", seq: 8 }));
  });

  it("a forged checkpoint", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    expect(await kinds({ ...cp, root: "0".repeat(64) })).toMatchObject({
      ok: false,
      first: { kind: "checkpoint_forged" },
    });
    expect(await kinds({ ...cp, size: 3 })).toMatchObject({
      ok: false,
      first: { kind: "checkpoint_forged" },
    });
    const other = testLedger();
    try {
      await other.ledger.append(release("x", "2024-05-01"), customers([1]));
      const foreign = await other.ledger.checkpoint();
      expect(await kinds(foreign)).toMatchObject({ ok: false, first: { kind: "checkpoint_forged" } });
    } finally {
      await other.cleanup();
    }
  });

  it("a changed subject bitmap", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    const row = db().prepare("SELECT data FROM ledger_subject_sets WHERE seq = 5").get() as { data: Buffer };
    const other = db().prepare("SELECT data FROM ledger_subject_sets WHERE seq = 0").get() as {
      data: Buffer;
    };
    expect(row.data.equals(other.data)).toBe(false);
    db().prepare("UPDATE ledger_subject_sets SET data = ?, kind = 'snapshot' WHERE seq = 5").run(other.data);
    expect(await kinds(cp)).toMatchObject({ ok: false, first: { kind: "subjects_changed", seq: 5 } });
  });

  it("a history summary that no longer matches the signed body", async () => {
    await history();
    db()
      .prepare("UPDATE ledger_summaries SET summary = replace(summary, 'Orbit Payments', 'Local Bank')")
      .run();
    expect(await kinds()).toMatchObject({ ok: false, first: { kind: "summary_changed", seq: 0 } });
  });

  it("a rewritten log whose heads were re-signed still fails the regulator's checkpoint", async () => {
    await history();
    const cp = await t.ledger.checkpoint();
    db().prepare("DELETE FROM ledger_heads").run();
    db()
      .prepare(`UPDATE ledger_entries SET body = replace(body, '"records":10', '"records":12') WHERE seq = 1`)
      .run();
    const r = await verifyLedger(t.state.ledger, t.trusted, { against: cp });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.kind)).toContain("checkpoint_mismatch");
  });

  it("an edited stored leaf hash is never signed into a checkpoint, a proof or a new head", async () => {
    await history();
    t.db.prepare("UPDATE ledger_entries SET leaf_hash = zeroblob(32) WHERE seq = 2").run();
    const fresh = t.reopen();
    await expect(fresh.checkpoint()).rejects.toThrow(/no longer give the last signed tree head/);
    await expect(fresh.inclusionProof(1)).rejects.toThrow(/ledger verify/);
    await expect(fresh.append(release("credit-feed", "2024-06-30"), customers([1]))).rejects.toThrow(
      /nothing was recorded/,
    );
    expect((await verifyLedger(t.state.ledger, t.trusted)).problems[0]).toMatchObject({
      seq: 2,
      place: "ledger_entries.leaf_hash",
    });
  });
});
