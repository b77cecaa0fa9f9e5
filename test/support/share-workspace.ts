// an example workspace copied into a temporary folder with its keyring, state store, ledger, consent registry
// and a generated customers file: what the in-process share tests start from.
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConsentRegistry } from "../../src/consent/index.js";
import { initKeyring } from "../../src/crypto/keyring.js";
import { signerFrom } from "../../src/crypto/signing.js";
import { generate } from "../../src/generate/index.js";
import { diskReader } from "../../src/io/workspace-reader.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { fastSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import { loadWorkspace } from "../../src/model/load.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { ROOT } from "./cli.js";

/** Copies `example`, opens its state and generates `rows` customers (seed 5); `dirs` collects the folder for cleanup. */
export async function shareWorkspace(example: string, rows: number, dirs: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-share-"));
  dirs.push(dir);
  const ws = join(dir, "ws");
  cpSync(join(ROOT, "examples", example), ws, { recursive: true });
  const loaded = loadWorkspace(diskReader(ws));
  if (!loaded.ok) throw new Error("example did not load");
  const keyring = initKeyring(join(dir, "k.keyring"), new Date("2024-01-01T00:00:00Z"), {});
  const store = openSqliteStore(join(ws, ".jikimi", "state.db"));
  const sk = keyring.active("ledger-subjects");
  const hasher = fastSubjectHasher(sk.id, Buffer.from(sk.secret, "base64"));
  const subjects = new SubjectDictionary();
  const ledger = new Ledger({
    store: store.ledger,
    subjects,
    hasher,
    signer: signerFrom(keyring.active("ledger-signing")),
    log: "Hanbit Pay",
  });
  const consent = new ConsentRegistry(store.consent, subjects, hasher);
  const input = join(dir, "customers.csv");
  await generate({ kind: "customers", rows, seed: 5, format: "csv", out: input, threads: 1 });
  const out = join(dir, "out");
  mkdirSync(out);
  return {
    dir,
    ws,
    workspace: loaded.workspace,
    keyring,
    store,
    hasher,
    subjects,
    ledger,
    consent,
    input,
    out,
  };
}
