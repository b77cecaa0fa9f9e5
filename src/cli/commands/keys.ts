// jikimi keys: create, list, rotate, shred, seal and unseal the keyring's keys; key material and the
// passphrase are never printed.
import type { Command } from "commander";
import {
  initKeyring,
  type Keyring,
  loadKeyring,
  PASSPHRASE_ENV,
  parsePurpose,
  rotateKey,
  sealKeyring,
  shredKey,
  unsealKeyring,
} from "../../crypto/keyring.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { workspaceKeyringPath } from "../state.js";

interface WorkspaceOpts {
  workspace?: string;
}

function sealedNote(ring: Keyring): string {
  return ring.sealed ? `sealed (opened with ${PASSPHRASE_ENV})` : "not sealed";
}

/** Registers `jikimi keys init|list|rotate|shred|seal|unseal`. */
export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("the keyring: pseudonym, ledger and signing keys");
  workspaceOption(keys.command("init"))
    .description(
      `create the keyring (mode 0600) at jikimi.yaml's \`keyring\` path or $JIKIMI_KEYRING; sealed when $${PASSPHRASE_ENV} is set`,
    )
    .action((opts: WorkspaceOpts) => {
      const path = workspaceKeyringPath(workspaceDir(opts));
      const ring = initKeyring(path, new Date());
      process.stderr.write(`created the keyring ${path} (mode 600, ${sealedNote(ring)}) with keys:\n`);
      for (const k of ring.file.keys) process.stderr.write(`  ${k.id.padEnd(28)} ${k.purpose}\n`);
      process.stderr.write(
        "back it up somewhere safe: without it, pseudonyms cannot be reproduced or reversed\n",
      );
    });
  workspaceOption(keys.command("list"))
    .description("list key ids, purposes and status (never the keys), and whether the keyring is sealed")
    .option("--json", "print JSON")
    .action((opts: WorkspaceOpts & { json?: boolean }) => {
      const ring = loadKeyring(workspaceKeyringPath(workspaceDir(opts)));
      const rows = ring.file.keys.map(({ id, purpose, algorithm, created, status, retired, shredded }) => ({
        id,
        purpose,
        algorithm,
        created,
        status,
        ...(retired === undefined ? {} : { retired }),
        ...(shredded === undefined ? {} : { shredded }),
      }));
      process.stderr.write(`keyring ${ring.path}: ${sealedNote(ring)}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else
        for (const r of rows) {
          const since = r.shredded ? `  shredded ${r.shredded}` : r.retired ? `  retired ${r.retired}` : "";
          process.stdout.write(
            `${r.id.padEnd(28)} ${r.purpose.padEnd(16)} ${r.status.padEnd(8)} ${r.created}${since}\n`,
          );
        }
    });
  workspaceOption(keys.command("rotate"))
    .argument("<purpose>", "master or ledger-signing (ledger-subjects is never rotated)")
    .description(
      "make a new active key of a purpose; the old one is retired, kept for old tokens and signatures",
    )
    .action((purpose: string, opts: WorkspaceOpts) => {
      const path = workspaceKeyringPath(workspaceDir(opts));
      const r = rotateKey(path, parsePurpose(purpose), new Date());
      process.stderr.write(`rotated ${purpose}: ${r.active} is now active\n`);
      for (const id of r.retired)
        process.stderr.write(
          `  ${id} is retired: kept to reverse old tokens and verify old signatures; shred it with \`jikimi keys shred ${id}\` when nothing needs it\n`,
        );
    });
  workspaceOption(keys.command("shred"))
    .argument("<key-id>", "the key to shred (see `jikimi keys list`)")
    .option("--force", "shred even the active key of its purpose")
    .description(
      "remove a key's secret for good: what was derived from it can never be recomputed or reversed",
    )
    .action((keyId: string, opts: WorkspaceOpts & { force?: boolean }) => {
      const path = workspaceKeyringPath(workspaceDir(opts));
      const ring = shredKey(path, keyId, new Date(), { force: opts.force === true });
      const key = ring.byId(keyId);
      process.stderr.write(`shredded ${keyId}: its secret is gone from ${path}\n`);
      if (key?.purpose === "ledger-signing")
        process.stderr.write("  its public key stays, so checkpoints it signed still verify\n");
      process.stderr.write(
        "  copies of the keyring in backups still hold it: destroy those too for the shredding to hold\n",
      );
    });
  workspaceOption(keys.command("seal"))
    .description(`encrypt the keyring with the passphrase in $${PASSPHRASE_ENV} (scrypt, AES-256-GCM)`)
    .action((opts: WorkspaceOpts) => {
      const path = workspaceKeyringPath(workspaceDir(opts));
      sealKeyring(path);
      process.stderr.write(
        `sealed the keyring ${path}: every jikimi command that opens it now needs ${PASSPHRASE_ENV}\n`,
      );
    });
  workspaceOption(keys.command("unseal"))
    .description(`decrypt a sealed keyring with $${PASSPHRASE_ENV} and store it as plain JSON (mode 0600)`)
    .action((opts: WorkspaceOpts) => {
      const path = workspaceKeyringPath(workspaceDir(opts));
      unsealKeyring(path);
      process.stderr.write(
        `unsealed the keyring ${path}: its keys are now protected by file permissions only\n`,
      );
    });
}
