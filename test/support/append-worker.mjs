// a child process that appends releases to a ledger in a loop, for the crash and concurrency tests.
// usage: node append-worker.mjs <stateDir> <keyringPath> <count> <tag>
import {
  Ledger,
  loadKeyring,
  nodeSubjectHasher,
  openStore,
  SubjectDictionary,
  signerFrom,
} from "../../dist/index.js";

const [dir, keyringFile, count, tag] = process.argv.slice(2);
const ring = loadKeyring(keyringFile);
const subjectKey = ring.active("ledger-subjects");
const store = openStore(dir);
const ledger = new Ledger({
  db: store.db,
  subjects: new SubjectDictionary(store.db),
  hasher: nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64")),
  signer: signerFrom(ring.active("ledger-signing")),
  log: "Test Pay Co., Ltd.",
});
const digest = "b".repeat(64);
process.stdout.write("ready\n");
for (let i = 0; i < Number(count); i++) {
  const subjects = [];
  const base = Math.floor(Math.random() * 5000);
  for (let s = 0; s < 3000; s++) subjects.push(`HB${String(base + s).padStart(10, "0")}`);
  const r = ledger.append(
    {
      released_at: new Date().toISOString(),
      agreement: { id: `feed-${tag}`, version: 1, digest },
      recipient: { id: "orbit", name: "Orbit Payments Pte. Ltd.", country: "SG" },
      legal_basis: "consent",
      purposes: ["nsf-scoring"],
      fields: [{ name: "customer_id", transform: "pseudonym", categories: ["user.unique_id.account"] }],
      records: subjects.length,
      operator: `worker-${tag}`,
    },
    subjects,
  );
  process.stdout.write(`appended ${r.seq}\n`);
}
store.close();
