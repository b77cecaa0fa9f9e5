// jikimi keys: create and list the keyring's keys; key material is never printed.
import type { Command } from "commander";
import { initKeyring, loadKeyring } from "../../crypto/keyring.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { workspaceKeyringPath } from "../state.js";

export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("the keyring: pseudonym, ledger and signing keys");
  workspaceOption(keys.command("init"))
    .description("create the keyring (mode 0600) at jikimi.yaml's `keyring` path or $JIKIMI_KEYRING")
    .action((opts: { workspace?: string }) => {
      const path = workspaceKeyringPath(workspaceDir(opts));
      const ring = initKeyring(path, new Date());
      process.stderr.write(`created the keyring ${path} (mode 600) with keys:\n`);
      for (const k of ring.file.keys) process.stderr.write(`  ${k.id.padEnd(28)} ${k.purpose}\n`);
      process.stderr.write(
        "back it up somewhere safe: without it, pseudonyms cannot be reproduced or reversed\n",
      );
    });
  workspaceOption(keys.command("list"))
    .description("list key ids, purposes and status (never the keys)")
    .option("--json", "print JSON")
    .action((opts: { workspace?: string; json?: boolean }) => {
      const ring = loadKeyring(workspaceKeyringPath(workspaceDir(opts)));
      const rows = ring.file.keys.map(({ id, purpose, algorithm, created, status }) => ({
        id,
        purpose,
        algorithm,
        created,
        status,
      }));
      if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else
        for (const r of rows)
          process.stdout.write(
            `${r.id.padEnd(28)} ${r.purpose.padEnd(16)} ${r.status.padEnd(8)} ${r.created}\n`,
          );
    });
}
