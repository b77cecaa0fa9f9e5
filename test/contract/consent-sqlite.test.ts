// the consent contract on the embedded SQLite store: each backend is a fresh file; edits go through a second
// connection to it, as another program would make them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ConsentRegistry } from "../../src/consent/index.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { runConsentContract } from "./consent.contract.js";

const dir = mkdtempSync(join(tmpdir(), "jikimi-consent-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runConsentContract("sqlite", async () => {
  const file = join(dir, `state-${n++}.db`);
  const state = openSqliteStore(file);
  return {
    store: state.consent,
    edit: async (sql) => {
      const db = new Database(file);
      try {
        db.pragma("busy_timeout = 5000");
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    close: () => state.close(),
  };
});

describe("consent on SQLite: a bulk recording", () => {
  it("leaves the event table's indexes as the migrations made them after rebuilding them", async () => {
    const file = join(dir, "bulk.db");
    const state = openSqliteStore(file);
    const indexes = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'consent_events' ORDER BY name",
          )
          .all();
      } finally {
        db.close();
      }
    };
    try {
      const before = indexes();
      expect(before.length).toBeGreaterThanOrEqual(2);
      const registry = new ConsentRegistry(
        state.consent,
        new SubjectDictionary(),
        nodeSubjectHasher("k", Buffer.alloc(32, 1)),
      );
      const events = Array.from({ length: 100_000 }, (_, i) => ({
        subject: `S${i}`,
        purpose: "nsf-provision",
        action: "grant" as const,
        at: new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 100_000) * 60_000).toISOString(),
        source: "app",
      }));
      expect((await registry.record(events, new Date("2025-01-01T00:00:00Z"))).recorded).toBe(100_000);
      expect(indexes()).toEqual(before);
    } finally {
      await state.close();
    }
  });
});
