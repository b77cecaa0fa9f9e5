// a ledger in a temporary workspace (its SQLite state store), with a fresh keyring, for tests. `db` is the
// attacker's handle on the same file: tamper tests edit the tables through it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { initKeyring, type Keyring } from "../../src/crypto/keyring.js";
import { signerFrom } from "../../src/crypto/signing.js";
import type { ReleaseInput } from "../../src/ledger/entry.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import type { TrustedKeys } from "../../src/ledger/verify.js";
import type { ConsentStore } from "../../src/ports/consent.js";
import type { LedgerStore } from "../../src/ports/ledger.js";
import { sqliteConsentStore } from "../../src/store/sqlite/consent.js";
import { openSqliteStore, SqliteDatabase, type SqliteStateStore } from "../../src/store/sqlite/index.js";
import { sqliteLedgerStore } from "../../src/store/sqlite/ledger.js";

export interface TestLedger {
  dir: string;
  /** the workspace's state store (.jikimi/state.db) */
  state: SqliteStateStore;
  /** the same connection, for tests that play the attacker */
  db: Database.Database;
  keyring: Keyring;
  ledger: Ledger;
  trusted: TrustedKeys;
  reopen(): Ledger;
  cleanup(): Promise<void>;
}

export function testLedger(): TestLedger {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-ledger-"));
  const keyring = initKeyring(join(dir, "keys", "test.keyring"), new Date("2024-01-01T00:00:00Z"));
  const state = openSqliteStore(join(dir, "ws", ".jikimi", "state.db"));
  const make = () => {
    const subjectKey = keyring.active("ledger-subjects");
    return new Ledger({
      store: state.ledger,
      subjects: new SubjectDictionary(),
      hasher: nodeSubjectHasher(subjectKey.id, Buffer.from(subjectKey.secret, "base64")),
      signer: signerFrom(keyring.active("ledger-signing")),
      log: "Test Pay Co., Ltd.",
      // tests replay years of history through one clock: the back-dating window has its own tests
      backdateDays: 100_000,
    });
  };
  const signing = keyring.active("ledger-signing");
  return {
    dir,
    state,
    db: state.database.db,
    keyring,
    ledger: make(),
    trusted: new Map([[signing.id, signing.public ?? ""]]),
    reopen: make,
    cleanup: async () => {
      await state.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const DIGEST = "a".repeat(64);

/** A valid release of `agreement` on `day` (YYYY-MM-DD). */
export function release(agreement: string, day: string, extra: Partial<ReleaseInput> = {}): ReleaseInput {
  return {
    released_at: `${day}T02:00:00Z`,
    agreement: { id: agreement, version: 1, digest: DIGEST },
    recipient: { id: "orbit-pay-sg", name: "Orbit Payments Pte. Ltd.", country: "SG" },
    legal_basis: "consent",
    purposes: ["nsf-scoring"],
    fields: [
      {
        name: "customer_id",
        transform: "pseudonym",
        key_id: "master-1",
        categories: ["user.unique_id.account"],
      },
      { name: "balance", transform: "keep", categories: ["user.financial.balance"] },
    ],
    records: 10,
    files: [{ name: "credit.csv", bytes: 100, sha256: DIGEST }],
    operator: "batch@hanbitpay.example",
    ...extra,
  };
}

/** Subject keys HB0000000001.. for the given numbers. */
export function customers(numbers: Iterable<number>): string[] {
  return [...numbers].map((n) => `HB${String(n).padStart(10, "0")}`);
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/**
 * The ledger and consent ports over a connection a test opened itself (an in-memory image of a state database
 * it then tampers with).
 */
export function storesOver(db: Database.Database): { ledger: LedgerStore; consent: ConsentStore } {
  // one per connection: its transactions queue on one SqliteDatabase, never nest
  let stores = opened.get(db);
  if (!stores) {
    const database = new SqliteDatabase(db, db.name);
    stores = { ledger: sqliteLedgerStore(database), consent: sqliteConsentStore(database) };
    opened.set(db, stores);
  }
  return stores;
}
const opened = new WeakMap<Database.Database, { ledger: LedgerStore; consent: ConsentStore }>();
