// a small ledger with everything verify covers: several chains, XOR deltas and a snapshot, a consent registry
// with snapshots, releases that commit to consent and scope, a back-dated release with an override, and a
// signed prune event. The tamper suite and the history property test build on it.
import { ConsentRegistry } from "../../src/consent/index.js";
import { consentCommitment } from "../../src/engine/consent-commitment.js";
import { scopeDigest } from "../../src/ledger/entry.js";
import { logNoteSigner } from "../../src/ledger/note/log-key.js";
import { splitNote } from "../../src/ledger/note/signed-note.js";
import { retentionOf } from "../../src/ledger/retention.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import { cosignerFromSeed } from "../../src/witness/cosignature.js";
import { customers, range, release, type TestLedger, testLedger } from "./ledger.js";
import { rng } from "./random.js";

export const PURPOSE = "nsf-scoring";
export const ORIGIN = "ledger.testpay.example/credit";
/** Two witnesses with fixed keys: the history keeps checkpoints they cosigned. */
const WITNESSES = [
  cosignerFromSeed("witness.example/one", new Uint8Array(32).fill(1)),
  cosignerFromSeed("witness.example/two", new Uint8Array(32).fill(2)),
];
export const WITNESS_VKEYS = WITNESSES.map((w) => w.vkey);

/** Stores a log-signed checkpoint of the whole log now, cosigned by the given witnesses (as `ledger witness` would). */
export async function keepWitnessedCheckpoint(
  t: TestLedger,
  witnesses = WITNESSES,
  time = 1_700_000_000,
): Promise<void> {
  const note = await t.ledger.checkpointNote(
    ORIGIN,
    logNoteSigner(t.keyring.active("ledger-signing"), ORIGIN),
  );
  const size = await t.ledger.size();
  const { text } = splitNote(note);
  await t.state.ledger.write((tx) =>
    tx.putCheckpoint(
      size,
      note,
      witnesses.map((w) => ({ witness: w.name, line: w.cosign(text, time) })),
    ),
  );
}
const DAY = 86_400_000;

/** Builds the history; `releases` daily releases of the main chain (70 reaches a snapshot after 64). */
export async function ledgerHistory(
  options: { releases?: number; seed?: number } = {},
): Promise<TestLedger & { registry: ConsentRegistry }> {
  const t = testLedger();
  const rand = rng(options.seed ?? 7);
  const key = t.keyring.active("ledger-subjects");
  const hasher = nodeSubjectHasher(key.id, Buffer.from(key.secret, "base64"));
  const registry = new ConsentRegistry(t.state.consent, new SubjectDictionary(), hasher, {
    snapshotEvery: 4,
  });
  const start = Date.UTC(2019, 0, 1, 2);
  const iso = (ms: number) => new Date(ms).toISOString();
  const recorded = new Date(start - DAY);
  for (const c of customers(range(0, 40)))
    await registry.grant(c, PURPOSE, { source: "app", at: iso(start - DAY) }, recorded);
  for (const c of customers([3, 4]))
    await registry.withdraw(
      c,
      PURPOSE,
      { source: "app", at: iso(start + 3 * DAY) },
      new Date(start + 3 * DAY),
    );
  const where = "linked == true";
  const scope = { phase: { name: "scoring", from: "2019-01-01", model_building: false }, where };
  let members = new Set(range(0, 30));
  const n = options.releases ?? 70;
  for (let d = 0; d < n; d++) {
    const at = start + d * DAY;
    if (d === 10)
      for (const c of customers([45, 46]))
        await registry.grant(c, PURPOSE, { source: "branch", at: iso(at - 1000) }, new Date(at));
    // a little churn every day: one leaves, one joins
    const leave = [...members][Math.floor(rand() * members.size)] as number;
    members.delete(leave);
    members.add(Math.floor(rand() * 40));
    const consent = (await consentCommitment(registry, PURPOSE, iso(at))).commitment;
    await t.ledger.append(
      release("credit-feed", iso(at).slice(0, 10), {
        released_at: iso(at),
        scope: { ...scope, digest: scopeDigest(scope) },
        consent,
      }),
      customers(members),
      new Date(at + 3_600_000),
    );
    if (d === Math.floor(n / 2)) await keepWitnessedCheckpoint(t);
    if (d % 20 === 5)
      await t.ledger.append(
        release("settlement-feed", iso(at).slice(0, 10), { released_at: iso(at) }),
        customers(range(d, d + 8)),
        new Date(at + 3_700_000),
      );
  }
  members = new Set(range(100, 110));
  // a back-dated release, recorded with an override
  const last = start + n * DAY;
  await t.ledger.append(
    release("late-feed", iso(last - 30 * DAY).slice(0, 10), {
      released_at: iso(last - 30 * DAY),
      override: "the partner's system was down; the file was sent by courier on the day",
    }),
    customers(members),
    new Date(last),
  );
  await keepWitnessedCheckpoint(t, WITNESSES.slice(0, 1));
  // four years on, the first ten releases are past a 3-year retention and pruned by a signed event
  await t
    .reopen()
    .prune(iso(start + 10 * DAY), retentionOf("3y"), new Date(last + 4 * 365 * DAY), "dpo@hanbitpay.example");
  return { ...t, registry };
}
