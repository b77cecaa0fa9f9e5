// the tamper suite: for every table of the state database (read from the schema, so a new table is covered
// without editing this file) and every column, change, delete, insert and reorder rows of a ledger that
// verifies; verify must fail every time and name the table. Tables no answer is computed from are listed
// below with the reason, and docs/architecture.md's coverage table says the same.
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { consentCheck } from "../src/engine/consent-commitment.js";
import { verifyLedger } from "../src/ledger/verify.js";
import { ledgerHistory } from "./support/ledger-history.js";

/** Tables verify does not cover, and why: none of them is read to answer anything about a release or a person. */
const NOT_COVERED: Record<string, string> = {
  schema_migrations: "the migration log of the store itself",
  check_runs: "a local log of `jikimi check` runs; no answer is read from it",
};

type Row = Record<string, unknown>;
interface Column {
  name: string;
  pk: number;
}

// the history is built once, at collection, since the tests are made from its schema
const history = ledgerHistory();
const trusted: ReadonlyMap<string, string> = history.trusted;
const cleanVerdict = verifyLedger(history.store.db, trusted, { consent: consentCheck(history.store.db) });
// an in-memory copy per attack: the image must not be in WAL mode to be opened from a buffer
history.store.db.pragma("journal_mode = DELETE");
let image: Buffer = history.store.db.serialize();
history.cleanup();

function fresh(): Database.Database {
  return new Database(image);
}

function tables(): string[] {
  const db = fresh();
  const names = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as {
      name: string;
    }[]
  ).map((r) => r.name);
  db.close();
  return names;
}

function columns(db: Database.Database, table: string): Column[] {
  return db.prepare(`PRAGMA table_info(${table})`).all() as Column[];
}

/** A different value of the same kind. */
function mutate(value: unknown, column: string): unknown {
  if (value === null) return column.endsWith("_at") ? "2030-01-01T00:00:00.000Z" : 1;
  if (typeof value === "number" || typeof value === "bigint") return Number(value) + 1;
  if (Buffer.isBuffer(value)) {
    const copy = Buffer.from(value);
    if (copy.length === 0) return Buffer.from([1]);
    const at = Math.floor(copy.length / 2);
    copy[at] = (copy[at] as number) ^ 0x01;
    return copy;
  }
  const s = String(value);
  if (/^\d{4}-\d\d-\d\dT/.test(s)) return s.replace(/^(\d{4})/, (y) => String(Number(y) - 1));
  if (s === "") return "x";
  // flip one character inside (digits stay digits, so JSON and hex stay well-formed)
  const i = Math.floor(s.length / 2);
  const c = s[i] as string;
  const swap = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === "a" ? "b" : "a";
  return s.slice(0, i) + swap + s.slice(i + 1);
}

function where(cols: Column[], row: Row): { sql: string; args: unknown[] } {
  const keys = cols.filter((c) => c.pk > 0);
  return { sql: keys.map((c) => `${c.name} IS ?`).join(" AND "), args: keys.map((c) => row[c.name]) };
}

function verdict(db: Database.Database) {
  const r = verifyLedger(db, trusted, { consent: consentCheck(db) });
  return {
    ok: r.ok,
    // a place names a table, a table.column, or several where the fault can lie
    places: [...new Set(r.problems.flatMap((p) => (p.place ?? p.kind).split(/[^a-z_]+/)))],
  };
}

type Attack = { what: string; apply(db: Database.Database): boolean };

/** The attacks on one table: each column of three rows changed, each of them deleted, inserted, reordered. */
function attacks(table: string): Attack[] {
  const db = fresh();
  const cols = columns(db, table);
  const rows = db.prepare(`SELECT * FROM ${table}`).all() as Row[];
  db.close();
  const picks = [...new Set([0, Math.floor(rows.length / 2), rows.length - 1])].filter(
    (i) => i >= 0 && i < rows.length,
  );
  const out: Attack[] = [];
  for (const i of picks) {
    const row = rows[i] as Row;
    const w = where(cols, row);
    for (const c of cols)
      out.push({
        what: `${table}.${c.name} of row ${i} changed`,
        apply: (d) =>
          d
            .prepare(`UPDATE ${table} SET ${c.name} = ? WHERE ${w.sql}`)
            .run(mutate(row[c.name], c.name), ...w.args).changes > 0,
      });
    out.push({
      what: `${table} row ${i} deleted`,
      apply: (d) => d.prepare(`DELETE FROM ${table} WHERE ${w.sql}`).run(...w.args).changes > 0,
    });
    out.push({
      what: `${table} row ${i} copied in under another key`,
      apply: (d) => {
        const copy: Row = { ...row };
        for (const c of cols)
          if (c.pk > 0)
            copy[c.name] =
              typeof row[c.name] === "number" ? (row[c.name] as number) + 100_000 : `${String(row[c.name])}x`;
        // a copy must differ where the table wants unique values
        for (const c of cols)
          if (c.pk === 0 && typeof copy[c.name] === "string" && table.endsWith("summaries"))
            copy[c.name] = mutate(copy[c.name], c.name);
        const names = cols.map((c) => c.name);
        try {
          d.prepare(
            `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
          ).run(...names.map((n) => copy[n]));
          return true;
        } catch {
          return false;
        }
      },
    });
  }
  if (rows.length >= 2) {
    const [a, b] = [rows[0] as Row, rows[rows.length - 1] as Row];
    const data = cols.filter((c) => c.pk === 0);
    out.push({
      what: `${table} first and last rows reordered`,
      apply: (d) => {
        if (data.length === 0) return false;
        const set = data.map((c) => `${c.name} = ?`).join(", ");
        const wa = where(cols, a);
        const wb = where(cols, b);
        if (
          data.every((c) =>
            Buffer.isBuffer(a[c.name])
              ? Buffer.compare(a[c.name] as Buffer, b[c.name] as Buffer) === 0
              : a[c.name] === b[c.name],
          )
        )
          return false;
        try {
          d.prepare(`UPDATE ${table} SET ${set} WHERE ${wa.sql}`).run(
            ...data.map((c) => b[c.name]),
            ...wa.args,
          );
          d.prepare(`UPDATE ${table} SET ${set} WHERE ${wb.sql}`).run(
            ...data.map((c) => a[c.name]),
            ...wb.args,
          );
          return true;
        } catch {
          return false;
        }
      },
    });
  }
  return out;
}

describe("every table of the state database is covered by verify", () => {
  const all = tables();
  it("starts from a history that verifies, and knows every table: covered, or listed as not covered", () => {
    expect(cleanVerdict.problems).toEqual([]);
    expect(all.length).toBeGreaterThan(10);
    for (const name of Object.keys(NOT_COVERED)) expect(all).toContain(name);
  });

  for (const table of all.filter((t) => !Object.hasOwn(NOT_COVERED, t)))
    it(`${table}: every change, deletion, insertion and reordering fails verify and names the table`, () => {
      const list = attacks(table);
      expect(list.length).toBeGreaterThan(0);
      const missed: string[] = [];
      const unnamed: string[] = [];
      let applied = 0;
      for (const attack of list) {
        const db = fresh();
        try {
          let changed = false;
          try {
            changed = attack.apply(db);
          } catch {
            changed = false; // a constraint of the schema refuses this edit: not an attack that can happen
          }
          if (!changed) continue;
          applied++;
          const v = verdict(db);
          if (v.ok) missed.push(attack.what);
          else if (!v.places.includes(table)) unnamed.push(`${attack.what} -> ${v.places.join(", ")}`);
        } finally {
          db.close();
        }
      }
      expect(applied).toBeGreaterThan(0);
      expect(missed).toEqual([]);
      expect(unnamed).toEqual([]);
    });
});

afterAll(() => {
  image = Buffer.alloc(0);
});
