// the check runs' storage port: every `jikimi check` is recorded with its findings, newest read first.

export interface CheckRunRecord {
  startedAt: string;
  checkedFor: string;
  workspaceDigest: string;
  agreements: number;
  errors: number;
  warnings: number;
  gaps: number;
  findingsJson: string;
}

/** @example const id = await store.record(run); const [last] = await store.last(1); */
export interface CheckRunStore {
  record(run: CheckRunRecord): Promise<number>;
  last(limit: number): Promise<(CheckRunRecord & { id: number })[]>;
}
