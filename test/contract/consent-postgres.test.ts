// the consent contract on PostgreSQL: each backend is a fresh database of the suite's server, migrated on open;
// edits go through a pool of their own, as another program would make them.
import { expect, it } from "vitest";
import { ConsentRegistry } from "../../src/consent/index.js";
import { SubjectDictionary } from "../../src/ledger/subjects/dictionary.js";
import { nodeSubjectHasher } from "../../src/ledger/subjects/subject-hasher.js";
import { connectPostgres } from "../../src/store/postgres/connect.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";

type PostgresStore = Awaited<ReturnType<typeof openPostgresStore>>;

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

describePostgres("consent on postgres: a bulk recording", (db) => {
  /** Runs `work` on a store over a database of its own (`suffix`), closed and dropped after. */
  async function onOwnDatabase(suffix: string, work: (state: PostgresStore) => Promise<void>): Promise<void> {
    const name = `${db.name}_${suffix}`;
    await db.pool.query(`create database "${name}"`);
    const url = new URL(db.url);
    url.pathname = `/${name}`;
    const state = await openPostgresStore(url.toString(), { max: 2 });
    try {
      await work(state);
    } finally {
      await state.close();
      await db.pool.query(`drop database if exists "${name}" with (force)`);
    }
  }

  it(
    "leaves the event table's indexes as the migration made them after rebuilding them, and its pages all-visible",
    () =>
      onOwnDatabase("bulk", async (state) => {
        const indexes = async () =>
          (
            await state.pool.query<{ name: string; definition: string }>(
              "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename = 'consent_events' ORDER BY indexname",
            )
          ).rows;
        const vacuums = async () =>
          Number(
            (
              await state.pool.query<{ n: string }>(
                "SELECT vacuum_count AS n FROM pg_stat_user_tables WHERE relname = 'consent_events'",
              )
            ).rows[0]?.n ?? 0,
          );
        const before = await indexes();
        expect(before.length).toBeGreaterThanOrEqual(3);
        const registry = new ConsentRegistry(
          state.consent,
          new SubjectDictionary(),
          nodeSubjectHasher("k", Buffer.alloc(32, 1)),
        );
        const events = (from: number, count: number) =>
          Array.from({ length: count }, (_, i) => ({
            subject: `S${from + i}`,
            purpose: "nsf-provision",
            action: "grant" as const,
            at: new Date(Date.UTC(2024, 0, 1) + (((from + i) * 7919) % 100_000) * 60_000).toISOString(),
            source: "app",
          }));
        // pages of the table marked all-visible (what index-only reads need), as the planner's statistics have them
        const visible = async () =>
          (
            await state.pool.query<{ pages: number; visible: number }>(
              "SELECT relpages AS pages, relallvisible AS visible FROM pg_class WHERE relname = 'consent_events'",
            )
          ).rows[0];
        const now = new Date("2025-01-01T00:00:00Z");
        // the first recording into the empty table: copied frozen, every page all-visible at the commit, no VACUUM
        expect((await registry.record(events(0, 100_000), now)).recorded).toBe(100_000);
        expect(await indexes()).toEqual(before);
        const first = await visible();
        expect(first?.pages).toBeGreaterThan(0);
        expect(first?.visible).toBe(first?.pages);
        expect(await vacuums()).toBe(0);
        // a recording at least as large as the table that is not empty: indexes rebuilt, then the table vacuumed
        expect((await registry.record(events(100_000, 100_000), now)).recorded).toBe(100_000);
        expect(await indexes()).toEqual(before);
        // statistics reach pg_stat_user_tables within a moment of the VACUUM
        await expect.poll(vacuums, { timeout: 5000 }).toBeGreaterThanOrEqual(1);
        const second = await visible();
        expect(second?.visible).toBe(second?.pages);
        expect(second?.pages).toBeGreaterThan(first?.pages ?? 0);
        // a small recording keeps the indexes and does not vacuum
        const counted = await vacuums();
        expect((await registry.record(events(200_000, 10), now)).recorded).toBe(10);
        expect(await indexes()).toEqual(before);
        expect(await vacuums()).toBe(counted);
        expect((await registry.asOf("nsf-provision", "2025-01-01T00:00:00Z")).size).toBe(200_010);
      }),
    120_000,
  );

  it(
    "fails a recording whose index rebuild fails with that error, and keeps nothing of it",
    () =>
      onOwnDatabase("rebuild", async (state) => {
        // an index of the operator's own that the recording breaks: rebuilt after the COPY like the others, it fails
        // while the registry is already computing the chain and the snapshots
        await state.pool.query("CREATE UNIQUE INDEX operator_one_event ON consent_events (subject)");
        const registry = new ConsentRegistry(
          state.consent,
          new SubjectDictionary(),
          nodeSubjectHasher("k", Buffer.alloc(32, 1)),
        );
        const events = Array.from({ length: 100_000 }, (_, i) => ({
          subject: `S${i % 50_000}`,
          purpose: "nsf-provision",
          action: "grant" as const,
          at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
          source: "app",
        }));
        const error = await registry.record(events, new Date("2025-01-01T00:00:00Z")).then(
          () => undefined,
          (e: unknown) => e,
        );
        const codes: unknown[] = [];
        for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
          codes.push(e.code);
        // the unique violation itself, not "current transaction is aborted" (25P02) of a statement after it
        expect(codes).toContain("23505");
        expect(codes).not.toContain("25P02");
        const count = await state.pool.query<{ n: string }>("SELECT COUNT(*) AS n FROM consent_events");
        expect(Number(count.rows[0]?.n)).toBe(0);
        const kept = await state.pool.query(
          "SELECT 1 FROM pg_indexes WHERE indexname = 'operator_one_event'",
        );
        expect(kept.rowCount).toBe(1);
        // and the registry records once the operator's index allows it
        await state.pool.query("DROP INDEX operator_one_event");
        expect((await registry.record(events, new Date("2025-01-01T00:00:00Z"))).recorded).toBe(100_000);
      }),
    120_000,
  );
});
