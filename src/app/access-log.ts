// the access log the DPO reads: every read of a person's history or receipts over the API and every detokenize,
// as who (token id and role), when, and which subject (its ledger hash, never the key). Events are hash-chained:
// each hash is SHA-256 over the previous hash and the event's canonical JSON (RFC 8785), so a deleted or changed
// event breaks the chain at that place (`verifyAccessLog`).
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { AccessEvent, AccessLogStore } from "../ports/access.js";
import type { Principal } from "./tokens.js";

/** What is recorded about one access, besides who and when. */
export type AccessRecord = Pick<AccessEvent, "action" | "subject" | "agreement" | "field" | "count">;

/** The chained hash of `event` after `previous`. */
export function accessHash(previous: Uint8Array, event: Omit<AccessEvent, "hash">): Uint8Array {
  const { at, actor, role, action, subject, agreement, field, count } = event;
  const body = canonicalize({ at, actor, role, action, subject, agreement, field, count }) ?? "";
  return new Uint8Array(createHash("sha256").update(previous).update(body, "utf8").digest());
}

/**
 * Records one access by `who`, durable when the promise resolves; returns the event's id. Events that arrive while
 * an append is under way are appended together in the next one (group commit): under load one transaction carries
 * the events of many requests, and each caller still waits for its own event to be stored. A failed append
 * rejects every caller in it: none of their answers is given.
 * @example await recordAccess(ws.store.accessLog, principal, { action: "subject_history", subject: hashHex });
 */
export function recordAccess(
  log: AccessLogStore,
  who: Principal,
  what: AccessRecord,
  now: Date = new Date(),
): Promise<number> {
  const event: Omit<AccessEvent, "hash"> = {
    at: now.toISOString(),
    actor: who.kind === "token" ? who.id : "subject",
    role: who.role,
    ...what,
  };
  let recorder = recorders.get(log);
  if (recorder === undefined) {
    recorder = new GroupAppender(log);
    recorders.set(log, recorder);
  }
  return recorder.add(event);
}

/** the most events one transaction carries */
const MAX_GROUP = 512;

const recorders = new WeakMap<AccessLogStore, GroupAppender>();

interface Waiting {
  event: Omit<AccessEvent, "hash">;
  resolve: (id: number) => void;
  reject: (cause: unknown) => void;
}

/** One append in flight per store; what arrives meanwhile waits for the next, and goes in one transaction. */
class GroupAppender {
  private readonly waiting: Waiting[] = [];
  private busy = false;

  constructor(private readonly log: AccessLogStore) {}

  add(event: Omit<AccessEvent, "hash">): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      if (!this.busy) {
        this.busy = true;
        // the rest of this turn's requests join the first append
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_GROUP);
      try {
        const first = await this.log.append((previous) => {
          let prev = previous;
          return group.map(({ event }) => {
            const hash = accessHash(prev, event);
            prev = hash;
            return { ...event, hash };
          });
        });
        for (const [i, w] of group.entries()) w.resolve(first + i);
      } catch (cause) {
        for (const w of group) w.reject(cause);
      }
    }
    this.busy = false;
  }
}

/**
 * Walks the chain from the first event: undefined when every hash holds, else the id of the first event whose hash
 * does not follow from the one before (changed, inserted, or following a deleted event).
 * @example const broken = verifyAccessLog(events, new Uint8Array(32));
 */
export function verifyAccessLog(
  events: readonly (AccessEvent & { id: number })[],
  previous: Uint8Array = new Uint8Array(32),
): number | undefined {
  let prev = previous;
  let expectedId = events[0]?.id ?? 1;
  for (const e of events) {
    const { hash, id, ...rest } = e;
    if (id !== expectedId || !Buffer.from(accessHash(prev, rest)).equals(Buffer.from(hash))) return id;
    prev = hash;
    expectedId = id + 1;
  }
  return undefined;
}
