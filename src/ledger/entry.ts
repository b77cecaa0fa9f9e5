// a ledger entry: one release, one held release (a hold: why a guard kept it back) or one signed prune event, in a
// canonical byte encoding (RFC 8785 JSON) that is the Merkle leaf. Every answer the ledger gives is computed from these bytes or recomputed by verify.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { z } from "zod";
import { t } from "../i18n/index.js";

const Hex256 = z.string().regex(/^[0-9a-f]{64}$/, { error: () => t("ledger.entry.hex256") });
const Name = z.string().min(1).max(200);
const Instant = z.iso.datetime({
  offset: true,
  error: () => t("ledger.entry.instant"),
});

/** The scope a release applied: the phase valid at `released_at` and its expression (none: the whole dataset). */
export const ScopeSchema = z.strictObject({
  phase: z
    .strictObject({
      name: Name,
      from: z.string().optional(),
      until: z.string().optional(),
      model_building: z.boolean(),
    })
    .optional(),
  where: z.string().max(10_000),
  digest: Hex256,
});
export type Scope = z.infer<typeof ScopeSchema>;

/** The digest a scope commits to: SHA-256 of the canonical JSON of its phase and expression. */
export function scopeDigest(scope: Omit<Scope, "digest">): string {
  const text = canonicalize({ phase: scope.phase ?? null, where: scope.where }) ?? "";
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The consent a release applied: the as-of set of one purpose, computed from the first `events` chained events. */
export const ConsentCommitmentSchema = z.strictObject({
  purpose: Name,
  as_of: Instant,
  events: z.number().int().nonnegative(),
  head: Hex256,
  count: z.number().int().nonnegative(),
  digest: Hex256,
});
export type ConsentCommitment = z.infer<typeof ConsentCommitmentSchema>;

const Count = z.number().int().nonnegative();

/** What a run read and where each row went: read = bad + out_of_scope + no_consent + released. */
export const RowCountsSchema = z.strictObject({
  read: Count,
  bad: Count,
  out_of_scope: Count,
  no_consent: Count,
  released: Count,
});
export type RowCounts = z.infer<typeof RowCountsSchema>;

/** A check finding in force for the agreement when it was released (errors refuse a release: none is recorded). */
export const FindingInForceSchema = z.strictObject({
  code: Name,
  severity: z.enum(["warning", "gap"]),
  articles: z.array(Name),
});
export type FindingInForce = z.infer<typeof FindingInForceSchema>;

const Limits = { measured: Count, limit: Count };
const Share = z.number().nonnegative();

/**
 * One reason a release was held, as data (what was measured against which limit): the share gates' holds, the
 * ledger's time rules and a recorded release's missing consent. Words come from the catalogue when it is shown.
 */
export const HoldReasonSchema = z.discriminatedUnion("code", [
  z.strictObject({
    code: z.literal("not_valid"),
    measured: z.string(),
    limit: z.strictObject({ from: z.string(), until: z.string().optional() }),
  }),
  z.strictObject({
    code: z.literal("release_time"),
    rule: z.enum(["future", "before_previous", "back_dated"]),
    /** the release time asked for */
    measured: Instant,
    /** the clock at recording (future, back_dated) or the previous release's time (before_previous) */
    limit: Instant,
    /** the back-dating window in days */
    days: Count.optional(),
  }),
  z.strictObject({ code: z.literal("max_subjects"), ...Limits }),
  z.strictObject({
    code: z.literal("max_growth"),
    measured: Share,
    limit: Share,
    subjects: Count,
    previous: Count,
  }),
  z.strictObject({ code: z.literal("max_releases_per_day"), ...Limits, day: z.string() }),
  z.strictObject({ code: z.literal("min_k"), ...Limits, quasi_identifiers: z.array(Name) }),
  z.strictObject({
    code: z.literal("max_unique_share"),
    measured: Share,
    limit: Share,
    quasi_identifiers: z.array(Name),
  }),
  z.strictObject({
    code: z.literal("reversible_digests"),
    measured: Count,
    limit: z.literal(0),
    field: Name,
    algorithm: Name,
    distinct: Count,
    seconds: Share,
  }),
  z.strictObject({
    code: z.literal("no_consent"),
    measured: Count,
    limit: z.literal(0),
    purpose: Name,
    subjects: Count,
    as_of: Instant,
  }),
]);
export type HoldReason = z.infer<typeof HoldReasonSchema>;

/**
 * A distributed release's deterministic id: the ledger records one entry per id (a retried or twice-enqueued job
 * gets the entry already recorded). Absent in entries without one, which encode as they always did.
 */
const ReleaseId = Hex256.describe(
  "the distributed release's id (sha256 of agreement, released_at and input digests): an append with an id already recorded returns that entry",
);

/** What a release declares about itself; the gateway and `ledger record --manifest` both provide it. */
export const ReleaseSchema = z.strictObject({
  released_at: Instant.describe("the operator's as-of time: scope phase, consent snapshot and validity"),
  agreement: z.strictObject({ id: Name, version: z.number().int().positive(), digest: Hex256 }),
  recipient: z.strictObject({
    id: Name,
    name: Name,
    country: z.string().regex(/^[A-Z]{2}$/, { error: () => t("ledger.entry.country") }),
  }),
  legal_basis: Name,
  purposes: z.array(Name).min(1),
  fields: z
    .array(
      z.strictObject({
        name: Name,
        transform: Name,
        key_id: Name.optional(),
        categories: z.array(Name).default([]),
      }),
    )
    .min(1),
  records: z.number().int().nonnegative(),
  files: z
    .array(z.strictObject({ name: Name, bytes: z.number().int().nonnegative(), sha256: Hex256 }))
    .default([]),
  scope: ScopeSchema.optional(),
  consent: ConsentCommitmentSchema.optional(),
  operator: Name,
  override: z.string().min(1).max(2000).optional().describe("the reason an operator released despite a hold"),
  /** the holds an override released past (absent in entries recorded before holds were data) */
  overridden: z.array(HoldReasonSchema).optional(),
  channel: z.enum(["gateway", "api", "file", "manual"]).default("gateway"),
  rows: RowCountsSchema.optional().describe("what the run read and where each row went (the gateway's runs)"),
  findings: z.array(FindingInForceSchema).optional().describe("the agreement's check findings at release"),
  release_id: ReleaseId.optional(),
});
export type Release = z.infer<typeof ReleaseSchema>;
export type ReleaseInput = z.input<typeof ReleaseSchema>;

/** A release a guard or gate held: what it would have been, why it was held, and what the run had counted. */
export const HoldSchema = z.strictObject({
  released_at: Instant,
  agreement: ReleaseSchema.shape.agreement,
  recipient: ReleaseSchema.shape.recipient,
  legal_basis: Name,
  purposes: z.array(Name).min(1),
  holds: z.array(HoldReasonSchema).min(1),
  /** distinct people the release would have carried (0 when held before a row was read) */
  subjects: Count,
  /** the gateway's runs; a release recorded from a manifest has no rows */
  rows: RowCountsSchema.optional(),
  findings: z.array(FindingInForceSchema).optional(),
  operator: Name,
  channel: z.enum(["gateway", "api", "file", "manual"]),
  release_id: ReleaseId.optional(),
});
export type Hold = z.infer<typeof HoldSchema>;

export const ENTRY_FORMAT = "jikimi-ledger-entry/2";

/** An entry's canonical bytes must fit a tlog-tiles entry bundle's 16-bit length prefix (tiles/bundle.ts). */
export const MAX_ENTRY_BYTES = 0xffff;

/** The dictionary's state after an entry: its size and a hash chain over the subject hashes in index order. */
export interface DictionaryCommitment {
  size: number;
  head: string;
}

/**
 * What a release commits to for per-person receipts: the root (hex) of the RFC 6962 tree over its members' keyed
 * values in chunks of `chunk` (receipts/tree.ts). Absent in entries recorded before receipts existed.
 */
export interface ReceiptsCommitment {
  root: string;
  chunk: number;
}

export interface ReleaseBody extends Release {
  format: typeof ENTRY_FORMAT;
  kind: "release";
  seq: number;
  /** the real clock at append; the signed tree head carries the same time */
  recorded_at: string;
  categories: string[];
  subjects: { count: number; digest: string; key_id: string };
  dictionary: DictionaryCommitment;
  receipts?: ReceiptsCommitment;
}

/** A signed prune event: which entries lost their bodies and sets, under which retention, and each chain's new base. */
export interface PruneBody {
  format: typeof ENTRY_FORMAT;
  kind: "prune";
  seq: number;
  recorded_at: string;
  /** entries recorded before this time were pruned */
  before: string;
  retention: { rule: string; days: number };
  /** pruned entry numbers as inclusive ranges [from, to] */
  pruned: [number, number][];
  /** per chain, the last pruned release (its full set stays as the chain's base), that set's digest, and how
   * many releases the chain had up to and including it */
  bases: { chain: string; seq: number; digest: string; releases: number }[];
  /** where the pruned entries' dictionary commitments grew, as [seq, size]: verify still chains through them */
  dictionary_steps: [number, number][];
  operator: string;
  dictionary: DictionaryCommitment;
}

/** A signed hold: a release kept back, with its reasons; no subject set and no file go with it. */
export interface HoldBody extends Hold {
  format: typeof ENTRY_FORMAT;
  kind: "hold";
  seq: number;
  recorded_at: string;
  dictionary: DictionaryCommitment;
}

export type EntryBody = ReleaseBody | PruneBody | HoldBody;

/** The entry's canonical bytes: RFC 8785 JSON in UTF-8. */
export function encodeEntry(body: EntryBody): Buffer {
  const text = canonicalize(body);
  if (text === undefined) throw new Error("entry cannot be encoded");
  return Buffer.from(text, "utf8");
}

/** Builds the body of release `seq`: the validated release, its subject set, the dictionary, the receipts root. */
export function releaseBody(
  seq: number,
  release: Release,
  recordedAt: string,
  subjects: ReleaseBody["subjects"],
  dictionary: DictionaryCommitment,
  receipts?: ReceiptsCommitment,
): ReleaseBody {
  const categories = [...new Set(release.fields.flatMap((f) => f.categories))].sort();
  return {
    format: ENTRY_FORMAT,
    kind: "release",
    seq,
    ...release,
    recorded_at: recordedAt,
    categories,
    subjects,
    dictionary,
    ...(receipts ? { receipts } : {}),
  };
}

/** Expands inclusive ranges into entry numbers. */
export function* rangeMembers(ranges: readonly [number, number][]): Generator<number> {
  for (const [from, to] of ranges) for (let s = from; s <= to; s++) yield s;
}

/** Packs sorted entry numbers into inclusive ranges. */
export function toRanges(seqs: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of seqs) {
    const last = out.at(-1);
    if (last && last[1] === s - 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}
