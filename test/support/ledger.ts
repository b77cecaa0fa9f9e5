// a ledger in a temporary workspace, with a fresh keyring, for tests.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initKeyring, type Keyring } from "../../src/crypto/keyring.js";
import { signerFrom } from "../../src/crypto/signing.js";
import type { ReleaseInput } from "../../src/ledger/entry.js";
import { Ledger } from "../../src/ledger/ledger.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import type { TrustedKeys } from "../../src/ledger/verify.js";
import { openStore, type Store } from "../../src/store/sqlite.js";

export interface TestLedger {
  dir: string;
  store: Store;
  keyring: Keyring;
  ledger: Ledger;
  trusted: TrustedKeys;
  reopen(): Ledger;
  cleanup(): void;
}

export function testLedger(): TestLedger {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-ledger-"));
  const keyring = initKeyring(join(dir, "keys", "test.keyring"), new Date("2024-01-01T00:00:00Z"));
  const store = openStore(join(dir, "ws"));
  const make = () => {
    const subjectKey = keyring.active("ledger-subjects");
    return new Ledger({
      db: store.db,
      subjects: new SubjectDictionary(store.db),
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
    store,
    keyring,
    ledger: make(),
    trusted: new Map([[signing.id, signing.public ?? ""]]),
    reopen: make,
    cleanup: () => {
      store.close();
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
