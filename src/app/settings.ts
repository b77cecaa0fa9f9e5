// what the services read of jikimi.yaml, read once per workspace: the controller's name, the ledger settings, the
// witnesses, where the keys live and which database holds the state. Lenient: ledger and key commands need only
// these keys, even when the declarations have issues (`jikimi check` reports those).
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { keyringPath } from "../crypto/keyring.js";
import { logKeyPath } from "../crypto/log-key.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { durationDays } from "../model/common.js";
import { WitnessSchema } from "../model/config.js";
import { CONFIG_FILE } from "../model/load.js";
import type { StoreLocator } from "../ports/state-store.js";

export const STATE_DIR = ".jikimi";
export const STATE_FILE = "state.db";

interface RawConfig {
  keyring?: unknown;
  store?: unknown;
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
  server?: {
    input_roots?: unknown;
    output_dir?: unknown;
    subject_tokens?: { issuer?: unknown; audience?: unknown; public_keys?: unknown; max_ttl?: unknown };
  };
}

/** The HTTP API's settings (jikimi.yaml `server`); paths resolved against the workspace. */
export interface ServerSettings {
  /** folders whose files a request may name by path; none by default */
  inputRoots: string[];
  /** where releases started over the API are placed, one folder per job */
  outputDir: string;
  /** a person's signed tokens: who issues them and the public keys' files (absent: only `jikimi tokens` mints) */
  subjectTokens: { issuer: string; audience: string; publicKeyFiles: string[]; maxTtl: string };
}

/** The environment the services read: JIKIMI_KEYRING, JIKIMI_LOG_KEY, JIKIMI_DATABASE_URL. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One workspace's settings. */
export interface WorkspaceSettings {
  root: string;
  /** whether jikimi.yaml was found and parsed */
  found: boolean;
  /** the controller's name, written into checkpoints */
  log: string;
  retention: string;
  backdateDays: number;
  outputMode: number;
  /** the log's origin: ledger.origin, or one made from the controller's name */
  origin: string;
  witnesses: { name: string; url: string; vkey: string }[];
  quorum: number;
  wait: boolean;
  /** the keyring file (jikimi.yaml `keyring`, or $JIKIMI_KEYRING); throws workspace_not_found without either */
  keyringPath(): string;
  /** the log signing key file ($JIKIMI_LOG_KEY, ledger.signing_key, or beside the keyring) */
  logKeyPath(keyringFile?: string): string;
  /** the state database: $JIKIMI_DATABASE_URL, jikimi.yaml `store`, or .jikimi/state.db */
  store: StoreLocator;
  /** the HTTP API's settings */
  server: ServerSettings;
}

function rawConfig(root: string): RawConfig | undefined {
  try {
    return (parse(readFileSync(join(root, CONFIG_FILE), "utf8")) as RawConfig | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the state lives. A URL in jikimi.yaml must not carry a password (the file is tracked): it comes from
 * JIKIMI_DATABASE_URL or PGPASSWORD instead.
 * @example storeLocator("./ws", "postgres://jikimi@db.internal/jikimi", {}) // { dialect: "postgres", url: ... }
 */
export function storeLocator(root: string, configured: unknown, env: Environment): StoreLocator {
  const fromEnv = env.JIKIMI_DATABASE_URL?.trim();
  if (fromEnv) return locatorOf(root, fromEnv, "JIKIMI_DATABASE_URL");
  if (typeof configured === "string" && configured.trim() !== "") {
    const locator = locatorOf(root, configured.trim(), `${CONFIG_FILE} store`);
    if (locator.dialect === "postgres" && hasPassword(locator.url))
      throw new JikimiError(
        "store_password_in_config",
        t("state.config.password_in_file", { file: CONFIG_FILE }),
        {
          hint: t("state.config.password_in_file_hint"),
        },
      );
    return locator;
  }
  return { dialect: "sqlite", file: join(root, STATE_DIR, STATE_FILE) };
}

function hasPassword(url: string): boolean {
  try {
    return new URL(url).password !== "";
  } catch {
    return false;
  }
}

function locatorOf(root: string, value: string, where: string): StoreLocator {
  if (/^postgres(ql)?:\/\//i.test(value)) return { dialect: "postgres", url: value };
  if (/^sqlite:/i.test(value)) {
    const file = value.slice("sqlite:".length);
    return { dialect: "sqlite", file: isAbsolute(file) ? file : join(root, file) };
  }
  throw new JikimiError("bad_store", t("state.config.bad_store", { where }), {
    hint: t("state.config.bad_store_hint"),
  });
}

/**
 * Reads jikimi.yaml once.
 * @example const settings = readSettings("./ws", process.env); settings.store.dialect // "sqlite"
 */
export function readSettings(root: string, env: Environment): WorkspaceSettings {
  const config = rawConfig(root);
  const name = config?.controller?.name;
  const ledger = config?.ledger;
  const retention = ledger?.retention;
  const window = ledger?.backdate_window;
  const mode = ledger?.output_mode;
  const parsed = z.array(WitnessSchema).safeParse(ledger?.witnesses ?? []);
  const witnesses = parsed.success ? parsed.data : undefined;
  const quorum = ledger?.witness_quorum;
  const keyringFile = (): string => {
    if (!config && env.JIKIMI_KEYRING === undefined)
      throw new JikimiError(
        "workspace_not_found",
        t("cli.errors.workspace_not_found", { file: CONFIG_FILE, dir: root }),
        {
          hint: t("cli.errors.workspace_not_found_hint"),
        },
      );
    return keyringPath(root, typeof config?.keyring === "string" ? config.keyring : undefined, env);
  };
  return {
    root,
    found: config !== undefined,
    log: typeof name === "string" ? name : "unnamed controller",
    retention: typeof retention === "string" ? retention : "3y",
    backdateDays: typeof window === "string" && /^[1-9][0-9]*[dmy]$/.test(window) ? durationDays(window) : 7,
    outputMode: typeof mode === "string" && /^0?[0-7]{3}$/.test(mode) ? Number.parseInt(mode, 8) : 0o600,
    origin:
      typeof ledger?.origin === "string" && /^[^\s+]+$/.test(ledger.origin)
        ? ledger.origin
        : `jikimi/${(typeof name === "string" ? name : "controller").replace(/[\s+]+/g, "-")}`,
    get witnesses() {
      if (witnesses) return witnesses;
      throw new JikimiError(
        "bad_config",
        t("cli.errors.bad_witnesses", {
          file: CONFIG_FILE,
          issues: (parsed.error?.issues ?? [])
            .map((i) => `witnesses.${i.path.join(".")}: ${i.message}`)
            .join("; "),
        }),
      );
    },
    get quorum() {
      return typeof quorum === "number" && Number.isInteger(quorum) ? quorum : this.witnesses.length;
    },
    wait: ledger?.wait_for_witnesses === true,
    keyringPath: keyringFile,
    logKeyPath: (file = keyringFile()) =>
      logKeyPath(root, file, typeof ledger?.signing_key === "string" ? ledger.signing_key : undefined, env),
    server: serverSettings(root, config?.server),
    // read on first use: key commands never open the state store, so its setting must not stop them
    get store() {
      return storeLocator(root, config?.store, env);
    },
  };
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
const within = (root: string, p: string): string => (isAbsolute(p) ? p : join(root, p));

function serverSettings(root: string, raw: RawConfig["server"]): ServerSettings {
  const st = raw?.subject_tokens;
  return {
    inputRoots: strings(raw?.input_roots).map((p) => within(root, p)),
    outputDir: within(
      root,
      typeof raw?.output_dir === "string" ? raw.output_dir : join(STATE_DIR, "api-releases"),
    ),
    subjectTokens: {
      issuer: typeof st?.issuer === "string" ? st.issuer : "",
      audience: typeof st?.audience === "string" ? st.audience : "jikimi",
      publicKeyFiles: strings(st?.public_keys).map((p) => within(root, p)),
      maxTtl: typeof st?.max_ttl === "string" && /^[1-9][0-9]*(m|h|d)$/.test(st.max_ttl) ? st.max_ttl : "1h",
    },
  };
}
