// per-person receipts at scale: a person in R daily releases of M people each; how long the controller takes to
// issue the receipt, how large it is, and how long a person's machine takes to verify it (public keys only).
// usage: npm run build && node bench/receipts.mjs [--members 1000000] [--releases 100]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import roaring from "roaring";
import {
  fastSubjectHasher,
  initKeyring,
  Ledger,
  logNoteSigner,
  logVkey,
  openStateStore,
  SubjectDictionary,
  signerFrom,
  verifyReceipt,
} from "../dist/index.js";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const M = arg("members", 1_000_000);
const R = arg("releases", 100);
const ORIGIN = "ledger.benchpay.example/nsf";
const dir = mkdtempSync(join(tmpdir(), "jikimi-bench-receipts-"));
const key = (i) => `HB${String(i + 1).padStart(10, "0")}`;
try {
  const ring = initKeyring(join(dir, "bench.keyring"), new Date());
  const sk = ring.active("ledger-subjects");
  const hasher = fastSubjectHasher(sk.id, Buffer.from(sk.secret, "base64"));
  const store = await openStateStore({ dialect: "sqlite", file: join(dir, "ws", ".jikimi", "state.db") });
  const dictionary = new SubjectDictionary();
  const signing = ring.active("ledger-signing");
  const ledger = new Ledger({
    store: store.ledger,
    subjects: dictionary,
    hasher,
    signer: signerFrom(signing),
    log: "Bench Pay",
    backdateDays: 100_000,
  });
  const keys = Array.from({ length: M }, (_, i) => key(i));
  await store.ledger.write((tx) => dictionary.assign(tx, hasher.hashMany(keys), M, true));
  const set = new roaring.RoaringBitmap32();
  set.addRange(0, M);
  const release = (day) => ({
    released_at: new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString(),
    agreement: { id: "nsf-credit-feed", version: 2, digest: "a".repeat(64) },
    recipient: { id: "orbit-pay-sg", name: "Orbit Payments Pte. Ltd.", country: "SG" },
    legal_basis: "consent",
    purposes: ["nsf-scoring"],
    fields: [
      {
        name: "customer_id",
        transform: "pseudonym",
        key_id: "master-1/abc",
        categories: ["user.unique_id.account"],
      },
      { name: "balance", transform: "generalise", categories: ["user.financial.balance"] },
    ],
    records: M,
    operator: "batch@benchpay.example",
  });
  let t = performance.now();
  for (let d = 0; d < R; d++)
    await ledger.appendIndexed(release(d), set, new Date(Date.UTC(2024, 0, 1) + d * 86_400_000 + 3_600_000));
  const appendS = (performance.now() - t) / 1000;
  const signer = logNoteSigner(signing, ORIGIN);
  const subject = key(Math.floor(M / 2));
  t = performance.now();
  const issued = await ledger.receipt(subject, { origin: ORIGIN, signer });
  const issueS = (performance.now() - t) / 1000;
  const text = issued?.text ?? "";
  const vkey = logVkey(signing.public ?? "", ORIGIN);
  const times = [];
  let ok = true;
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    ok = verifyReceipt(text, { vkeys: [vkey], subject }).ok && ok;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const result = {
    members: M,
    releases: R,
    append_s_per_release: +(appendS / R).toFixed(3),
    issue_s: +issueS.toFixed(2),
    issue_ms_per_release: +((issueS * 1000) / R).toFixed(1),
    receipt_bytes: Buffer.byteLength(text),
    receipt_bytes_per_release: Math.round(Buffer.byteLength(text) / R),
    verify_ms_median: +(times[2] ?? 0).toFixed(1),
    verify_ms_per_release: +((times[2] ?? 0) / R).toFixed(3),
    verified: ok,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
