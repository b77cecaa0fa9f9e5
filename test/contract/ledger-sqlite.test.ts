// the ledger contract on the embedded SQLite store; "another host" is a second connection to the same file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteStore } from "../../src/store/sqlite/index.js";
import { runLedgerContract } from "./ledger.contract.js";

runLedgerContract("sqlite", () => {
  const dir = mkdtempSync(join(tmpdir(), "jikimi-sqlite-contract-"));
  let n = 0;
  let last = "";
  return {
    open: async () => {
      last = join(dir, `state-${n++}.db`);
      return openSqliteStore(last);
    },
    another: async () => openSqliteStore(last),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
