// subject sets of releases: roaring bitmaps of dictionary indexes. A chain (one agreement) stores a
// snapshot every SNAPSHOT_EVERY releases and the XOR with the previous release in between, because
// consecutive releases overlap almost entirely; the per-subject index keeps only the XOR members.
import { createHash } from "node:crypto";
import type { LedgerReads, LedgerWrites } from "../../ports/ledger.js";
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
  // a first release's subjects are numbered in their order: ascending already
  let ascending = true;
  for (let i = 1; i < indexes.length && ascending; i++)
    ascending = (indexes[i] as number) > (indexes[i - 1] as number);
  if (ascending) return new RoaringBitmap32(indexes);
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

/** Subject sets and the per-subject change index over the ledger's port. */
export class SubjectSets {
  private readonly firsts = new Map<string, { firstSeq: number; set: RoaringBitmap32 }>();

  async head(tx: LedgerReads, chain: string): Promise<ChainHead | undefined> {
    const row = await tx.chain(chain);
    if (!row) return undefined;
    return {
      chain,
      firstSeq: row.firstSeq,
      lastSeq: row.lastSeq,
      releases: row.releases,
      head: readSet(row.head),
    };
  }

  /** Stores the set of release `seq`, the `ord`-th of its chain; call inside the append transaction. */
  async store(
    tx: LedgerWrites,
    seq: number,
    chain: string,
    set: RoaringBitmap32,
    previous: ChainHead | undefined,
    canonical: Buffer = canonicalSetBytes(set),
  ): Promise<{ ord: number }> {
    const ord = previous?.releases ?? 0;
    let kind: "snapshot" | "delta" = "snapshot";
    let data = canonical;
    if (previous) {
      // the change index needs every XOR member, whatever form the set is stored in
      const delta = RoaringBitmap32.xor(previous.head, set);
      if (delta.size > 0) await tx.insertChanges(seq, delta.toUint32Array());
      if (ord % SNAPSHOT_EVERY !== 0) {
        const bytes = canonicalSetBytes(delta, true);
        if (bytes.length < canonical.length) {
          kind = "delta";
          data = bytes;
        }
      }
    }
    await tx.insertSet({ seq, chain, ord, kind, data });
    await tx.putChain(chain, seq, canonical, previous === undefined);
    return { ord };
  }

  /** The set of a chain's first held release (cached per first seq): membership before any change row. */
  async first(tx: LedgerReads, chain: string, firstSeq: number): Promise<RoaringBitmap32> {
    const cached = this.firsts.get(chain);
    if (cached?.firstSeq === firstSeq) return cached.set;
    const data = await tx.firstSet(chain);
    const set = data ? readSet(data) : new RoaringBitmap32();
    this.firsts.set(chain, { firstSeq, set });
    return set;
  }

  /** Every release's full set, in seq order, rebuilt from snapshots and deltas (for verification). */
  async *replay(tx: LedgerReads): AsyncGenerator<{ seq: number; chain: string; set: RoaringBitmap32 }> {
    const current = new Map<string, RoaringBitmap32>();
    for await (const row of tx.sets()) {
      const stored = readSet(row.data);
      const prev = current.get(row.chain);
      const set = row.kind === "delta" && prev ? RoaringBitmap32.xor(prev, stored) : stored;
      current.set(row.chain, set);
      yield { seq: row.seq, chain: row.chain, set };
    }
  }
}
