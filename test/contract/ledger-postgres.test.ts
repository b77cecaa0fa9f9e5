// the ledger contract on PostgreSQL: each store is a fresh schema-less database of the suite's server;
// "another host" is a second client (its own pool) on the same database.
import { openPostgresStore } from "../../src/store/postgres/index.js";
import { describePostgres } from "../support/postgres.js";
import { runLedgerContract } from "./ledger.contract.js";

describePostgres("ledger on postgres", (db) => {
  runLedgerContract("postgres", () => {
    const created: string[] = [];
    let last = "";
    return {
      open: async () => {
        const name = `${db.name}_${created.length}`;
        await db.pool.query(`create database "${name}"`);
        created.push(name);
        const url = new URL(db.url);
        url.pathname = `/${name}`;
        last = url.toString();
        return openPostgresStore(last, { max: 4 });
      },
      another: async () => openPostgresStore(last, { max: 4 }),
      cleanup: async () => {
        for (const name of created) await db.pool.query(`drop database if exists "${name}" with (force)`);
      },
    };
  });
});
