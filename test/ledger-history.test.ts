// on any ledger that verifies, `ledger subject` gives exactly what a recomputation from the signed bodies and the
// replayed subject sets gives: random histories of several agreements, churn, snapshots and prunes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReleaseBody } from "../src/ledger/entry.js";
import { retentionOf } from "../src/ledger/retention.js";
import { SubjectDictionary } from "../src/ledger/subjects/dictionary.js";
import type { RoaringBitmap32 } from "../src/ledger/subjects/roaring.js";
import { SubjectSets } from "../src/ledger/subjects/sets.js";
import { nodeSubjectHasher } from "../src/ledger/subjects/subject-hasher.js";
import { verifyLedger } from "../src/ledger/verify.js";
import { customers, release, testLedger } from "./support/ledger.js";

const DAY = 86_400_000;
const START = Date.UTC(2019, 0, 1, 2);

describe("ledger subject equals the recomputation from signed bodies and sets", () => {
  it("for every subject of random histories (fast-check)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            chain: fc.constantFrom("a", "b", "c"),
            members: fc.uniqueArray(fc.nat(24), { maxLength: 16 }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        fc.option(fc.nat(39), { nil: undefined }),
        fc.option(fc.nat(39), { nil: undefined }),
        async (steps, pruneAfter, pruneAgain) => {
          const t = testLedger();
          try {
            for (const [i, s] of steps.entries()) {
              const at = new Date(START + i * DAY);
              await t.ledger.append(
                release(s.chain, "x", { released_at: at.toISOString() }),
                customers(s.members),
                new Date(at.getTime() + 3_600_000),
              );
            }
            if (pruneAfter !== undefined && pruneAfter < steps.length)
              await t
                .reopen()
                .prune(
                  new Date(START + pruneAfter * DAY).toISOString(),
                  retentionOf("3y"),
                  new Date(START + (steps.length + 4 * 365) * DAY),
                  "dpo",
                );
            // a second prune, later still, moves each chain's base again
            if (
              pruneAfter !== undefined &&
              pruneAgain !== undefined &&
              pruneAfter < pruneAgain &&
              pruneAgain < steps.length
            )
              await t
                .reopen()
                .prune(
                  new Date(START + pruneAgain * DAY).toISOString(),
                  retentionOf("3y"),
                  new Date(START + (steps.length + 5 * 365) * DAY),
                  "dpo",
                );
            expect((await verifyLedger(t.state.ledger, t.trusted)).problems).toEqual([]);
            // the recomputation: replayed sets (verified against their bodies' digests) and the bodies themselves
            const key = t.keyring.active("ledger-subjects");
            const hasher = nodeSubjectHasher(key.id, Buffer.from(key.secret, "base64"));
            const dict = new SubjectDictionary();
            const ledger = t.reopen();
            const sets = await t.state.ledger.read(async (tx) => {
              const out = new Map<number, RoaringBitmap32>();
              for await (const r of new SubjectSets().replay(tx)) out.set(r.seq, r.set);
              return out;
            });
            const entries = await ledger.entries({ limit: 10_000 });
            for (const subject of customers(Array.from({ length: 26 }, (_, i) => i))) {
              const idx = await t.state.ledger.read((tx) => dict.lookup(tx, hasher.hashMany([subject])));
              const want: number[] = [];
              for (const e of entries) {
                const body = e.body;
                if (body?.kind !== "release") continue;
                if (idx !== undefined && sets.get(e.seq)?.has(idx)) want.push(e.seq);
              }
              const got = await ledger.subjectHistory(subject);
              expect(got.map((r) => r.seq)).toEqual(want.sort((x, y) => x - y));
              for (const r of got) {
                const body = (await ledger.entry(r.seq))?.body as ReleaseBody;
                expect(r).toMatchObject({
                  released_at: body.released_at,
                  recorded_at: body.recorded_at,
                  agreement: body.agreement.id,
                  recipient: body.recipient.name,
                  country: body.recipient.country,
                  legal_basis: body.legal_basis,
                });
              }
            }
          } finally {
            await t.cleanup();
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
