// the rows of the API tokens and access log tables, as both dialects read them back.
import type { AccessEvent, Role, TokenRecord } from "../ports/access.js";

export interface RawToken {
  id: string;
  name: string;
  role: string;
  secret_hash: Uint8Array;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface RawAccess {
  id: number | string;
  at: string;
  actor: string;
  role: string;
  action: string;
  subject: string | null;
  agreement: string | null;
  field: string | null;
  count: number | null;
  hash: Uint8Array;
}

/** A token row as the port gives it. */
export function tokenOf(r: RawToken): TokenRecord {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    secretHash: new Uint8Array(r.secret_hash),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }),
  };
}

/** An access log row as the port gives it. */
export function accessOf(r: RawAccess): AccessEvent & { id: number } {
  return {
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    role: r.role as Role,
    action: r.action as AccessEvent["action"],
    ...(r.subject === null ? {} : { subject: r.subject }),
    ...(r.agreement === null ? {} : { agreement: r.agreement }),
    ...(r.field === null ? {} : { field: r.field }),
    ...(r.count === null ? {} : { count: r.count }),
    hash: new Uint8Array(r.hash),
  };
}

/** The values of one access event in column order (at, actor, role, action, subject, agreement, field, count, hash). */
export function accessValues(e: AccessEvent): unknown[] {
  return [
    e.at,
    e.actor,
    e.role,
    e.action,
    e.subject ?? null,
    e.agreement ?? null,
    e.field ?? null,
    e.count ?? null,
    Buffer.from(e.hash),
  ];
}

/** The hash the first event chains from. */
export const ACCESS_GENESIS = new Uint8Array(32);
