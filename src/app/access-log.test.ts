// the access log's group commit: accesses recorded together land in few appends, in the order they were made, each
// caller learning its own event's id only once it is stored; a failed append fails exactly the callers in it.
import { describe, expect, it } from "vitest";
import type { AccessEvent, AccessLogStore } from "../ports/access.js";
import { recordAccess, verifyAccessLog } from "./access-log.js";
import type { Principal } from "./tokens.js";

const dpo: Principal = { kind: "token", id: "d1", role: "dpo", name: "dpo" };

/** An access log in memory that counts its appends and can be told to fail the next one. */
function memoryLog() {
  const events: (AccessEvent & { id: number })[] = [];
  const state = { appends: 0, failNext: false };
  const log: AccessLogStore = {
    append: async (make) => {
      state.appends++;
      await new Promise((r) => setTimeout(r, 2));
      const made = make(events.at(-1)?.hash ?? new Uint8Array(32));
      if (state.failNext) {
        state.failNext = false;
        throw new Error("disk full");
      }
      const first = events.length + 1;
      for (const [i, e] of made.entries()) events.push({ ...e, id: first + i });
      return first;
    },
    list: async ({ after, limit }) => events.filter((e) => e.id > after).slice(0, limit),
  };
  return { log, events, state };
}

const read = (i: number) => ({
  action: "subject_history" as const,
  subject: i.toString(16).padStart(32, "0"),
});

describe("recordAccess", () => {
  it("appends the accesses of one moment together, in order, and gives each caller its own id", async () => {
    const { log, events, state } = memoryLog();
    const ids = await Promise.all(Array.from({ length: 100 }, (_, i) => recordAccess(log, dpo, read(i))));
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(state.appends).toBe(1);
    expect(events.map((e) => e.subject)).toEqual(Array.from({ length: 100 }, (_, i) => read(i).subject));
    expect(verifyAccessLog(events)).toBeUndefined();
    // what arrives while an append is under way goes in the next one
    const first = recordAccess(log, dpo, read(100));
    await new Promise((r) => setTimeout(r, 1));
    const later = Array.from({ length: 10 }, (_, i) => recordAccess(log, dpo, read(101 + i)));
    expect(await first).toBe(101);
    expect(await Promise.all(later)).toEqual(Array.from({ length: 10 }, (_, i) => 102 + i));
    expect(state.appends).toBe(3);
    expect(verifyAccessLog(events)).toBeUndefined();
  });

  it("fails every caller of a failed append, and none of the next", async () => {
    const { log, events, state } = memoryLog();
    state.failNext = true;
    const failed = Array.from({ length: 5 }, (_, i) => recordAccess(log, dpo, read(i)));
    for (const p of failed) await expect(p).rejects.toThrow("disk full");
    expect(events).toEqual([]);
    expect(await Promise.all([recordAccess(log, dpo, read(5)), recordAccess(log, dpo, read(6))])).toEqual([
      1, 2,
    ]);
    expect(verifyAccessLog(events)).toBeUndefined();
  });
});
