// the consent contract on PostgreSQL: each backend is a fresh database of the suite's server, migrated on open;
// edits go through a pool of their own, as another program would make them.
import { connectPostgres } from "../../src/store/postgres/connect.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";
import { describePostgres } from "../support/postgres.js";
import { runConsentContract } from "./consent.contract.js";

describePostgres("consent on postgres", (db) => {
  let n = 0;
  runConsentContract("postgres", async () => {
    // names are made here from [a-z0-9_] only, so quoting them is enough
    const name = `${db.name}_c${n++}`;
    await db.pool.query(`create database "${name}"`);
    const url = new URL(db.url);
    url.pathname = `/${name}`;
    const state = await openPostgresStore(url.toString(), { max: 2 });
    const editor = await connectPostgres(url.toString(), { max: 1 });
    return {
      store: state.consent,
      edit: async (sql) => {
        await editor.query(sql);
      },
      close: async () => {
        await editor.end();
        await state.close();
        await db.pool.query(`drop database if exists "${name}" with (force)`);
      },
    };
  });
});
