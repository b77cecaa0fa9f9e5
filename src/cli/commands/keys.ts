// jikimi keys: create, list, rotate, shred, seal and unseal the keyring's keys; key material and the
// passphrase are never printed.

import { existsSync } from "node:fs";
import type { Command } from "commander";
import {
  initKeyring,
  isSealed,
  type Keyring,
  loadKeyring,
  PASSPHRASE_ENV,
  parsePurpose,
  rotateKey,
  sealKeyring,
  shredKey,
  unsealKeyring,
} from "../../crypto/keyring.js";
import { initLogKey, moveSigningKeys } from "../../crypto/log-key.js";
import { JikimiError } from "../../errors.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { workspaceKeyringPath, workspaceLogKeyPath } from "../state.js";

interface WorkspaceOpts {
  workspace?: string;
}

function sealedNote(ring: Keyring): string {
  return ring.sealed ? `sealed (opened with ${PASSPHRASE_ENV})` : "not sealed";
}

/** Registers `jikimi keys init|list|rotate|move-log-key|shred|seal|unseal`. */
export function registerKeys(program: Command): void {
  const keys = program.command("keys").description("the keyring: pseudonym, ledger and signing keys");
  workspaceOption(keys.command("init"))
    .description(
      `create the keyring (mode 0600) at jikimi.yaml's \`keyring\` path or $JIKIMI_KEYRING; sealed when $${PASSPHRASE_ENV} is set`,
    )
    .action((opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const path = workspaceKeyringPath(dir);
      const logPath = workspaceLogKeyPath(dir, path);
      const now = new Date();
      if (existsSync(path)) {
        // a keyring made before the signing key had a file of its own: add only what is missing
        if (loadKeyring(path).file.keys.some((k) => k.purpose === "ledger-signing"))
          throw new JikimiError(
            "keyring_exists",
            `the keyring ${path} already exists and still holds the log signing key: run \`jikimi keys move-log-key\` to give it a file of its own`,
          );
        if (existsSync(logPath)) initKeyring(path, now); // refuses with keyring_exists: jikimi never overwrites keys
      } else {
        const ring = initKeyring(path, now, process.env, ["master", "ledger-subjects"]);
        process.stderr.write(`created the keyring ${path} (mode 600, ${sealedNote(ring)}) with keys:\n`);
        for (const k of ring.file.keys) process.stderr.write(`  ${k.id.padEnd(28)} ${k.purpose}\n`);
        process.stderr.write(
          "back it up somewhere safe: without it, pseudonyms cannot be reproduced or reversed\n",
        );
      }
      const log = initLogKey(logPath, now);
      process.stderr.write(
        `created the log signing key ${logPath} (mode 600, ${sealedNote(log)}): ${log.active("ledger-signing").id}\n`,
      );
      process.stderr.write(
        "keep it apart from the keyring where you can: it signs the ledger's checkpoints; publish `jikimi ledger vkey`\n",
      );
    });
  workspaceOption(keys.command("list"))
    .description("list key ids, purposes and status (never the keys), and whether the keyring is sealed")
    .option("--json", "print JSON")
    .action((opts: WorkspaceOpts & { json?: boolean }) => {
      const dir = workspaceDir(opts);
      const ring = loadKeyring(workspaceKeyringPath(dir));
      const logPath = workspaceLogKeyPath(dir, ring.path);
      const log = existsSync(logPath) ? loadKeyring(logPath) : undefined;
      const rows = [...ring.file.keys, ...(log?.file.keys ?? [])].map(
        ({ id, purpose, algorithm, created, status, retired, shredded }) => ({
          id,
          purpose,
          algorithm,
          created,
          status,
          ...(retired === undefined ? {} : { retired }),
          ...(shredded === undefined ? {} : { shredded }),
        }),
      );
      process.stderr.write(`keyring ${ring.path}: ${sealedNote(ring)}\n`);
      if (log) process.stderr.write(`log signing key ${log.path}: ${sealedNote(log)}\n`);
      else if (ring.file.keys.some((k) => k.purpose === "ledger-signing"))
        process.stderr.write(
          "the signing key is still in the keyring: run `jikimi keys move-log-key` to give it a file of its own\n",
        );
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
      "make a new active key of a purpose; the old master key is retired and kept for old tokens, an old signing key keeps only its public part",
    )
    .action((purpose: string, opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const ringPath = workspaceKeyringPath(dir);
      const parsed = parsePurpose(purpose);
      const logPath = workspaceLogKeyPath(dir, ringPath);
      const path = parsed === "ledger-signing" && existsSync(logPath) ? logPath : ringPath;
      const r = rotateKey(path, parsed, new Date());
      process.stderr.write(`rotated ${purpose}: ${r.active} is now active (${path})\n`);
      for (const id of r.retired)
        process.stderr.write(
          parsed === "ledger-signing"
            ? `  ${id} is retired: its private key is gone; its public key stays, so checkpoints it signed still verify (publish the new \`jikimi ledger vkey\`)\n`
            : `  ${id} is retired: kept to reverse old tokens; shred it with \`jikimi keys shred ${id}\` when nothing needs it\n`,
        );
    });
  workspaceOption(keys.command("move-log-key"))
    .description(
      "move the ledger signing key of a keyring made before the split into its own file (retired ones as public keys only)",
    )
    .action((opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const ringPath = workspaceKeyringPath(dir);
      const logPath = workspaceLogKeyPath(dir, ringPath);
      const { moved } = moveSigningKeys(ringPath, logPath);
      process.stderr.write(`moved ${moved.join(", ")} from ${ringPath} to ${logPath} (mode 600)\n`);
    });
  workspaceOption(keys.command("shred"))
    .argument("<key-id>", "the key to shred (see `jikimi keys list`)")
    .option("--force", "shred even the active key of its purpose")
    .description(
      "remove a key's secret for good: what was derived from it can never be recomputed or reversed",
    )
    .action((keyId: string, opts: WorkspaceOpts & { force?: boolean }) => {
      const dir = workspaceDir(opts);
      const ringPath = workspaceKeyringPath(dir);
      const logPath = workspaceLogKeyPath(dir, ringPath);
      const inLog = existsSync(logPath) && loadKeyring(logPath).byId(keyId) !== undefined;
      const path = inLog ? logPath : ringPath;
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
      const dir = workspaceDir(opts);
      const path = workspaceKeyringPath(dir);
      sealKeyring(path);
      process.stderr.write(
        `sealed the keyring ${path}: every jikimi command that opens it now needs ${PASSPHRASE_ENV}\n`,
      );
      const logPath = workspaceLogKeyPath(dir, path);
      if (existsSync(logPath) && !isSealed(logPath)) {
        sealKeyring(logPath);
        process.stderr.write(`sealed the log signing key ${logPath} with the same passphrase\n`);
      }
    });
  workspaceOption(keys.command("unseal"))
    .description(`decrypt a sealed keyring with $${PASSPHRASE_ENV} and store it as plain JSON (mode 0600)`)
    .action((opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const path = workspaceKeyringPath(dir);
      unsealKeyring(path);
      process.stderr.write(
        `unsealed the keyring ${path}: its keys are now protected by file permissions only\n`,
      );
      const logPath = workspaceLogKeyPath(dir, path);
      if (existsSync(logPath) && isSealed(logPath)) {
        unsealKeyring(logPath);
        process.stderr.write(`unsealed the log signing key ${logPath}\n`);
      }
    });
}
