// re-identification risk of a table, record by record: equivalence classes over the quasi-identifiers (each
// column's values interned to small integers, a class = a tuple of ids in a hash table), then k-anonymity,
// prosecutor, journalist and marketer risk and l-diversity as ARX defines them (docs/risk.md).
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
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
