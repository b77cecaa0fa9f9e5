// the tamper suite: for every table of the state database (read from the schema, so a new table is covered
// without editing this file) and every column, change, delete, insert and reorder rows of a ledger that
// verifies; verify must fail every time and name the table. Tables no answer is computed from are listed
// below with the reason, and docs/architecture.md's coverage table says the same.
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { consentCheck } from "../src/engine/consent-commitment.js";
import { verifyLedger } from "../src/ledger/verify.js";
import { storesOver } from "./support/ledger.js";
import { ledgerHistory, WITNESS_VKEYS } from "./support/ledger-history.js";
import { attacks, sweep, tables } from "./support/tamper.js";

/** Tables verify does not cover, and why: none of them is read to answer anything about a release or a person. */
const NOT_COVERED: Record<string, string> = {
  schema_migrations: "the migration log of the store itself",
  check_runs: "a local log of `jikimi check` runs; no answer is read from it",
  access_log:
    "the API's record of who read a person's history: its own hash chain, checked where it is answered (GET /v1/access-log chain_ok; test/server/access-log.test.ts tampers with it), not by ledger verify",
  api_tokens: "the API's credentials (hashes of token secrets): they grant access, they answer nothing",
};

// the history is built once, at collection, since the tests are made from its schema
const history = await ledgerHistory();
const trusted: ReadonlyMap<string, string> = history.trusted;
const cleanVerdict = await verifyLedger(history.state.ledger, trusted, {
  consent: consentCheck(history.state.consent),
  witnesses: WITNESS_VKEYS,
  locator: history.state.locator,
});
// an in-memory copy per attack: the image must not be in WAL mode to be opened from a buffer
history.db.pragma("journal_mode = DELETE");
let image: Buffer = history.db.serialize();
await history.cleanup();

function fresh(): Database.Database {
  return new Database(image);
}

async function verdict(db: Database.Database) {
  const stores = storesOver(db);
  const r = await verifyLedger(stores.ledger, trusted, {
    consent: consentCheck(stores.consent),
    witnesses: WITNESS_VKEYS,
  });
  return {
    ok: r.ok,
    // a place names a table, a table.column, or several where the fault can lie
    places: [...new Set(r.problems.flatMap((p) => (p.place ?? p.kind).split(/[^a-z_]+/)))],
  };
}

describe("every table of the state database is covered by verify", () => {
  const all = (() => {
    const db = fresh();
    const names = tables(db);
    db.close();
    return names;
  })();
  it("starts from a history that verifies, and knows every table: covered, or listed as not covered", () => {
    expect(cleanVerdict.problems).toEqual([]);
    expect(all.length).toBeGreaterThan(10);
    for (const name of Object.keys(NOT_COVERED)) expect(all).toContain(name);
  });

  for (const table of all.filter((t) => !Object.hasOwn(NOT_COVERED, t)))
    it(`${table}: every change, deletion, insertion and reordering fails verify and names the table`, async () => {
      const list = attacks(table, fresh);
      expect(list.length).toBeGreaterThan(0);
      const { applied, missed, unnamed } = await sweep(table, list, fresh, verdict);
      expect(applied).toBeGreaterThan(0);
      expect(missed).toEqual([]);
      expect(unnamed).toEqual([]);
    });
});

afterAll(() => {
  image = Buffer.alloc(0);
});
