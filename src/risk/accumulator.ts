// re-identification risk of a table, record by record: equivalence classes over the quasi-identifiers (each
// column's values interned to small integers, a class = a tuple of ids in a hash table), then k-anonymity,
// prosecutor, journalist and marketer risk and l-diversity as ARX defines them (docs/risk.md). An accumulator's
// state goes to bytes and back (toBytes, fromBytes) and merges with another's (merge), for a release split into
// partitions measured on different machines whose gate must see the whole release.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { ByteFormatError, ByteReader, ByteWriter, crc32 } from "./bytes.js";
import { ByteInterner, NumberCounter, TupleTable } from "./tables.js";

/** The risk figures of a table; definitions and formulas in docs/risk.md. Shares are in [0, 1]. */
export interface RiskReport {
  records: number;
  classes: number;
  /** size of the smallest equivalence class (0 when no records) */
  k: number;
  /** records in classes of size 1 / records */
  uniqueShare: number;
  /** 1 / k */
  prosecutorMax: number;
  /** classes / records (average of 1/|class| over records) */
  prosecutorAvg: number;
  /** only with a population table: 1 / (smallest population class matching a sample class) */
  journalistMax?: number;
  /** only with a population table: max(classes / sum of F_j, sum of f_j / F_j over records) */
  journalistAvg?: number;
  /** sum over classes of f_j / F_j, over records; F_j = f_j (classes / records) without a population table */
  marketer: number;
  /** over the sensitive attribute, when given: the smallest distinct count and exp(entropy) of a class */
  lDiversity?: { distinctMin: number; entropyMin: number };
  /** per subset of the QIs: the riskiest combinations, by uniqueShare (descending) then k (ascending) */
  riskiest: { columns: string[]; k: number; uniqueShare: number }[];
}

/** Subsets of the QIs are all enumerated up to this many QIs; beyond, singles, pairs and the full set. */
export const MAX_SUBSET_QIS = 6;

/** A class's (and a (class, sensitive value) pair's) count is an int32: at most this many records. */
const MAX_CLASS_RECORDS = 0x7fffffff;

/**
 * The state's binary layout, version 1. Integers are unsigned LEB128 varints (below 2^53) unless sized; a string
 * is its length then its bytes (names UTF-8; values the bytes interned, UTF-8 for `add`'s strings).
 *
 *   "JKRA" (4 bytes), version (1 byte) = 1, flags (1 byte): bit 0 = has a sensitive attribute, others 0
 *   QI count q, q QI names, [the sensitive attribute's name]
 *   records
 *   per QI: value count, then the values, in id order (a class gives value ids, per QI)
 *   class count, per class (in row order): q value ids, records
 *   [sensitive values: count, values in id order; pair count, per pair (in row order): class row, value id, records]
 *   CRC-32 of all the bytes before it (4 bytes, little-endian)
 *
 * Rows keep their order, so a state read back reports exactly what the accumulator did. Population records
 * (addPopulation) are not carried: add them to the accumulator the states are merged into, after the merges.
 * Size: about 5.7 MB for a million classes of three QIs of a thousand values each (10.7 MB with a sensitive
 * attribute, one value per class). Limit: a state is one Uint8Array, so at most 4 GiB (Node's buffer limit),
 * some hundreds of millions of classes; memory runs out first.
 */
const STATE_MAGIC = [0x4a, 0x4b, 0x52, 0x41];
const STATE_VERSION = 1;
const STATE_HEAD = STATE_MAGIC.length + 2;

/** Per id of `from`, the id of the same bytes in `to` (interned when new and `insert`; -1 when new otherwise). */
function valueMap(from: ByteInterner, to: ByteInterner, insert: boolean): Int32Array {
  const map = new Int32Array(from.size);
  for (let id = 0; id < from.size; id++) {
    const bytes = from.bytesOf(id);
    map[id] = to.idOfBytes(bytes, 0, bytes.length, insert);
  }
  return map;
}

/**
 * Adds every row of `from` into `into` with its count, column i translated through maps[i]; returns the row in
 * `into` of each row of `from`. `from` may be `into` (a self-merge doubles the counts and adds no row).
 */
function mergeTable(into: TupleTable, from: TupleTable, maps: readonly Int32Array[]): Int32Array {
  const w = from.width;
  const n = from.size;
  const rows = new Int32Array(n);
  const tuple = new Int32Array(w);
  const tuples = from.tuples;
  const counts = from.counts;
  // room for every row of `from` at once: no rehash along the way (at most twice the room needed)
  if (from !== into) into.reserve(into.size + n);
  for (let r = 0, at = 0; r < n; r++) {
    for (let i = 0; i < w; i++) tuple[i] = (maps[i] as Int32Array)[tuples[at++] as number] as number;
    rows[r] = into.add(tuple, 0, counts[r] as number);
  }
  return rows;
}

/**
 * Equivalence classes over quasi-identifiers, fed one record at a time; `report()` gives the risk figures.
 * Memory grows with the distinct values per QI and the number of classes, not with the records.
 * @example const acc = new RiskAccumulator(["birth_date", "postal_code"]); acc.add(["1990-01-02", "04524"]);
 */
export class RiskAccumulator {
  /** @internal one interner per QI, in QI order (file readers intern bytes directly) */
  readonly interners: ByteInterner[];
  private readonly classes: TupleTable;
  private readonly row: Int32Array;
  private records = 0;
  private readonly sensitive: ByteInterner | undefined;
  /** (class row, sensitive id) -> records */
  private readonly pairs: TupleTable | undefined;
  private readonly pair = new Int32Array(2);
  /** class row -> records of the population in it */
  private population: NumberCounter | undefined;
  private populationRecords = 0;
  /** The sensitive attribute's name, when there is one (for merges and the serialised state). */
  readonly sensitiveColumn: string | undefined;

  constructor(
    readonly qi: readonly string[],
    options: { sensitive?: string } = {},
  ) {
    if (qi.length === 0) throw new JikimiError("no_quasi_identifiers", t("risk.errors.no_quasi_identifiers"));
    const seen = new Set<string>();
    for (const q of qi) {
      if (seen.has(q))
        throw new JikimiError(
          "duplicate_quasi_identifier",
          t("risk.errors.duplicate_quasi_identifier", { column: q }),
        );
      seen.add(q);
    }
    if (options.sensitive !== undefined && seen.has(options.sensitive))
      throw new JikimiError(
        "sensitive_is_quasi_identifier",
        t("risk.errors.sensitive_is_quasi_identifier", { column: options.sensitive }),
      );
    this.interners = qi.map(() => new ByteInterner());
    this.classes = new TupleTable(qi.length);
    this.row = new Int32Array(qi.length);
    this.sensitiveColumn = options.sensitive;
    if (options.sensitive !== undefined) {
      this.sensitive = new ByteInterner();
      this.pairs = new TupleTable(2);
    }
  }

  /** @internal the sensitive attribute's interner, when there is one */
  get sensitiveInterner(): ByteInterner | undefined {
    return this.sensitive;
  }

  /** Adds one record: `values` in QI order; `sensitive` is its sensitive value ("" when left out). */
  add(values: readonly string[], sensitive?: string): void {
    const row = this.row;
    for (let i = 0; i < row.length; i++)
      row[i] = (this.interners[i] as ByteInterner).idOfString(values[i] ?? "");
    this.addIds(row, this.sensitive === undefined ? -1 : this.sensitive.idOfString(sensitive ?? ""));
  }

  /** @internal adds one record as interned ids (ids[0..qi.length)) and its sensitive id (-1: none). */
  addIds(ids: Int32Array, sensitiveId: number): void {
    const cls = this.classes.add(ids);
    this.records++;
    if (this.pairs !== undefined) {
      this.pair[0] = cls;
      this.pair[1] = sensitiveId;
      this.pairs.add(this.pair);
    }
  }

  /**
   * Adds one record of the population the table was drawn from (for journalist and marketer risk). Add the
   * table's own records first: population records matching no class of the table are only counted.
   */
  addPopulation(values: readonly string[]): void {
    const row = this.row;
    for (let i = 0; i < row.length; i++) {
      const id = (this.interners[i] as ByteInterner).idOfString(values[i] ?? "", false);
      if (id < 0) {
        this.populationIds(undefined);
        return;
      }
      row[i] = id;
    }
    this.populationIds(row);
  }

  /** @internal a population record as ids (undefined: one of its values is in no class of the table). */
  populationIds(ids: Int32Array | undefined): void {
    this.population ??= new NumberCounter();
    this.populationRecords++;
    if (ids === undefined) return;
    const cls = this.classes.find(ids);
    if (cls >= 0) this.population.add(cls);
  }

  /** Records added so far. */
  get size(): number {
    return this.records;
  }

  /**
   * The state as bytes (layout above: the QI names, each QI's distinct values, the classes as value ids with
   * their record counts, the (class, sensitive value) counts, a CRC-32), for `fromBytes` on another machine.
   * Population records are not carried. Size: about (q + 1) varints per class and (3 per pair) plus the values.
   */
  toBytes(): Uint8Array {
    const q = this.qi.length;
    const classes = this.classes;
    const pairs = this.pairs;
    const w = new ByteWriter(64 + classes.size * (q + 2) + (pairs === undefined ? 0 : pairs.size * 5));
    for (const b of STATE_MAGIC) w.u8(b);
    w.u8(STATE_VERSION);
    w.u8(this.sensitiveColumn === undefined ? 0 : 1);
    const encoder = new TextEncoder();
    w.varint(q);
    for (const name of this.qi) w.bytes(encoder.encode(name));
    if (this.sensitiveColumn !== undefined) w.bytes(encoder.encode(this.sensitiveColumn));
    w.varint(this.records);
    const values = (interner: ByteInterner): void => {
      w.varint(interner.size);
      for (let id = 0; id < interner.size; id++) w.bytes(interner.bytesOf(id));
    };
    for (const interner of this.interners) values(interner);
    w.varint(classes.size);
    const tuples = classes.tuples;
    const counts = classes.counts;
    for (let c = 0, at = 0; c < classes.size; c++) {
      for (let i = 0; i < q; i++) w.varint(tuples[at++] as number);
      w.varint(counts[c] as number);
    }
    if (pairs !== undefined && this.sensitive !== undefined) {
      values(this.sensitive);
      w.varint(pairs.size);
      for (let p = 0; p < pairs.size; p++) {
        w.varint(pairs.tuples[2 * p] as number);
        w.varint(pairs.tuples[2 * p + 1] as number);
        w.varint(pairs.counts[p] as number);
      }
    }
    return w.finishWithCrc();
  }

  /**
   * The accumulator whose `toBytes()` gave `bytes` (without population records). Throws a JikimiError
   * `bad_risk_state` (details: reason, offset) when the bytes are truncated, damaged (the CRC-32 or any count,
   * id or length does not hold) or of another version.
   */
  static fromBytes(bytes: Uint8Array): RiskAccumulator {
    try {
      return RiskAccumulator.read(bytes);
    } catch (e) {
      if (e instanceof ByteFormatError)
        throw new JikimiError("bad_risk_state", t("risk.errors.bad_state", { offset: e.offset }), {
          details: { reason: e.reason, offset: e.offset },
        });
      throw e;
    }
  }

  private static read(bytes: Uint8Array): RiskAccumulator {
    if (bytes.length < STATE_HEAD + 4) throw new ByteFormatError("truncated", bytes.length);
    STATE_MAGIC.forEach((b, i) => {
      if (bytes[i] !== b) throw new ByteFormatError("not_a_state", i);
    });
    if (bytes[STATE_MAGIC.length] !== STATE_VERSION) throw new ByteFormatError("version", STATE_MAGIC.length);
    const end = bytes.length - 4;
    const stored =
      ((bytes[end] as number) |
        ((bytes[end + 1] as number) << 8) |
        ((bytes[end + 2] as number) << 16) |
        ((bytes[end + 3] as number) << 24)) >>>
      0;
    if (crc32(bytes, 0, end) !== stored) throw new ByteFormatError("checksum", end);
    const r = new ByteReader(bytes, end);
    r.pos = STATE_MAGIC.length + 1;
    const flags = r.u8();
    if (flags > 1) r.fail("flags", r.pos - 1);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    const name = (): string => {
      const at = r.pos;
      const [start, stop] = r.span();
      try {
        return decoder.decode(bytes.subarray(start, stop));
      } catch {
        return r.fail("names", at);
      }
    };
    const namesAt = r.pos;
    // every count of items is bounded by the bytes left (an item takes a byte at least): no huge allocation
    const q = r.below(r.left + 1, "truncated");
    const qi: string[] = [];
    for (let i = 0; i < q; i++) qi.push(name());
    const sensitive = flags & 1 ? name() : undefined;
    let acc: RiskAccumulator;
    try {
      acc = new RiskAccumulator(qi, sensitive === undefined ? {} : { sensitive });
    } catch (e) {
      if (e instanceof JikimiError) r.fail("names", namesAt);
      throw e;
    }
    const recordsAt = r.pos;
    const records = r.varint();
    const values = (interner: ByteInterner): void => {
      const n = r.below(r.left + 1, "truncated");
      for (let id = 0; id < n; id++) {
        const at = r.pos;
        const [start, stop] = r.span();
        if (interner.idOfBytes(bytes, start, stop) !== id) r.fail("duplicate_value", at);
      }
    };
    for (const interner of acc.interners) values(interner);
    const count = (): number => {
      const at = r.pos;
      const c = r.varint();
      if (c === 0 || c > MAX_CLASS_RECORDS) r.fail("count", at);
      return c;
    };
    const classes = acc.classes;
    const n = r.below(Math.floor(r.left / (q + 1)) + 1, "truncated");
    classes.reserve(n);
    const sizes = acc.interners.map((i) => i.size);
    const tuple = acc.row;
    let total = 0;
    for (let c = 0; c < n; c++) {
      const at = r.pos;
      for (let i = 0; i < q; i++) tuple[i] = r.below(sizes[i] as number, "value_id");
      const f = count();
      if (classes.add(tuple, 0, f) !== c) r.fail("duplicate_class", at);
      total += f;
    }
    if (total !== records) r.fail("records", recordsAt);
    acc.records = records;
    const pairs = acc.pairs;
    if (pairs !== undefined && acc.sensitive !== undefined) {
      values(acc.sensitive);
      const distinct = acc.sensitive.size;
      const m = r.below(Math.floor(r.left / 3) + 1, "truncated");
      pairs.reserve(m);
      const sums = new Float64Array(n);
      const pair = acc.pair;
      for (let p = 0; p < m; p++) {
        const at = r.pos;
        const cls = r.below(n, "class_row");
        pair[0] = cls;
        pair[1] = r.below(distinct, "value_id");
        const f = count();
        if (pairs.add(pair, 0, f) !== p) r.fail("duplicate_pair", at);
        sums[cls] = (sums[cls] as number) + f;
      }
      for (let c = 0; c < n; c++) if (sums[c] !== classes.counts[c]) r.fail("pairs", r.pos);
    }
    if (r.left !== 0) r.fail("trailing_bytes");
    return acc;
  }

  /**
   * Adds `other`'s records into this one: its classes, by their values (an equal class adds its count, a new
   * one is appended), its (class, sensitive value) counts and its record count; `other` is left as it is. Both
   * must have the same QIs in the same order and the same sensitive attribute (a JikimiError
   * `risk_merge_mismatch` otherwise). Merging the parts of a table in order gives the accumulator of the whole
   * table, rows in the same order, so the same report. Population records are not merged: add them after the
   * merges. Cost: one hash insert per class and per pair of `other`, no per-record work: a million classes take
   * about as long as a million Map.set calls of integers (twice that with a sensitive attribute). Limit: a
   * class's count stays an int32 (`risk_class_overflow`, checked before anything changes, when a merge would put
   * over 2^31 - 1 records in one class).
   */
  merge(other: RiskAccumulator): void {
    if (other.qi.length !== this.qi.length || other.qi.some((q, i) => q !== this.qi[i]))
      throw new JikimiError(
        "risk_merge_mismatch",
        t("risk.errors.merge_qi_mismatch", { these: this.qi.join(", "), others: other.qi.join(", ") }),
      );
    if (other.sensitiveColumn !== this.sensitiveColumn)
      throw new JikimiError(
        "risk_merge_mismatch",
        t("risk.errors.merge_sensitive_mismatch", {
          these: this.sensitiveColumn ?? t("risk.errors.no_sensitive"),
          others: other.sensitiveColumn ?? t("risk.errors.no_sensitive"),
        }),
      );
    if (this.records + other.records > MAX_CLASS_RECORDS) this.checkOverflow(other);
    const rows = mergeTable(
      this.classes,
      other.classes,
      other.interners.map((from, i) => valueMap(from, this.interners[i] as ByteInterner, true)),
    );
    if (
      this.pairs !== undefined &&
      other.pairs !== undefined &&
      this.sensitive !== undefined &&
      other.sensitive !== undefined
    )
      mergeTable(this.pairs, other.pairs, [rows, valueMap(other.sensitive, this.sensitive, true)]);
    this.records += other.records;
  }

  /** Throws before a merge that would take a class beyond MAX_CLASS_RECORDS (changes nothing). */
  private checkOverflow(other: RiskAccumulator): void {
    const q = this.qi.length;
    const maps = other.interners.map((from, i) => valueMap(from, this.interners[i] as ByteInterner, false));
    const tuple = new Int32Array(q);
    const from = other.classes;
    for (let c = 0; c < from.size; c++) {
      let known = true;
      for (let i = 0; i < q && known; i++) {
        const id = (maps[i] as Int32Array)[from.tuples[c * q + i] as number] as number;
        tuple[i] = id;
        known = id >= 0;
      }
      const row = known ? this.classes.find(tuple) : -1;
      if (row >= 0 && (this.classes.counts[row] as number) + (from.counts[c] as number) > MAX_CLASS_RECORDS)
        throw new JikimiError(
          "risk_class_overflow",
          t("risk.errors.class_overflow", { max: MAX_CLASS_RECORDS }),
        );
    }
  }

  /**
   * The risk figures. `riskiest` covers the full QI set only, unless `subsets` is set: then every non-empty
   * subset of the QIs (up to MAX_SUBSET_QIS of them; beyond, single QIs, pairs and the full set), computed
   * from the classes (a subset's class is a union of full classes), ranked by uniqueShare then k.
   */
  report(options: { subsets?: boolean } = {}): RiskReport {
    const n = this.records;
    const classes = this.classes.size;
    const counts = this.classes.counts;
    let k = 0;
    let unique = 0;
    for (let c = 0; c < classes; c++) {
      const f = counts[c] as number;
      if (k === 0 || f < k) k = f;
      if (f === 1) unique++;
    }
    const report: RiskReport = {
      records: n,
      classes,
      k,
      uniqueShare: n === 0 ? 0 : unique / n,
      prosecutorMax: k === 0 ? 0 : 1 / k,
      prosecutorAvg: n === 0 ? 0 : classes / n,
      marketer: n === 0 ? 0 : classes / n,
      riskiest: [],
    };
    const population = this.population;
    if (population !== undefined) {
      // F_j: the population class of sample class j; never below f_j (the table is drawn from the population)
      let minF = 0;
      let sumF = 0;
      let sumRatio = 0;
      for (let c = 0; c < classes; c++) {
        const f = counts[c] as number;
        const F = Math.max(f, population.get(c));
        if (minF === 0 || F < minF) minF = F;
        sumF += F;
        sumRatio += f / F;
      }
      report.journalistMax = minF === 0 ? 0 : 1 / minF;
      report.journalistAvg = n === 0 ? 0 : Math.max(classes / sumF, sumRatio / n);
      report.marketer = n === 0 ? 0 : sumRatio / n;
    }
    if (this.pairs !== undefined) report.lDiversity = this.diversity();
    report.riskiest = options.subsets
      ? this.subsets()
      : [{ columns: [...this.qi], k, uniqueShare: report.uniqueShare }];
    return report;
  }

  /** Population records seen (0 without a population). */
  get populationSize(): number {
    return this.populationRecords;
  }

  private diversity(): { distinctMin: number; entropyMin: number } {
    const pairs = this.pairs as TupleTable;
    const classes = this.classes.size;
    if (classes === 0) return { distinctMin: 0, entropyMin: 0 };
    const distinct = new Int32Array(classes);
    // sum of c ln c per class: H = ln f - (sum c ln c) / f
    const sumClnC = new Float64Array(classes);
    for (let p = 0; p < pairs.size; p++) {
      const cls = pairs.tuples[2 * p] as number;
      const c = pairs.counts[p] as number;
      distinct[cls] = (distinct[cls] as number) + 1;
      sumClnC[cls] = (sumClnC[cls] as number) + c * Math.log(c);
    }
    let distinctMin = Number.POSITIVE_INFINITY;
    let entropyMin = Number.POSITIVE_INFINITY;
    for (let c = 0; c < classes; c++) {
      const f = this.classes.counts[c] as number;
      distinctMin = Math.min(distinctMin, distinct[c] as number);
      const h = Math.max(0, Math.log(f) - (sumClnC[c] as number) / f);
      entropyMin = Math.min(entropyMin, Math.exp(h));
    }
    return { distinctMin, entropyMin };
  }

  /**
   * Every subset's k and unique share, by refinement over the full classes (no hashing): subsets are visited
   * depth first, adding QIs in index order; a subset's classes are its parent's classes split by the added QI's
   * value. Each level keeps the full classes in an order that groups them by the parent subset's class (a
   * stable counting sort), with their counts and the value ids of the QIs still to add copied into that order,
   * so a split is one sequential pass with a "seen in this group" stamp per value (random reads cost more than
   * all the arithmetic here). Memory: 4 bytes x classes x (QIs + 2) per level, levels up to the QI count.
   */
  private subsets(): RiskReport["riskiest"] {
    const q = this.qi.length;
    const n = this.records;
    const classes = this.classes.size;
    const maxDepth = q <= MAX_SUBSET_QIS ? q : 2;
    const out: RiskReport["riskiest"] = [];
    const tuples = this.classes.tuples;
    interface Level {
      /** value ids of QI x, per position (filled for the QIs a deeper level may add) */
      values: (Int32Array | undefined)[];
      counts: Int32Array;
      /** the parent subset's class of each position; equal groups are contiguous */
      group: Int32Array;
    }
    const levels: Level[] = [];
    levels.push({
      values: this.qi.map((_, x) => {
        const col = new Int32Array(classes);
        for (let c = 0; c < classes; c++) col[c] = tuples[c * q + x] as number;
        return col;
      }),
      counts: this.classes.counts.subarray(0, classes),
      group: new Int32Array(classes),
    });
    const childIds = new Int32Array(classes);
    const dest = new Int32Array(classes);
    const sizes = new Int32Array(Math.max(1, classes));
    const starts = new Int32Array(classes + 1);
    const stamps = this.interners.map((i) => new Int32Array(i.size));
    const firstId = this.interners.map((i) => new Int32Array(i.size));
    const visit = (depth: number, from: number, cols: number[]): void => {
      const level = levels[depth] as Level;
      const group = level.group;
      const counts = level.counts;
      for (let x = from; x < q; x++) {
        const values = level.values[x] as Int32Array;
        const stamp = stamps[x] as Int32Array;
        const first = firstId[x] as Int32Array;
        stamp.fill(-1);
        let next = 0;
        // split each parent class (a run of equal groups) by the value of QI x
        for (let i = 0; i < classes; i++) {
          const v = values[i] as number;
          const g = group[i] as number;
          let id: number;
          if (stamp[v] === g) id = first[v] as number;
          else {
            stamp[v] = g;
            id = next++;
            first[v] = id;
            sizes[id] = 0;
          }
          childIds[i] = id;
          sizes[id] = (sizes[id] as number) + (counts[i] as number);
        }
        let k = 0;
        let unique = 0;
        for (let s = 0; s < next; s++) {
          const size = sizes[s] as number;
          if (k === 0 || size < k) k = size;
          if (size === 1) unique++;
        }
        const columns = [...cols, x];
        out.push({
          columns: columns.map((i) => this.qi[i] as string),
          k,
          uniqueShare: n === 0 ? 0 : unique / n,
        });
        if (depth + 1 < maxDepth && x + 1 < q) {
          // order the positions by their new class (a stable counting sort) and carry what deeper levels read
          let child = levels[depth + 1];
          if (child === undefined) {
            child = { values: [], counts: new Int32Array(classes), group: new Int32Array(classes) };
            levels.push(child);
          }
          starts.fill(0, 0, next + 1);
          for (let i = 0; i < classes; i++) {
            const id = childIds[i] as number;
            starts[id + 1] = (starts[id + 1] as number) + 1;
          }
          for (let s = 0; s < next; s++) starts[s + 1] = (starts[s + 1] as number) + (starts[s] as number);
          const childGroup = child.group;
          const childCounts = child.counts;
          for (let i = 0; i < classes; i++) {
            const id = childIds[i] as number;
            const pos = starts[id] as number;
            starts[id] = pos + 1;
            dest[i] = pos;
            childGroup[pos] = id;
            childCounts[pos] = counts[i] as number;
          }
          for (let y = x + 1; y < q; y++) {
            const src = level.values[y] as Int32Array;
            let to = child.values[y];
            if (to === undefined) {
              to = new Int32Array(classes);
              child.values[y] = to;
            }
            for (let i = 0; i < classes; i++) to[dest[i] as number] = src[i] as number;
          }
          visit(depth + 1, x + 1, columns);
        }
      }
    };
    if (classes > 0) visit(0, 0, []);
    if (q > MAX_SUBSET_QIS) {
      const full = this.report().riskiest[0];
      if (full !== undefined) out.push(full);
    }
    out.sort((a, b) => b.uniqueShare - a.uniqueShare || a.k - b.k || a.columns.length - b.columns.length);
    return out;
  }
}
