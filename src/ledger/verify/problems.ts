// what verify reports: each problem names its kind, the entry, and the table and column where it was found.
export type ProblemKind =
  | "changed"
  | "summary_changed"
  | "removed"
  | "inserted"
  | "reordered"
  | "truncated"
  | "unsigned"
  | "bad_signature"
  | "head_changed"
  | "column_changed"
  | "pruned_unlisted"
  | "pruned_early"
  | "unsupported_format"
  | "subjects_changed"
  | "chain_changed"
  | "changes_changed"
  | "dictionary_changed"
  | "meta_changed"
  | "consent_changed"
  | "scope_changed"
  | "receipts_changed"
  | "checkpoint_forged"
  | "cosignature_changed"
  | "checkpoint_mismatch";

export interface Problem {
  kind: ProblemKind;
  seq?: number;
  /** where: `table` or `table.column` */
  place?: string;
  message: string;
}

/** Collects problems, keeping at most `limit` of each kind so a wholesale rewrite stays readable. */
export class Problems<P extends { kind: string } = Problem> {
  readonly list: P[] = [];
  private readonly perKind = new Map<P["kind"], number>();
  constructor(private readonly limit = 20) {}

  add(p: P): void {
    const n = this.perKind.get(p.kind) ?? 0;
    this.perKind.set(p.kind, n + 1);
    if (n < this.limit) this.list.push(p);
  }

  has(kind: P["kind"]): boolean {
    return this.perKind.has(kind);
  }

  get size(): number {
    return this.list.length;
  }
}
