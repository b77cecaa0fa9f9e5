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
 * Records one access by `who`; returns the event's id.
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
  return log.append((previous) => ({ ...event, hash: accessHash(previous, event) }));
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
