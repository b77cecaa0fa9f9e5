// the consent registry's prepared SQL over migration 3's tables and migration 8's chain columns (times in ms
// since 1970 UTC, subjects as dictionary indexes); nothing here interprets the results.
import type Database from "better-sqlite3";
import { hasConsentChain } from "./migration.js";

/** Before any event: the (at, id) cut of "no snapshot". */
export const START_AT = -8_640_000_000_000_000;

/**
 * The numbers of a json_group_array of an integer column (SQLite writes integers in decimal, so they parse to
 * what better-sqlite3 would return), or undefined when any value is text (quoted), real (SQLite writes a '.'
 * or an 'e' in every real) or NULL: read those rows one by one.
 * @example integerColumn("[1,-2,3]") // [1, -2, 3]
 */
export function integerColumn(json: unknown): number[] | undefined {
  if (
    typeof json !== "string" ||
    json.includes(".") ||
    json.includes("e") ||
    json.includes("E") ||
    json.includes('"') ||
    json.includes("n")
  )
    return undefined;
  try {
    return JSON.parse(json) as number[];
  } catch {
    return undefined;
  }
}

/**
 * The last value of a JSON array of integers, exactly (a page's cursor), or undefined when it is empty.
 * @example lastInteger("[1,2,9007199254740993]") // 9007199254740993n
 */
export function lastInteger(json: string): bigint | undefined {
  if (json.length <= 2) return undefined;
  return BigInt(json.slice(json.lastIndexOf(",") + 1, -1).replace("[", ""));
}

/**
 * The one row of a page statement (JSON aggregates), or undefined when SQLite cannot build it (a BLOB where
 * JSON wants a value): read those rows one by one.
 */
export function pageRow<A extends unknown[]>(
  statement: Database.Statement<A>,
  ...args: A
): unknown[] | undefined {
  try {
    return statement.get(...args) as unknown[];
  } catch {
    return undefined;
  }
}

export type EventRow = [id: number, at: number, subject: number, granted: number];
export type ReplayRow = [subject: number, granted: number];

export interface SnapshotRow {
  at: number;
  lastId: number;
  events: number;
  data: Buffer;
}

export interface HistoryRow {
  purpose: string;
  at: number;
  granted: number;
  source: string;
  evidence: string | null;
  recordedAt: string;
}

/** Every statement the registry runs, prepared once per connection. */
export class ConsentStatements {
  readonly purposeId: Database.Statement<[string], { id: number }>;
  readonly addPurpose: Database.Statement<[string]>;
  readonly purposeNames: Database.Statement<[], { name: string }>;
  readonly sourceId: Database.Statement<[string], { id: number }>;
  readonly addSource: Database.Statement<[string]>;
  readonly addBatch: Database.Statement<[string, number]>;
  /** stores a batch's event ids and chain head; undefined before store migration 8 */
  readonly chainBatch: Database.Statement<[number, number, Buffer, number]> | undefined;
  readonly addEvent: Database.Statement<[number, number, number, number, number, string | null, number]>;
  readonly dropSnapshots: Database.Statement<[number, number, number, number]>;
  readonly latestSnapshot: Database.Statement<[number, number], SnapshotRow>;
  readonly addSnapshot: Database.Statement<[number, number, number, number, number, Uint8Array]>;
  /** a page of events after the cut (at, id), in (at, id) order */
  readonly eventsAfter: Database.Statement<[number, number, number, number, number], EventRow>;
  /** events after the cut (at, id) up to a time, in (at, id) order */
  readonly eventsUntil: Database.Statement<[number, number, number, number, number], ReplayRow>;
  readonly subjectHistory: Database.Statement<[number], HistoryRow>;

  constructor(db: Database.Database) {
    this.purposeId = db.prepare("SELECT id FROM consent_purposes WHERE name = ?");
    this.addPurpose = db.prepare(
      "INSERT INTO consent_purposes (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
    );
    this.purposeNames = db.prepare("SELECT name FROM consent_purposes ORDER BY name");
    this.sourceId = db.prepare("SELECT id FROM consent_sources WHERE name = ?");
    this.addSource = db.prepare(
      "INSERT INTO consent_sources (name) VALUES (?) ON CONFLICT (name) DO NOTHING",
    );
    this.addBatch = db.prepare("INSERT INTO consent_batches (recorded_at, events) VALUES (?, ?)");
    this.chainBatch = hasConsentChain(db)
      ? db.prepare("UPDATE consent_batches SET first_id = ?, last_id = ?, head = ? WHERE id = ?")
      : undefined;
    this.addEvent = db.prepare(
      "INSERT INTO consent_events (purpose, at, subject, granted, source, evidence, batch) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    this.dropSnapshots = db.prepare(
      "DELETE FROM consent_snapshots WHERE purpose = ? AND (at > ? OR (at = ? AND last_id >= ?))",
    );
    this.latestSnapshot = db.prepare(
      `SELECT at, last_id AS lastId, events, data FROM consent_snapshots
       WHERE purpose = ? AND at <= ? ORDER BY at DESC, last_id DESC LIMIT 1`,
    );
    this.addSnapshot = db.prepare(
      "INSERT INTO consent_snapshots (purpose, at, last_id, events, subjects, data) VALUES (?, ?, ?, ?, ?, ?)",
    );
    this.eventsAfter = db
      .prepare(
        `SELECT id, at, subject, granted FROM consent_events INDEXED BY consent_events_purpose_at
         WHERE purpose = ? AND at >= ? AND (at > ? OR id > ?) ORDER BY at, id LIMIT ?`,
      )
      .raw(true) as unknown as Database.Statement<[number, number, number, number, number], EventRow>;
    this.eventsUntil = db
      .prepare(
        `SELECT subject, granted FROM consent_events INDEXED BY consent_events_purpose_at
         WHERE purpose = ? AND at >= ? AND (at > ? OR id > ?) AND at <= ? ORDER BY at, id`,
      )
      .raw(true) as unknown as Database.Statement<[number, number, number, number, number], ReplayRow>;
    this.subjectHistory = db.prepare(
      `SELECT p.name AS purpose, e.at AS at, e.granted AS granted, s.name AS source, e.evidence AS evidence,
              b.recorded_at AS recordedAt
       FROM consent_events e
       JOIN consent_purposes p ON p.id = e.purpose
       JOIN consent_sources s ON s.id = e.source
       JOIN consent_batches b ON b.id = e.batch
       WHERE e.subject = ? ORDER BY p.name, e.at, e.id`,
    );
  }
}
