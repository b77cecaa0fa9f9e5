// subject sets of releases: roaring bitmaps of dictionary indexes. A chain (one agreement) stores a
// snapshot every SNAPSHOT_EVERY releases and the XOR with the previous release in between, because
// consecutive releases overlap almost entirely; the per-subject index keeps only the XOR members.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { RoaringBitmap32 } from "./roaring.js";

export const SNAPSHOT_EVERY = 64;

/** Canonical bytes of a set: run-optimised, portable serialisation (the same set always gives the same bytes). */
export function canonicalSetBytes(set: RoaringBitmap32, inPlace = false): Buffer {
  // the digest is taken over a clone: run-optimising in place gave different container choices for sets
  // rebuilt by XOR than for sets built from indexes (caught by the ledger's oracle test)
  const target = inPlace ? set : set.clone();
  // run containers are first undone: an XOR can leave a run where an array of the same size would do, and
  // runOptimize keeps a run on a tie, so the same members could serialise two ways (caught by a property test)
  target.removeRunCompression();
  target.runOptimize();
  // a copy: the serialised bytes may share memory that later serialisations reuse
  return Buffer.from(target.serialize("portable"));
}

export function digestOf(canonical: Uint8Array): string {
  return createHash("sha256").update(canonical).digest("hex");
}

export function setDigest(set: RoaringBitmap32, inPlace = false): string {
  return digestOf(canonicalSetBytes(set, inPlace));
}

/**
 * A set from dictionary indexes in any order: grouped by container (the high 16 bits) first, since roaring
 * builds from container-ordered input several times faster, and keyed indexes arrive in no order.
 */
export function setOfIndexes(indexes: Uint32Array): RoaringBitmap32 {
  let max = 0;
  for (let i = 0; i < indexes.length; i++) max = Math.max(max, (indexes[i] as number) >>> 16);
  const starts = new Uint32Array(max + 2);
  for (let i = 0; i < indexes.length; i++) (starts[((indexes[i] as number) >>> 16) + 1] as number)++;
  for (let k = 1; k < starts.length; k++) starts[k] = (starts[k] as number) + (starts[k - 1] as number);
  const grouped = new Uint32Array(indexes.length);
  for (let i = 0; i < indexes.length; i++) {
    const v = indexes[i] as number;
    grouped[(starts[v >>> 16] as number)++] = v;
  }
  return new RoaringBitmap32(grouped);
}

export function readSet(data: Uint8Array): RoaringBitmap32 {
  return RoaringBitmap32.deserialize(Buffer.from(data.buffer, data.byteOffset, data.byteLength), "portable");
}

export interface ChainHead {
  chain: string;
  firstSeq: number;
  lastSeq: number;
  releases: number;
  head: RoaringBitmap32;
}

/** Storage of subject sets and the per-subject change index. */
export class SubjectSets {
  private readonly firsts = new Map<string, RoaringBitmap32>();
  constructor(private readonly db: Database.Database) {}

  head(chain: string): ChainHead | undefined {
    const row = this.db
      .prepare("SELECT first_seq, last_seq, releases, head FROM ledger_chains WHERE chain = ?")
      .get(chain) as { first_seq: number; last_seq: number; releases: number; head: Buffer } | undefined;
    if (!row) return undefined;
    return {
      chain,
      firstSeq: row.first_seq,
      lastSeq: row.last_seq,
      releases: row.releases,
      head: readSet(row.head),
    };
  }

  /** Stores the set of release `seq`, the `ord`-th of its chain; call inside the append transaction. */
  store(
    seq: number,
    chain: string,
    set: RoaringBitmap32,
    previous: ChainHead | undefined,
    canonical: Buffer = canonicalSetBytes(set),
  ): { ord: number } {
    const ord = previous?.releases ?? 0;
    let kind: "snapshot" | "delta" = "snapshot";
    let data = canonical;
    if (previous) {
      // the change index needs every XOR member, whatever form the set is stored in
      const delta = RoaringBitmap32.xor(previous.head, set);
      if (delta.size > 0) {
        const put = this.db.prepare("INSERT INTO ledger_subject_changes (subject, seq) VALUES (?, ?)");
        for (const subject of delta) put.run(subject, seq);
      }
      if (ord % SNAPSHOT_EVERY !== 0) {
        const bytes = canonicalSetBytes(delta, true);
        if (bytes.length < canonical.length) {
          kind = "delta";
          data = bytes;
        }
      }
    }
    this.db
      .prepare("INSERT INTO ledger_subject_sets (seq, chain, ord, kind, data) VALUES (?, ?, ?, ?, ?)")
      .run(seq, chain, ord, kind, data);
    if (previous)
      this.db
        .prepare("UPDATE ledger_chains SET last_seq = ?, releases = releases + 1, head = ? WHERE chain = ?")
        .run(seq, canonical, chain);
    else
      this.db
        .prepare(
          "INSERT INTO ledger_chains (chain, first_seq, last_seq, releases, head) VALUES (?, ?, ?, 1, ?)",
        )
        .run(chain, seq, seq, canonical);
    return { ord };
  }

  /** The set of a chain's first release (cached): membership before any change row. */
  first(chain: string): RoaringBitmap32 {
    let set = this.firsts.get(chain);
    if (!set) {
      const row = this.db
        .prepare(
          "SELECT data FROM ledger_subject_sets WHERE seq = (SELECT first_seq FROM ledger_chains WHERE chain = ?)",
        )
        .get(chain) as { data: Buffer } | undefined;
      set = row ? readSet(row.data) : new RoaringBitmap32();
      this.firsts.set(chain, set);
    }
    return set;
  }

  chains(): { chain: string; firstSeq: number }[] {
    return (
      this.db.prepare("SELECT chain, first_seq FROM ledger_chains ORDER BY first_seq").all() as {
        chain: string;
        first_seq: number;
      }[]
    ).map((r) => ({ chain: r.chain, firstSeq: r.first_seq }));
  }

  /** Every release's full set, in seq order, rebuilt from snapshots and deltas (for verification). */
  *replay(): Generator<{ seq: number; chain: string; set: RoaringBitmap32 }> {
    const current = new Map<string, RoaringBitmap32>();
    const rows = this.db
      .prepare("SELECT seq, chain, kind, data FROM ledger_subject_sets ORDER BY seq")
      .iterate() as Iterable<{
      seq: number;
      chain: string;
      kind: string;
      data: Buffer;
    }>;
    for (const row of rows) {
      const stored = readSet(row.data);
      const prev = current.get(row.chain);
      const set = row.kind === "delta" && prev ? RoaringBitmap32.xor(prev, stored) : stored;
      current.set(row.chain, set);
      yield { seq: row.seq, chain: row.chain, set };
    }
  }
}
