// the checks on a published log's entries that need no private table: each entry is a jikimi-ledger-entry/2
// body (a release, a hold or a prune event) at its own position (or a pruned entry's marker), recorded_at never runs backwards, a scope's digest
// matches it, dictionary commitments only grow, and prune events and markers agree: a marker only where a later
// prune event lists it, past its retention as far as public times show. An entry a prune event lists may still
// be served with its body (a mirror or cache may keep what was published; its leaf proves it): it is counted.
import { z } from "zod";
import { t } from "../../i18n/index.js";
import { ENTRY_FORMAT, scopeDigest } from "../entry.js";
import { markerLeaf } from "./bundle.js";
import type { TilesProblems } from "./problems.js";

const DAY_MS = 86_400_000;
const MIN_RETENTION_DAYS = 3 * 365;
const Hex256 = z.string().regex(/^[0-9a-f]{64}$/);
const Instant = z.iso.datetime({ offset: true });
const Seq = z.number().int().nonnegative();
const Dictionary = z.looseObject({ size: Seq, head: Hex256 });
// lenient: a body may carry fields this jikimi does not know (a newer jikimi wrote it); these are the ones checked
const ReleaseBody = z.looseObject({
  kind: z.literal("release"),
  released_at: Instant,
  recorded_at: Instant,
  dictionary: Dictionary,
  scope: z.looseObject({ phase: z.looseObject({}).optional(), where: z.string(), digest: Hex256 }).optional(),
});
const PruneBody = z.looseObject({
  kind: z.literal("prune"),
  recorded_at: Instant,
  before: Instant,
  retention: z.looseObject({ rule: z.string(), days: z.number().int().nonnegative() }),
  pruned: z.array(z.tuple([Seq, Seq])),
  bases: z.array(z.looseObject({ seq: Seq })),
  dictionary_steps: z.array(z.tuple([Seq, Seq])).default([]),
  dictionary: Dictionary,
});
const HoldBody = z.looseObject({
  kind: z.literal("hold"),
  released_at: Instant,
  recorded_at: Instant,
  holds: z.array(z.looseObject({ code: z.string() })).min(1),
  dictionary: Dictionary,
});
type Prune = z.infer<typeof PruneBody> & { seq: number; place: string };
const SCHEMAS = { release: ReleaseBody, prune: PruneBody, hold: HoldBody } as const;
type Body = z.infer<(typeof SCHEMAS)[keyof typeof SCHEMAS]>;

/** An entry's body at position `seq`, or why it is not one. */
function parseEntry(seq: number, bytes: Uint8Array): Body | string {
  let body: { format?: unknown; seq?: unknown; kind?: unknown } | null;
  try {
    body = JSON.parse(Buffer.from(bytes).toString("utf8")) as typeof body;
  } catch {
    return t("ledger.entries.not_json", { seq });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return t("ledger.entries.not_object", { seq });
  if (body.format !== ENTRY_FORMAT || body.seq !== seq)
    return t("ledger.entries.not_format", { seq, format: ENTRY_FORMAT });
  const schema =
    typeof body.kind === "string" && Object.hasOwn(SCHEMAS, body.kind)
      ? SCHEMAS[body.kind as keyof typeof SCHEMAS]
      : undefined;
  if (!schema) return t("ledger.entries.bad_kind", { seq, kind: JSON.stringify(body.kind) ?? "undefined" });
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return t("ledger.entries.invalid", {
      seq,
      kind: String(body.kind),
      paths: parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", "),
    });
  return parsed.data;
}

/** Checks entries fed in log order; `finish` checks what needs the whole log (prune events come after). */
export class EntryChecks {
  private lastRecorded = "";
  private readonly markers: { seq: number; after: string; place: string }[] = [];
  private readonly prunes: Prune[] = [];
  private readonly commitments: { seq: number; size: number; head?: string }[] = [];
  /** entries a prune event lists that are still served with their body */
  retained = 0;

  constructor(private readonly problems: TilesProblems) {}

  /** One entry at position `seq` of the bundle `place`; its leaf was checked by the caller. */
  add(seq: number, bytes: Uint8Array, place: string): void {
    if (markerLeaf(bytes) !== undefined) {
      const marked = (JSON.parse(Buffer.from(bytes).toString("utf8")) as { seq: number }).seq;
      if (marked !== seq) this.format(seq, place, t("ledger.entries.marker_misplaced", { marked, seq }));
      else this.markers.push({ seq, after: this.lastRecorded, place });
      return;
    }
    const entry = parseEntry(seq, bytes);
    if (typeof entry === "string") {
      this.format(seq, place, entry);
      return;
    }
    if (entry.kind === "release" && entry.scope && scopeDigest(entry.scope as never) !== entry.scope.digest)
      this.problems.add({
        kind: "scope_changed",
        seq,
        place,
        message: t("ledger.verify.scope_changed", { seq }),
      });
    if (Date.parse(entry.recorded_at) < Date.parse(this.lastRecorded))
      this.problems.add({
        kind: "recorded_backwards",
        seq,
        place,
        message: t("ledger.entries.recorded_backwards", {
          seq,
          at: entry.recorded_at,
          last: this.lastRecorded,
        }),
      });
    else this.lastRecorded = entry.recorded_at;
    this.commitments.push({ seq, size: entry.dictionary.size, head: entry.dictionary.head });
    if (entry.kind === "prune") {
      this.prunes.push({ ...entry, seq, place });
      for (const [s, size] of entry.dictionary_steps) this.commitments.push({ seq: s, size });
    }
  }

  private format(seq: number, place: string, message: string): void {
    this.problems.add({ kind: "unsupported_format", seq, place, message });
  }

  /** The checks across entries: prune events against markers, retention, dictionary growth. */
  finish(): void {
    const listedBy = new Map<number, Prune>();
    for (const p of this.prunes) {
      const problem = (message: string) =>
        this.problems.add({ kind: "prune_mismatch", seq: p.seq, place: p.place, message });
      for (const [from, to] of p.pruned) {
        // checked before expanding: a range is at most the log before the event
        if (from > to || to >= p.seq) {
          problem(t("ledger.entries.prune_lists_later", { seq: p.seq, from, to }));
          continue;
        }
        for (let s = from; s <= to; s++) if (!listedBy.has(s)) listedBy.set(s, p);
      }
      for (const b of p.bases)
        if (listedBy.get(b.seq) !== p) problem(t("ledger.entries.prune_base", { seq: p.seq, base: b.seq }));
      if (
        p.retention.days < MIN_RETENTION_DAYS ||
        Date.parse(p.before) + p.retention.days * DAY_MS > Date.parse(p.recorded_at)
      )
        this.problems.add({
          kind: "pruned_early",
          seq: p.seq,
          place: p.place,
          message: t("ledger.entries.prune_early", {
            seq: p.seq,
            before: p.before,
            rule: p.retention.rule,
            at: p.recorded_at,
          }),
        });
    }
    const marked = new Set<number>();
    for (const m of this.markers) {
      marked.add(m.seq);
      const p = listedBy.get(m.seq);
      if (!p) {
        this.problems.add({
          kind: "pruned_unlisted",
          seq: m.seq,
          place: m.place,
          message: t("ledger.entries.pruned_unlisted", { seq: m.seq }),
        });
        continue;
      }
      // the entry was recorded no earlier than the entries before it
      if (m.after !== "" && Date.parse(m.after) + p.retention.days * DAY_MS > Date.parse(p.recorded_at))
        this.problems.add({
          kind: "pruned_early",
          seq: m.seq,
          place: m.place,
          message: t("ledger.entries.pruned_early", {
            seq: m.seq,
            by: p.seq,
            rule: p.retention.rule,
            after: m.after,
          }),
        });
    }
    for (const s of listedBy.keys()) if (!marked.has(s)) this.retained++;
    this.checkDictionary();
  }

  /** Every entry commits to the subject dictionary as it stood: sizes never shrink, one size has one head. */
  private checkDictionary(): void {
    const sorted = [...this.commitments].sort((a, b) => a.seq - b.seq);
    let last: { seq: number; size: number; head?: string } | undefined;
    for (const c of sorted) {
      if (
        last &&
        (c.size < last.size || (c.size === last.size && c.head && last.head && c.head !== last.head))
      )
        this.problems.add({
          kind: "dictionary_changed",
          seq: c.seq,
          message: t("ledger.entries.dictionary", {
            seq: c.seq,
            size: c.size,
            last: last.seq,
            lastSize: last.size,
          }),
        });
      if (!last || c.head !== undefined || c.size !== last.size) last = c;
    }
  }
}
