// the consent contract on the embedded SQLite store: each backend is a fresh file; edits go through a second
// connection to it, as another program would make them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll } from "vitest";
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
