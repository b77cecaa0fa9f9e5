// the access contract on the embedded SQLite store: each backend is a fresh file; a second store and edits open
// their own connections to it, as another process would.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll } from "vitest";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { runAccessContract } from "./access.contract.js";

const dir = mkdtempSync(join(tmpdir(), "jikimi-access-contract-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

runAccessContract("sqlite", async () => {
  const file = join(dir, `state-${n++}.db`);
  const state = openSqliteStore(file);
  const others: { close(): Promise<void> }[] = [];
  return {
    tokens: state.tokens,
    accessLog: state.accessLog,
    other: async () => {
      const second = openSqliteStore(file);
      others.push(second);
      return second.accessLog;
    },
    edit: async (sql) => {
      const db = new Database(file);
      try {
        db.pragma("busy_timeout = 5000");
        db.exec(sql);
      } finally {
        db.close();
      }
    },
    close: async () => {
      for (const o of others) await o.close();
      await state.close();
    },
  };
});
