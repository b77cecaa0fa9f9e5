// a child process that appends releases to a ledger in a loop, for the crash and concurrency tests: one "host".
// usage: node append-worker.mjs <state folder | postgres URL> <keyringPath> <count> <tag> [subjects per release]
// prints "ready" once the store is open, then "appended <seq>" per release; a failure prints its code and exits 1.
import { join } from "node:path";
import {
  Ledger,
  loadKeyring,
  nodeSubjectHasher,
  openStateStore,
  SubjectDictionary,
  signerFrom,
} from "../../dist/index.js";

const [where, keyringFile, count, tag, perRelease = "3000"] = process.argv.slice(2);
const ring = loadKeyring(keyringFile);
const subjectKey = ring.active("ledger-subjects");
const locator = /^postgres(ql)?:\/\//.test(where)
  ? { dialect: "postgres", url: where }
  : { dialect: "sqlite", file: join(where, ".jikimi", "state.db") };
const store = await openStateStore(locator, { connections: 2 });
const ledger = new Ledger({
  store: store.ledger,
  subjects: new SubjectDictionary(),
  hasher: nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64")),
  signer: signerFrom(ring.active("ledger-signing")),
  log: "Test Pay Co., Ltd.",
});
const digest = "b".repeat(64);
process.stdout.write("ready\n");
try {
  for (let i = 0; i < Number(count); i++) {
    const subjects = [];
    const base = Math.floor(Math.random() * 5000);
    for (let s = 0; s < Number(perRelease); s++) subjects.push(`HB${String(base + s).padStart(10, "0")}`);
    const r = await ledger.append(
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
} catch (e) {
  process.stdout.write(`failed ${e?.code ?? "error"} ${e?.message ?? ""}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
}
