// room 3's consumer: takes each block's result in file order and adds it up: counts, bad rows (refused or set
// aside in the quarantine report), distinct subjects, the risk classes, the hash audit's samples, the dry run's
// sample, and the released bytes written to the output's temporary.
import { csvField } from "../../io/records/csv-writer.js";
import { type SpillOptions, SubjectHashSet } from "../../ledger/subjects/subject-set.js";
import { RiskAccumulator } from "../../risk/index.js";
import type { BlockResult } from "../release/processor.js";
import type { PendingOutput } from "./ports.js";
import { badRowError, interrupted, where } from "./rows.js";
import { noCounts, QUARANTINE_LIST, type QuarantinedRow } from "./types.js";

/** Distinct values of each un-keyed released field the hash audit samples. */
const PROBE_SAMPLE = 4096;
/** Rows of a dry run's sample. */
const SAMPLE_ROWS = 5;

export interface TallyOptions {
  input: string;
  /** `on_bad_row: reject`: the first bad row stops the run */
  reject: boolean;
  /** the agreement's quasi-identifiers, when it declares a risk gate */
  quasiIdentifiers?: string[];
  /** the released file's temporary (none in a dry run) */
  output?: PendingOutput;
  /** opens the quarantine report's temporary at the first row set aside (undefined in a dry run) */
  openReport: () => PendingOutput | undefined;
  signal?: AbortSignal;
  onProgress?: (rows: number, bytes: number) => void;
  /** where the distinct subjects are staged past a bound (none: all held in memory) */
  spill?: SpillOptions;
}

/** The sums of a run so far. */
export class Tally {
  readonly counts = noCounts();
  readonly subjects: SubjectHashSet;
  readonly risk: RiskAccumulator | undefined;
  readonly probes: Set<string>[] = [];
  readonly sample: string[][] = [];
  readonly quarantined: QuarantinedRow[] = [];
  /** where the next block's records and lines start in the input (0-based counts of what came before) */
  readonly at = { rows: 0, lines: 0 };
  /** input bytes handed out so far */
  bytesRead = 0;
  report: PendingOutput | undefined;
  private readonly qiCount: number;

  constructor(private readonly o: TallyOptions) {
    this.subjects = new SubjectHashSet(o.spill);
    this.risk = o.quasiIdentifiers ? new RiskAccumulator(o.quasiIdentifiers) : undefined;
    this.qiCount = o.quasiIdentifiers?.length ?? 0;
  }

  /** Takes one block's result, in file order. */
  async take(r: BlockResult): Promise<void> {
    if (this.o.signal?.aborted) throw interrupted();
    await this.setAside(r);
    const c = this.counts;
    c.read += r.records;
    c.outOfScope += r.outOfScope;
    c.noConsent += r.noConsent;
    c.released += r.released;
    this.subjects.add(r.hashes, r.released);
    const q = this.qiCount;
    if (this.risk) for (let i = 0; i < r.released; i++) this.risk.add(r.qi.slice(i * q, (i + 1) * q));
    r.probe.forEach((values, p) => {
      const kept = this.probes[p] ?? new Set<string>();
      this.probes[p] = kept;
      for (const v of values) if (kept.size < PROBE_SAMPLE) kept.add(v);
    });
    for (const row of r.sample) if (this.sample.length < SAMPLE_ROWS) this.sample.push(row);
    if (this.o.output && r.out.length > 0) await this.o.output.write(r.out);
    this.at.rows += r.records;
    this.at.lines += r.lines;
    this.o.onProgress?.(c.read, this.bytesRead);
  }

  /** The block's bad rows: the first refuses the run under `reject`, otherwise each goes to the report. */
  private async setAside(r: BlockResult): Promise<void> {
    const issues = r.issues.length > 1 ? [...r.issues].sort((x, y) => x.record - y.record) : r.issues;
    const lines: string[] = [];
    for (const issue of issues) {
      const row = this.at.rows + issue.record + 1;
      if (this.o.reject)
        throw badRowError(
          this.o.input,
          where(row, issue.line >= 0 ? this.at.lines + issue.line + 1 : undefined),
          issue,
        );
      this.counts.bad++;
      const q: QuarantinedRow = { row, code: issue.code, ...(issue.field ? { field: issue.field } : {}) };
      if (this.quarantined.length < QUARANTINE_LIST) this.quarantined.push(q);
      lines.push(`${row},${csvField(q.field ?? "")},${q.code}\n`);
    }
    if (lines.length === 0) return;
    if (this.report === undefined) {
      this.report = this.o.openReport();
      await this.report?.write(Buffer.from("row,field,code\n"));
    }
    await this.report?.write(Buffer.from(lines.join("")));
  }
}
