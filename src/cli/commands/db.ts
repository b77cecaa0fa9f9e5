// jikimi db migrate | status: the state database the workspace names (the embedded SQLite file, or PostgreSQL from
// jikimi.yaml `store` or JIKIMI_DATABASE_URL), its schema version and the migrations still to run.
import type { Command } from "commander";
import { t } from "../../public/base.js";
import type { SchemaStatus } from "../../public/workspace.js";
import { formatOption } from "../convention.js";
import { workspaceOption } from "../options.js";
import { report } from "../output.js";
import { withWorkspace } from "../workspace.js";

function lines(status: SchemaStatus, done?: string): string {
  const out = [
    t("cli.db.where", { dialect: status.dialect, location: status.location }),
    t("cli.db.version", { current: status.current, known: status.known }),
    status.pending.length === 0
      ? t("cli.db.up_to_date")
      : t("cli.db.pending", { list: status.pending.map((p) => `${p.version} ${p.name}`).join(", ") }),
  ];
  if (done) out.unshift(done);
  return out.map((l) => `${l}\n`).join("");
}

const json = (s: SchemaStatus) => ({
  dialect: s.dialect,
  location: s.location,
  current: s.current,
  known: s.known,
  pending: s.pending,
});

export function registerDb(program: Command): void {
  const db = program.command("db").description(t("cli.db.description"));
  formatOption(workspaceOption(db.command("migrate")).description(t("cli.db.migrate.description"))).action(
    async (opts: { workspace?: string }) => {
      const status = await withWorkspace(opts, (ws) => ws.store.status());
      report(
        () => json(status),
        () => lines(status, t("cli.db.migrated", { current: status.current })),
      );
    },
  );
  formatOption(workspaceOption(db.command("status")).description(t("cli.db.status.description"))).action(
    async (opts: { workspace?: string }) => {
      const status = await withWorkspace(opts, (ws) => ws.store.status(), { migrate: false });
      report(
        () => json(status),
        () => lines(status),
      );
      if (status.pending.length > 0) process.exitCode = 1;
    },
  );
}
