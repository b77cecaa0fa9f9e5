// the API's access port: bearer tokens (only a hash of each secret is kept) and the access log the DPO reads
// (every read of a person's history and every detokenize: who, when, which subject hash, never a subject key).

/** What a token may do; see src/server/roles.ts for the routes each role reaches. */
export type Role = "operator" | "dpo" | "regulator" | "controller" | "subject";

export const ROLES: readonly Role[] = ["operator", "dpo", "regulator", "controller", "subject"];

/** A stored API token: the secret itself is never stored, only SHA-256 of it (the secret is 256 random bits). */
export interface TokenRecord {
  /** public id, the first part of the token text; names the token in logs and the access log */
  id: string;
  /** what the operator called it (`airflow-nightly`) */
  name: string;
  role: Role;
  secretHash: Uint8Array;
  createdAt: string;
  expiresAt: string;
  revokedAt?: string;
}

/** @example await store.insert(record); const t = await store.find(id); await store.revoke(id, now); */
export interface TokenStore {
  insert(token: TokenRecord): Promise<void>;
  find(id: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
  /** false when no such token, or it was revoked already */
  revoke(id: string, at: string): Promise<boolean>;
}

/** One recorded access: a person's history or receipts read, or tokens opened by detokenize. */
export interface AccessEvent {
  at: string;
  /** the token id, or `subject` for a person's own signed token */
  actor: string;
  role: Role;
  action: "subject_history" | "subject_receipts" | "subject_statement" | "detokenize";
  /** the subject's ledger hash (hex), for subject reads */
  subject?: string;
  agreement?: string;
  field?: string;
  /** how many values were opened (detokenize) */
  count?: number;
  /** SHA-256 over the previous event's hash and this event's canonical JSON: a hash chain the DPO can check */
  hash: Uint8Array;
}

/** @example await log.append((previous) => [chained(previous, event)]); const page = await log.list({ after: 0, limit: 100 }); */
export interface AccessLogStore {
  /**
   * Appends events in one transaction: `make` gets the last event's hash (32 zero bytes when empty), read in that
   * transaction, and gives the events to append in order, each chained from the one before; resolves with the
   * first event's id (the others follow it).
   */
  append(make: (previous: Uint8Array) => readonly AccessEvent[]): Promise<number>;
  list(page: { after: number; limit: number }): Promise<(AccessEvent & { id: number })[]>;
}
