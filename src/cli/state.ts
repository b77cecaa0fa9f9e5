// what ledger, consent and keys commands open: the workspace's config, keyring, state store and the
// subject dictionary with its keyed hasher.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { type Keyring, keyringPath, loadKeyring } from "../crypto/keyring.js";
import { type LogKeys, logKeyPath, openLogKeys } from "../crypto/log-key.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { Ledger } from "../ledger/ledger.js";
import { logNoteSigner, logVkey } from "../ledger/note/log-key.js";
import type { NoteSigner } from "../ledger/note/signed-note.js";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { fastSubjectHasher, type SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import { durationDays } from "../model/common.js";
import { WitnessSchema } from "../model/config.js";
import { CONFIG_FILE } from "../model/load.js";
import { openStore, type Store } from "../store/sqlite.js";

interface RawConfig {
  keyring?: unknown;
  controller?: { name?: unknown };
  ledger?: {
    retention?: unknown;
    backdate_window?: unknown;
    output_mode?: unknown;
    origin?: unknown;
    signing_key?: unknown;
    witnesses?: unknown;
    witness_quorum?: unknown;
    wait_for_witnesses?: unknown;
  };
}

/** jikimi.yaml read leniently: ledger commands need only a few keys, even when declarations have issues. */
function rawConfig(dir: string): RawConfig | undefined {
  try {
    return (parse(readFileSync(join(dir, CONFIG_FILE), "utf8")) as RawConfig | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The controller's name and the ledger settings of jikimi.yaml (validated by the model's schema on load). */
export function ledgerSettings(dir: string): {
  log: string;
  retention: string;
  backdateDays: number;
  outputMode: number;
  /** the log's origin: ledger.origin, or one made from the controller's name */
  origin: string;
} {
  const config = rawConfig(dir);
  const name = config?.controller?.name;
  const retention = config?.ledger?.retention;
  const window = config?.ledger?.backdate_window;
  const mode = config?.ledger?.output_mode;
  return {
    log: typeof name === "string" ? name : "unnamed controller",
    retention: typeof retention === "string" ? retention : "3y",
    backdateDays: typeof window === "string" && /^[1-9][0-9]*[dmy]$/.test(window) ? durationDays(window) : 7,
    outputMode: typeof mode === "string" && /^0?[0-7]{3}$/.test(mode) ? Number.parseInt(mode, 8) : 0o600,
    origin:
      typeof config?.ledger?.origin === "string" && /^[^\s+]+$/.test(config.ledger.origin)
        ? config.ledger.origin
        : `jikimi/${(typeof name === "string" ? name : "controller").replace(/[\s+]+/g, "-")}`,
  };
}

/** The witnesses jikimi.yaml lists, the quorum (default: all of them) and whether releases wait for it. */
export function witnessSettings(dir: string): {
  witnesses: { name: string; url: string; vkey: string }[];
  quorum: number;
  wait: boolean;
} {
  const ledger = rawConfig(dir)?.ledger;
  const parsed = z.array(WitnessSchema).safeParse(ledger?.witnesses ?? []);
  if (!parsed.success)
    throw new JikimiError(
      "bad_config",
      t("cli.errors.bad_witnesses", {
        file: CONFIG_FILE,
        issues: parsed.error.issues.map((i) => `witnesses.${i.path.join(".")}: ${i.message}`).join("; "),
      }),
    );
  const quorum = ledger?.witness_quorum;
  return {
    witnesses: parsed.data,
    quorum: typeof quorum === "number" && Number.isInteger(quorum) ? quorum : parsed.data.length,
    wait: ledger?.wait_for_witnesses === true,
  };
}

/** The keyring path a workspace configures (jikimi.yaml `keyring`, or $JIKIMI_KEYRING). */
export function workspaceKeyringPath(dir: string): string {
  let configured: string | undefined;
  const config = rawConfig(dir);
  if (config) configured = typeof config.keyring === "string" ? config.keyring : undefined;
  else {
    if (process.env.JIKIMI_KEYRING === undefined)
      throw new JikimiError(
        "workspace_not_found",
        t("cli.errors.workspace_not_found", { file: CONFIG_FILE, dir }),
        {
          hint: t("cli.errors.workspace_not_found_hint"),
        },
      );
  }
  return keyringPath(dir, configured);
}

/** The log signing key file a workspace uses ($JIKIMI_LOG_KEY, ledger.signing_key, or beside the keyring). */
export function workspaceLogKeyPath(dir: string, keyringFile: string = workspaceKeyringPath(dir)): string {
  const configured = rawConfig(dir)?.ledger?.signing_key;
  return logKeyPath(dir, keyringFile, typeof configured === "string" ? configured : undefined);
}

export interface WorkspaceState {
  dir: string;
  /** the log's origin (jikimi.yaml ledger.origin): the name its checkpoints and verifier keys carry */
  origin: string;
  /** the log's checkpoint signer (the active log signing key), named by the origin */
  noteSigner(): NoteSigner;
  /** verifier keys (vkey text) of the log: the active signing key, or with `all` also the retired ones */
  logVkeys(all?: boolean): string[];
  /** the ledger over this state, signing with the keyring's ledger key */
  ledger(): Ledger;
  keyring: Keyring;
  /** the log's signing keys (their own file; the keyring for a workspace from before the split) */
  logKeys: LogKeys;
  store: Store;
  subjects: SubjectDictionary;
  hasher: SubjectHasher;
  close(): void;
}

/** Opens the keyring and the state store of a workspace. */
export function openWorkspaceState(dir: string): WorkspaceState {
  const keyring = loadKeyring(workspaceKeyringPath(dir));
  const logKeys = openLogKeys(workspaceLogKeyPath(dir, keyring.path), keyring);
  const key = keyring.active("ledger-subjects");
  const store = openStore(dir);
  const subjects = new SubjectDictionary(store.db);
  const hasher = fastSubjectHasher(key.id, Buffer.from(key.secret, "base64"));
  const settings = ledgerSettings(dir);
  const signingKeys = (all: boolean) => {
    const active = logKeys.active().id;
    return logKeys.all().filter((k) => all || k.id === active);
  };
  return {
    dir,
    origin: settings.origin,
    noteSigner: () => logNoteSigner(logKeys.active(), settings.origin),
    logVkeys: (all = false) => signingKeys(all).map((k) => logVkey(k.public ?? "", settings.origin)),
    ledger: () =>
      new Ledger({
        db: store.db,
        subjects,
        hasher,
        signer: logKeys.signer(),
        log: settings.log,
        backdateDays: settings.backdateDays,
      }),
    keyring,
    logKeys,
    store,
    subjects,
    hasher,
    close: () => store.close(),
  };
}
