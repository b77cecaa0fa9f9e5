// jikimi keys: create, list, rotate, shred, seal and unseal the keyring's keys; key material and the
// passphrase are never printed. Notes for people go to stderr; `--format json` prints a summary on stdout.

import { existsSync } from "node:fs";
import type { Command } from "commander";
import { JikimiError, t, table } from "../../public/base.js";
import {
  initKeyring,
  initLogKey,
  isSealed,
  type Keyring,
  loadKeyring,
  moveSigningKeys,
  PASSPHRASE_ENV,
  parsePurpose,
  rotateKey,
  sealKeyring,
  shredKey,
  unsealKeyring,
} from "../../public/keys.js";
import { readSettings } from "../../public/workspace.js";
import { formatOption } from "../convention.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { note, report } from "../output.js";

interface WorkspaceOpts {
  workspace?: string;
}

function sealedNote(ring: Keyring): string {
  return ring.sealed ? t("cli.keys.sealed_with", { env: PASSPHRASE_ENV }) : t("cli.keys.not_sealed");
}

/** A keys verb: -w and --format. */
function keysVerb(keys: Command, name: string, description: string): Command {
  return formatOption(workspaceOption(keys.command(name)).description(description));
}

function registerInit(keys: Command): void {
  keysVerb(keys, "init", t("cli.keys.init", { variable: `$${PASSPHRASE_ENV}` })).action(
    (opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const path = readSettings(dir, process.env).keyringPath();
      const logPath = readSettings(dir, process.env).logKeyPath(path);
      const now = new Date();
      const created: { id: string; purpose: string }[] = [];
      let keyringCreated = false;
      if (existsSync(path)) {
        // a keyring made before the signing key had a file of its own: add only what is missing
        if (loadKeyring(path, process.env).file.keys.some((k) => k.purpose === "ledger-signing"))
          throw new JikimiError("keyring_exists", t("cli.keys.still_holds_signing", { path }), {
            hint: t("cli.keys.move_log_key_hint"),
          });
        if (existsSync(logPath)) initKeyring(path, now, process.env); // refuses with keyring_exists: jikimi never overwrites keys
      } else {
        const ring = initKeyring(path, now, process.env, ["master", "ledger-subjects"]);
        keyringCreated = true;
        note(t("cli.keys.created_keyring", { path, sealed: sealedNote(ring) }));
        for (const line of table(ring.file.keys.map((k) => [k.id, k.purpose]))) note(`  ${line}`);
        note(t("cli.keys.back_it_up"));
        created.push(...ring.file.keys.map((k) => ({ id: k.id, purpose: k.purpose })));
      }
      const log = initLogKey(logPath, now, process.env);
      const signing = log.active("ledger-signing").id;
      note(t("cli.keys.created_log_key", { path: logPath, sealed: sealedNote(log), id: signing }));
      note(t("cli.keys.keep_apart"));
      created.push({ id: signing, purpose: "ledger-signing" });
      report(
        () => ({
          keyring: path,
          keyring_created: keyringCreated,
          log_key: logPath,
          sealed: log.sealed,
          keys: created,
        }),
        () => "",
      );
    },
  );
}

function registerList(keys: Command): void {
  keysVerb(keys, "list", t("cli.keys.list")).action((opts: WorkspaceOpts) => {
    const dir = workspaceDir(opts);
    const ring = loadKeyring(readSettings(dir, process.env).keyringPath(), process.env);
    const logPath = readSettings(dir, process.env).logKeyPath(ring.path);
    const log = existsSync(logPath) ? loadKeyring(logPath, process.env) : undefined;
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
    note(t("cli.keys.keyring_state", { path: ring.path, sealed: sealedNote(ring) }));
    if (log) note(t("cli.keys.log_key_state", { path: log.path, sealed: sealedNote(log) }));
    else if (ring.file.keys.some((k) => k.purpose === "ledger-signing"))
      note(t("cli.keys.signing_in_keyring"));
    report(
      () => rows,
      () => {
        const lines = table(
          rows.map((r) => {
            const since = r.shredded
              ? t("cli.keys.shredded_on", { at: r.shredded })
              : r.retired
                ? t("cli.keys.retired_on", { at: r.retired })
                : "";
            return [r.id, r.purpose, r.status, `${r.created}${since === "" ? "" : `  ${since}`}`];
          }),
        );
        return lines.map((l) => `${l}\n`).join("");
      },
    );
  });
}

function registerRotate(keys: Command): void {
  keysVerb(keys, "rotate", t("cli.keys.rotate"))
    .argument("<purpose>", t("cli.keys.rotate_purpose"))
    .action((purpose: string, opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const ringPath = readSettings(dir, process.env).keyringPath();
      const parsed = parsePurpose(purpose);
      const logPath = readSettings(dir, process.env).logKeyPath(ringPath);
      const path = parsed === "ledger-signing" && existsSync(logPath) ? logPath : ringPath;
      const r = rotateKey(path, parsed, new Date(), process.env);
      note(t("cli.keys.rotated", { purpose, active: r.active, path }));
      for (const id of r.retired)
        note(
          `  ${t(parsed === "ledger-signing" ? "cli.keys.retired_signing" : "cli.keys.retired_master", { id })}`,
        );
      report(
        () => ({ purpose: parsed, active: r.active, retired: r.retired, file: path }),
        () => "",
      );
    });
}

function registerMoveLogKey(keys: Command): void {
  keysVerb(keys, "move-log-key", t("cli.keys.move_log_key")).action((opts: WorkspaceOpts) => {
    const dir = workspaceDir(opts);
    const ringPath = readSettings(dir, process.env).keyringPath();
    const logPath = readSettings(dir, process.env).logKeyPath(ringPath);
    const { moved } = moveSigningKeys(ringPath, logPath, process.env);
    note(t("cli.keys.moved", { ids: moved.join(", "), from: ringPath, to: logPath }));
    report(
      () => ({ moved, from: ringPath, to: logPath }),
      () => "",
    );
  });
}

function registerShred(keys: Command): void {
  keysVerb(keys, "shred", t("cli.keys.shred"))
    .argument("<key-id>", t("cli.keys.shred_id"))
    .option("--force", t("cli.keys.shred_force"))
    .action((keyId: string, opts: WorkspaceOpts & { force?: boolean }) => {
      const dir = workspaceDir(opts);
      const ringPath = readSettings(dir, process.env).keyringPath();
      const logPath = readSettings(dir, process.env).logKeyPath(ringPath);
      const inLog = existsSync(logPath) && loadKeyring(logPath, process.env).byId(keyId) !== undefined;
      const path = inLog ? logPath : ringPath;
      const ring = shredKey(path, keyId, new Date(), { force: opts.force === true, env: process.env });
      const key = ring.byId(keyId);
      note(t("cli.keys.shredded", { id: keyId, path }));
      if (key?.purpose === "ledger-signing") note(`  ${t("cli.keys.shredded_public_stays")}`);
      note(`  ${t("cli.keys.shredded_backups")}`);
      report(
        () => ({ shredded: keyId, purpose: key?.purpose ?? null, file: path }),
        () => "",
      );
    });
}

function registerSeal(keys: Command): void {
  keysVerb(keys, "seal", t("cli.keys.seal", { variable: `$${PASSPHRASE_ENV}` })).action(
    (opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const path = readSettings(dir, process.env).keyringPath();
      sealKeyring(path, process.env);
      const sealed = [path];
      note(t("cli.keys.sealed", { path, env: PASSPHRASE_ENV }));
      const logPath = readSettings(dir, process.env).logKeyPath(path);
      if (existsSync(logPath) && !isSealed(logPath)) {
        sealKeyring(logPath, process.env);
        sealed.push(logPath);
        note(t("cli.keys.sealed_log_key", { path: logPath }));
      }
      report(
        () => ({ sealed }),
        () => "",
      );
    },
  );
}

function registerUnseal(keys: Command): void {
  keysVerb(keys, "unseal", t("cli.keys.unseal", { variable: `$${PASSPHRASE_ENV}` })).action(
    (opts: WorkspaceOpts) => {
      const dir = workspaceDir(opts);
      const path = readSettings(dir, process.env).keyringPath();
      unsealKeyring(path, process.env);
      const unsealed = [path];
      note(t("cli.keys.unsealed", { path }));
      const logPath = readSettings(dir, process.env).logKeyPath(path);
      if (existsSync(logPath) && isSealed(logPath)) {
        unsealKeyring(logPath, process.env);
        unsealed.push(logPath);
        note(t("cli.keys.unsealed_log_key", { path: logPath }));
      }
      report(
        () => ({ unsealed }),
        () => "",
      );
    },
  );
}

/** Registers `jikimi keys init|list|rotate|move-log-key|shred|seal|unseal`. */
export function registerKeys(program: Command): void {
  const keys = program.command("keys").description(t("cli.keys.description"));
  registerInit(keys);
  registerList(keys);
  registerRotate(keys);
  registerMoveLogKey(keys);
  registerShred(keys);
  registerSeal(keys);
  registerUnseal(keys);
}
