// schema migrations of the embedded state database, applied in order, each once, each in a transaction.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "check runs",
    sql: `
      CREATE TABLE check_runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        checked_for TEXT NOT NULL,
        workspace_digest TEXT NOT NULL,
        agreements INTEGER NOT NULL,
        errors INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        gaps INTEGER NOT NULL,
        findings_json TEXT NOT NULL
      );
      CREATE INDEX check_runs_started ON check_runs(started_at);
    `,
  },
];
