// a columnar batch of validated consent events: subject keys are hashed in chunks as rows arrive, so the
// raw keys of a large import are never all held (and never stored); purposes and sources are interned.
import { SUBJECT_HASH_BYTES, type SubjectHasher } from "../ledger/subjects/subject-hasher.js";
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

/**
 * Events in columns, in arrival order. Call `finish()` before reading `hashes`.
 * @example const b = new EventBatch(hasher); b.add(parsed); b.finish(); registry.recordBatch(b, new Date());
 */
export class EventBatch {
  count = 0;
  /** `count * 16` bytes of keyed subject hashes, valid after finish() */
  hashes = new Uint8Array(0);
  at = new Float64Array(1024);
  granted = new Uint8Array(1024);
  purpose = new Uint32Array(1024);
  source = new Uint32Array(1024);
  readonly evidence: (string | null)[] = [];
  private readonly purposeNames = new Interner();
  private readonly sourceNames = new Interner();
  private pending: string[] = [];
  private hashed = 0;

  constructor(private readonly hasher: SubjectHasher) {}

  /** Purpose names by the ids in `purpose`. */
  get purposes(): readonly string[] {
    return this.purposeNames.names;
  }

  /** Source names by the ids in `source`. */
  get sources(): readonly string[] {
    return this.sourceNames.names;
  }

  add(e: ParsedEvent): void {
    const i = this.count;
    if (i === this.at.length) this.grow(i * 2);
    this.at[i] = e.at;
    this.granted[i] = e.granted ? 1 : 0;
    this.purpose[i] = this.purposeNames.id(e.purpose);
    this.source[i] = this.sourceNames.id(e.source);
    this.evidence.push(e.evidence ?? null);
    this.pending.push(e.subject);
    this.count++;
    if (this.pending.length >= HASH_CHUNK) this.flush();
  }

  /** Hashes the subjects still pending; idempotent. */
  finish(): this {
    this.flush();
    return this;
  }

  private grow(capacity: number): void {
    const at = new Float64Array(capacity);
    at.set(this.at);
    this.at = at;
    const granted = new Uint8Array(capacity);
    granted.set(this.granted);
    this.granted = granted;
    const purpose = new Uint32Array(capacity);
    purpose.set(this.purpose);
    this.purpose = purpose;
    const source = new Uint32Array(capacity);
    source.set(this.source);
    this.source = source;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = this.hasher.hashMany(this.pending);
    const need = (this.hashed + this.pending.length) * SUBJECT_HASH_BYTES;
    if (need > this.hashes.length) {
      const next = new Uint8Array(Math.max(need, this.at.length * SUBJECT_HASH_BYTES));
      next.set(this.hashes.subarray(0, this.hashed * SUBJECT_HASH_BYTES));
      this.hashes = next;
    }
    this.hashes.set(bytes, this.hashed * SUBJECT_HASH_BYTES);
    this.hashed += this.pending.length;
    this.pending = [];
  }
}
