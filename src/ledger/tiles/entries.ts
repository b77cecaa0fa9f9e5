// the checks on a published log's entries that need no private table: each entry is a jikimi-ledger-entry/2
// body at its own position (or a pruned entry's marker), recorded_at never runs backwards, a scope's digest
// matches it, dictionary commitments only grow, and prune events and markers agree: a marker only where a later
// prune event lists it, past its retention as far as public times show. An entry a prune event lists may still
// be served with its body (a mirror or cache may keep what was published; its leaf proves it): it is counted.
import { z } from "zod";
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
type Prune = z.infer<typeof PruneBody> & { seq: number; place: string };

/** An entry's body at position `seq`, or why it is not one. */
function parseEntry(
  seq: number,
  bytes: Uint8Array,
): z.infer<typeof ReleaseBody> | z.infer<typeof PruneBody> | string {
  let body: { format?: unknown; seq?: unknown; kind?: unknown } | null;
  try {
    body = JSON.parse(Buffer.from(bytes).toString("utf8")) as typeof body;
  } catch {
    return `entry ${seq} is not JSON`;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return `entry ${seq} is not a JSON object`;
  if (body.format !== ENTRY_FORMAT || body.seq !== seq)
    return `entry ${seq} is not a ${ENTRY_FORMAT} body for its position`;
  const schema = body.kind === "release" ? ReleaseBody : body.kind === "prune" ? PruneBody : undefined;
  if (!schema)
    return `entry ${seq} has kind ${JSON.stringify(body.kind)}: a body is a release or a prune event, and a pruned entry's marker is canonical JSON`;
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return `entry ${seq} is not a valid ${String(body.kind)} body (${parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ")})`;
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
      if (marked !== seq) this.format(seq, place, `the marker of entry ${marked} sits at position ${seq}`);
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
        message: `the scope digest of entry ${seq} does not match its phase and expression`,
      });
    if (Date.parse(entry.recorded_at) < Date.parse(this.lastRecorded))
      this.problems.add({
        kind: "recorded_backwards",
        seq,
        place,
        message: `entry ${seq} was recorded at ${entry.recorded_at}, before an earlier entry (${this.lastRecorded})`,
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
          problem(
            `prune event ${p.seq} lists entries ${from}-${to}: a prune event lists earlier entries only`,
          );
          continue;
        }
        for (let s = from; s <= to; s++) if (!listedBy.has(s)) listedBy.set(s, p);
      }
      for (const b of p.bases)
        if (listedBy.get(b.seq) !== p)
          problem(`prune event ${p.seq} names entry ${b.seq} as a base it did not prune`);
      if (
        p.retention.days < MIN_RETENTION_DAYS ||
        Date.parse(p.before) + p.retention.days * DAY_MS > Date.parse(p.recorded_at)
      )
        this.problems.add({
          kind: "pruned_early",
          seq: p.seq,
          place: p.place,
          message: `prune event ${p.seq} prunes entries recorded before ${p.before} under a ${p.retention.rule} retention that had not run out at ${p.recorded_at} (at least 3 years)`,
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
          message: `entry ${m.seq} is published as pruned, but no prune event lists it: its body was withheld outside \`jikimi ledger prune\``,
        });
        continue;
      }
      // the entry was recorded no earlier than the entries before it
      if (m.after !== "" && Date.parse(m.after) + p.retention.days * DAY_MS > Date.parse(p.recorded_at))
        this.problems.add({
          kind: "pruned_early",
          seq: m.seq,
          place: m.place,
          message: `entry ${m.seq} was pruned by entry ${p.seq} before its ${p.retention.rule} retention ran out (it was recorded at ${m.after} or later)`,
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
          message: `entry ${c.seq} commits to a subject dictionary of ${c.size} subjects that does not extend entry ${last.seq}'s (${last.size})`,
        });
      if (!last || c.head !== undefined || c.size !== last.size) last = c;
    }
  }
}
