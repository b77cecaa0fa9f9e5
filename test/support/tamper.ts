// the attacks of the tamper suites, made from the schema of a database image: every column of three rows
// changed (or of every row, for the columns named), each of those rows deleted and copied in under another key,
// and the first and last rows' data swapped. test/ledger-tamper.test.ts runs them against `ledger verify`,
// test/tiles-tamper.test.ts against `ledger publish` and `verify log`.
import type Database from "better-sqlite3";

export type Row = Record<string, unknown>;
export interface Column {
  name: string;
  pk: number;
}
/** An attack: what it does, the column it changes, the rows it touches (as they are, or as inserted), and how. */
export type Attack = { what: string; column?: string; rows: Row[]; apply(db: Database.Database): boolean };

/**
 * Deleting a row of these tables is not an attack verify can see, and why: a cosignature or a witnessed
 * checkpoint kept beside the log is evidence a witness gave; deleting it loses the local copy only, since the
 * witness keeps its latest checkpoint and refuses any history that does not extend it.
 */
export const DELETION_UNSEEN: Record<string, string> = {
  ledger_checkpoints: "a checkpoint sent to witnesses: the witnesses keep what they cosigned",
  ledger_cosignatures: "a witness's cosignature: the witness keeps the checkpoint it cosigned",
};

/** The tables of a database, by name. */
export function tables(db: Database.Database): string[] {
  return (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);
}

/** A different value of the same kind (digits stay digits, so JSON and hex stay well-formed). */
export function mutate(value: unknown, column: string): unknown {
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
  const i = Math.floor(s.length / 2);
  const c = s[i] as string;
  const swap = /\d/.test(c) ? String((Number(c) + 1) % 10) : c === "a" ? "b" : "a";
  return s.slice(0, i) + swap + s.slice(i + 1);
}

/** The attacks on `table` of the database `fresh()` opens; with `everyRow`, those columns changed in every row. */
export function attacks(table: string, fresh: () => Database.Database, everyRow: string[] = []): Attack[] {
  const db = fresh();
  const cols = db.prepare(`PRAGMA table_info(${table})`).all() as Column[];
  const rows = db.prepare(`SELECT * FROM ${table}`).all() as Row[];
  db.close();
  const keys = cols.filter((c) => c.pk > 0);
  const where = (row: Row) => ({
    sql: keys.map((c) => `${c.name} IS ?`).join(" AND "),
    args: keys.map((c) => row[c.name]),
  });
  const picks = [...new Set([0, Math.floor(rows.length / 2), rows.length - 1])].filter(
    (i) => i >= 0 && i < rows.length,
  );
  const out: Attack[] = [];
  for (const [i, row] of rows.entries()) {
    const w = where(row);
    for (const c of cols)
      if (picks.includes(i) || everyRow.includes(c.name))
        out.push({
          what: `${table}.${c.name} of row ${i} changed`,
          column: c.name,
          rows: [row],
          apply: (d) =>
            d
              .prepare(`UPDATE ${table} SET ${c.name} = ? WHERE ${w.sql}`)
              .run(mutate(row[c.name], c.name), ...w.args).changes > 0,
        });
    if (!picks.includes(i)) continue;
    if (!Object.hasOwn(DELETION_UNSEEN, table))
      out.push({
        what: `${table} row ${i} deleted`,
        rows: [row],
        apply: (d) => d.prepare(`DELETE FROM ${table} WHERE ${w.sql}`).run(...w.args).changes > 0,
      });
    const copy: Row = { ...row };
    for (const c of keys)
      copy[c.name] =
        typeof row[c.name] === "number" ? (row[c.name] as number) + 100_000 : `${String(row[c.name])}x`;
    // a copy must differ where the table wants unique values
    for (const c of cols)
      if (c.pk === 0 && typeof copy[c.name] === "string" && table.endsWith("summaries"))
        copy[c.name] = mutate(copy[c.name], c.name);
    out.push({
      what: `${table} row ${i} copied in under another key`,
      rows: [copy],
      apply: (d) => {
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
  const data = cols.filter((c) => c.pk === 0);
  if (rows.length >= 2 && data.length > 0) {
    const [a, b] = [rows[0] as Row, rows[rows.length - 1] as Row];
    out.push({
      what: `${table} first and last rows reordered`,
      rows: [a, b],
      apply: (d) => {
        const same = (x: unknown, y: unknown) =>
          Buffer.isBuffer(x) && Buffer.isBuffer(y) ? Buffer.compare(x, y) === 0 : x === y;
        if (data.every((c) => same(a[c.name], b[c.name]))) return false;
        const set = data.map((c) => `${c.name} = ?`).join(", ");
        try {
          d.prepare(`UPDATE ${table} SET ${set} WHERE ${where(a).sql}`).run(
            ...data.map((c) => b[c.name]),
            ...where(a).args,
          );
          d.prepare(`UPDATE ${table} SET ${set} WHERE ${where(b).sql}`).run(
            ...data.map((c) => a[c.name]),
            ...where(b).args,
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

/** Applies an attack to `db`; false when it changed nothing or the schema's constraints refused the edit. */
export function attackApplies(attack: Attack, db: Database.Database): boolean {
  try {
    return attack.apply(db);
  } catch {
    return false; // a constraint of the schema refuses this edit: not an attack that can happen
  }
}

/**
 * Runs each attack on a fresh copy and asks `verdict`: the attacks it missed, and those it caught without naming
 * `table` among its places (with the places it named). `applied` counts the attacks the schema let happen.
 */
export async function sweep(
  table: string,
  list: Attack[],
  fresh: () => Database.Database,
  verdict: (db: Database.Database) => Promise<{ ok: boolean; places: string[] }>,
): Promise<{ applied: number; missed: string[]; unnamed: string[] }> {
  const missed: string[] = [];
  const unnamed: string[] = [];
  let applied = 0;
  for (const attack of list) {
    const db = fresh();
    try {
      if (!attackApplies(attack, db)) continue;
      applied++;
      const v = await verdict(db);
      if (v.ok) missed.push(attack.what);
      else if (!v.places.includes(table)) unnamed.push(`${attack.what} -> ${v.places.join(", ")}`);
    } finally {
      db.close();
    }
  }
  return { applied, missed, unnamed };
}
