// the access contract on PostgreSQL: each backend is a fresh database of the suite's server, migrated on open; a
// second store (another host) and edits use pools of their own.
import { connectPostgres } from "../../src/store/postgres/connect.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";
import { describePostgres } from "../support/postgres.js";
import { runAccessContract } from "./access.contract.js";

describePostgres("access on postgres", (db) => {
  let n = 0;
  runAccessContract("postgres", async () => {
    // names are made here from [a-z0-9_] only, so quoting them is enough
    const name = `${db.name}_a${n++}`;
    await db.pool.query(`create database "${name}"`);
    const url = new URL(db.url);
    url.pathname = `/${name}`;
    const state = await openPostgresStore(url.toString(), { max: 4 });
    const editor = await connectPostgres(url.toString(), { max: 1 });
    const others: { close(): Promise<void> }[] = [];
    return {
      tokens: state.tokens,
      accessLog: state.accessLog,
      other: async () => {
        const second = await openPostgresStore(url.toString(), { max: 4 });
        others.push(second);
        return second.accessLog;
      },
      edit: async (sql) => {
        await editor.query(sql);
      },
      close: async () => {
        for (const o of others) await o.close();
        await editor.end();
        await state.close();
        await db.pool.query(`drop database if exists "${name}" with (force)`);
      },
    };
  });
});
