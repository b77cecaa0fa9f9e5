// a columnar batch of validated consent events: subject keys are hashed in chunks as rows arrive, so the
// raw keys of a large import are never all held (and never stored); purposes and sources are interned.
import { encodeKeyInto, SUBJECT_HASH_BYTES, type SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { ParsedEvent } from "./event.js";

const HASH_CHUNK = 16_384;

class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  private last: string | undefined;
  private lastId = 0;
  id(name: string): number {
    if (name === this.last) return this.lastId;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    this.last = name;
    this.lastId = id;
    return id;
  }
}

/** Validated events in columns, in arrival order, with interned purpose and source names. */
class EventColumns {
  count = 0;
  at = new Float64Array(1024);
  granted = new Uint8Array(1024);
  purpose = new Uint32Array(1024);
  source = new Uint32Array(1024);
  evidence: (string | null)[] = [];
  protected purposeNames = new Interner();
  protected sourceNames = new Interner();

  /** Purpose names by the ids in `purpose`. */
  get purposes(): readonly string[] {
    return this.purposeNames.names;
  }

  /** Source names by the ids in `source`. */
  get sources(): readonly string[] {
    return this.sourceNames.names;
  }

  /** Adds the event's columns (not its subject); returns its position. */
  protected put(e: ParsedEvent): number {
    const i = this.count;
    if (i === this.at.length) this.grow(i * 2);
    this.at[i] = e.at;
    this.granted[i] = e.granted ? 1 : 0;
    this.purpose[i] = this.purposeNames.id(e.purpose);
    this.source[i] = this.sourceNames.id(e.source);
    this.evidence.push(e.evidence ?? null);
    this.count++;
    return i;
  }

  protected grow(capacity: number): void {
    const at = new Float64Array(capacity);
    at.set(this.at.subarray(0, this.count));
    this.at = at;
    const granted = new Uint8Array(capacity);
    granted.set(this.granted.subarray(0, this.count));
    this.granted = granted;
    const purpose = new Uint32Array(capacity);
    purpose.set(this.purpose.subarray(0, this.count));
    this.purpose = purpose;
    const source = new Uint32Array(capacity);
    source.set(this.source.subarray(0, this.count));
    this.source = source;
  }
}

/**
 * A block of events as a worker thread reads them (import on threads): the columns, their own name tables, and the
 * subjects' keys as UTF-8 one after another (key i is `subjects[subjectEnds[i], subjectEnds[i + 1])`), so the
 * main thread hashes them without making a string of each again. Only crosses threads inside the process.
 */
export interface EventBlock {
  count: number;
  at: Float64Array;
  granted: Uint8Array;
  purpose: Uint32Array;
  source: Uint32Array;
  purposes: readonly string[];
  sources: readonly string[];
  evidence: (string | null)[];
  subjects: Uint8Array;
  /** count + 1 offsets into `subjects`, from 0 */
  subjectEnds: Uint32Array;
}

/**
 * Collects a block's events on a worker thread; `take()` gives them as an EventBlock.
 * @example const b = new EventBlockBuilder(); b.add(parsed); port.postMessage(b.take());
 */
export class EventBlockBuilder extends EventColumns {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  private ends = new Uint32Array(1025);
  private readonly encoder = new TextEncoder();

  add(e: ParsedEvent): void {
    const i = this.put(e);
    const key = e.subject;
    // at most 3 bytes a UTF-16 unit
    if (this.used + key.length * 3 > this.bytes.length) {
      const next = new Uint8Array(Math.max(this.bytes.length * 2, this.used + key.length * 3));
      next.set(this.bytes.subarray(0, this.used));
      this.bytes = next;
    }
    this.used += encodeKeyInto(key, this.bytes, this.used, this.encoder);
    if (i + 2 > this.ends.length) {
      const next = new Uint32Array(this.ends.length * 2);
      next.set(this.ends);
      this.ends = next;
    }
    this.ends[i + 1] = this.used;
  }

  take(): EventBlock {
    const n = this.count;
    return {
      count: n,
      at: this.at.slice(0, n),
      granted: this.granted.slice(0, n),
      purpose: this.purpose.slice(0, n),
      source: this.source.slice(0, n),
      purposes: this.purposes,
      sources: this.sources,
      evidence: this.evidence,
      subjects: this.bytes.slice(0, this.used),
      subjectEnds: this.ends.slice(0, n + 1),
    };
  }
}

/**
 * Events in columns, in arrival order. Call `finish()` before reading `hashes`.
 * @example const b = new EventBatch(hasher); b.add(parsed); b.finish(); registry.recordBatch(b, new Date());
 */
export class EventBatch extends EventColumns {
  /** `count * 16` bytes of keyed subject hashes, valid after finish() */
  hashes = new Uint8Array(0);
  private pending: string[] = [];
  private hashed = 0;

  constructor(private readonly hasher: SubjectHasher) {
    super();
  }

  add(e: ParsedEvent): void {
    this.put(e);
    this.pending.push(e.subject);
    if (this.pending.length >= HASH_CHUNK) this.flush();
  }

  /** Appends a worker's block after the events already here (its names mapped to this batch's). */
  append(block: EventBlock): void {
    const purposes = block.purposes.map((name) => this.purposeNames.id(name));
    const sources = block.sources.map((name) => this.sourceNames.id(name));
    const from = this.count;
    const need = from + block.count;
    if (need > this.at.length) this.grow(Math.max(need, this.at.length * 2));
    this.at.set(block.at, from);
    this.granted.set(block.granted, from);
    for (let i = 0; i < block.count; i++) {
      this.purpose[from + i] = purposes[block.purpose[i] as number] as number;
      this.source[from + i] = sources[block.source[i] as number] as number;
    }
    for (const e of block.evidence) this.evidence.push(e);
    // the keys added one by one before this block are hashed first, so the hashes stay in event order
    this.flush();
    this.count = need;
    if (block.count > 0) this.place(this.hasher.hashEncoded(block.subjects, block.subjectEnds), block.count);
  }

  /** Empties the batch (a read on threads given up, to be read again in one pass). */
  clear(): void {
    this.count = 0;
    this.evidence = [];
    this.purposeNames = new Interner();
    this.sourceNames = new Interner();
    this.pending = [];
    this.hashed = 0;
  }

  /** Hashes the subjects still pending; idempotent. */
  finish(): this {
    this.flush();
    return this;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const count = this.pending.length;
    const bytes = this.hasher.hashMany(this.pending);
    this.pending = [];
    this.place(bytes, count);
  }

  /** Appends `count` hashes after those of the events before them. */
  private place(bytes: Uint8Array, count: number): void {
    const need = (this.hashed + count) * SUBJECT_HASH_BYTES;
    if (need > this.hashes.length) {
      const next = new Uint8Array(Math.max(need, this.at.length * SUBJECT_HASH_BYTES));
      next.set(this.hashes.subarray(0, this.hashed * SUBJECT_HASH_BYTES));
      this.hashes = next;
    }
    this.hashes.set(bytes, this.hashed * SUBJECT_HASH_BYTES);
    this.hashed += count;
  }
}
