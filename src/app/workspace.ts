// the composition root: `openWorkspace` reads jikimi.yaml once, opens the state store it names (the embedded
// SQLite file or PostgreSQL) and hands out the services over it. The CLI, the coming HTTP server and the workers
// all start here; nothing above this module opens a database, a keyring or a config file itself.
import type { ConsentRegistryOptions } from "../consent/registry.js";
import { ConsentRegistry } from "../consent/registry.js";
import { type Keyring, loadKeyring } from "../crypto/keyring.js";
import { type LogKeys, openLogKeys } from "../crypto/log-key.js";
import type { ShareResult } from "../engine/share/types.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { Ledger } from "../ledger/ledger.js";
import { logNoteSigner, logVkey } from "../ledger/note/log-key.js";
import type { NoteSigner } from "../ledger/note/signed-note.js";
import { SubjectDictionary } from "../ledger/subjects/dictionary.js";
import { fastSubjectHasher, type SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import { CONFIG_FILE } from "../model/load.js";
import type { StateStore } from "../ports/state-store.js";
import type { RiskAnalysis, RiskFileOptions } from "../risk/file.js";
import { analyseRisk } from "../risk/file.js";
import type { ScanResult } from "../scan/result.js";
import { type ScanOptions, scanFile } from "../scan/scan.js";
import { openStateStore } from "../store/open.js";
import type { Witnessed } from "../witness/log-side.js";
import { type CheckOutcome, checkFolder, recordCheck } from "./check.js";
import { currentCheckpoint, storedCheckpoint, witnessNow } from "./checkpoints.js";
import { type Declarations, keptDeclarations } from "./declarations.js";
import { detokenizer } from "./detokenize.js";
import { type Environment, readSettings, type WorkspaceSettings } from "./settings.js";
import { type ShareCall, shareRelease } from "./share.js";

export interface WorkspaceOptions {
  /** the workspace folder (holding jikimi.yaml) */
  root: string;
  /** JIKIMI_KEYRING, JIKIMI_LOG_KEY, JIKIMI_DATABASE_URL, JIKIMI_PASSPHRASE...; an adapter passes its environment */
  env?: Environment;
  /** connections to a PostgreSQL store (default 10) */
  connections?: number;
  /** false: open without migrating (db status); the default brings the schema up to date */
  migrate?: boolean;
  /** refuse (workspace_not_found) a folder without jikimi.yaml before any state is made in it */
  requireConfig?: boolean;
}

/** One workspace's services; close it when done. */
export interface WorkspaceSession {
  readonly root: string;
  readonly settings: WorkspaceSettings;
  /** the state store: ledger, consent and check runs */
  readonly store: StateStore;
  /** the log's origin (jikimi.yaml ledger.origin): the name its checkpoints and verifier keys carry */
  readonly origin: string;
  /** the keyring (loaded on first use) */
  readonly keyring: Keyring;
  /** the log's signing keys (their own file; the keyring for a workspace from before the split) */
  readonly logKeys: LogKeys;
  /** the subject dictionary, shared by the ledger and the consent registry of this workspace */
  readonly subjects: SubjectDictionary;
  /** the keyed subject hasher (the keyring's active ledger-subjects key) */
  readonly hasher: SubjectHasher;
  /** the log's checkpoint signer (the active log signing key), named by the origin */
  noteSigner(): NoteSigner;
  /** verifier keys (vkey text) of the log: the active signing key, or with `all` also the retired ones */
  logVkeys(all?: boolean): string[];
  /** the transfer ledger, signing with the active log key */
  ledger(): Ledger;
  /** the consent registry over the same dictionary */
  consent(options?: ConsentRegistryOptions): ConsentRegistry;
  /** the declarations (datasets, recipients, agreements) as the folder holds them now; `workspace_invalid` if any
   * file has a problem */
  declarations(): Declarations;
  /** checks the declarations for the day `at` (YYYY-MM-DD) and, unless `record` is false, records the run */
  check(at: string, options?: { record?: boolean }): Promise<CheckOutcome>;
  /** one release of an agreement through the gateway (see app/share.ts) */
  share(call: ShareCall): Promise<ShareResult>;
  /** sends the current checkpoint to the configured witnesses and keeps their cosignatures */
  witness(): Promise<Witnessed>;
  /** the checkpoint to hand out: freshly witnessed when witnesses are configured (`stored`: no network) */
  checkpoint(options?: { stored?: boolean }): Promise<string>;
  /** opens tokens of `field` released under `agreement` (see app/detokenize.ts) */
  detokenizer(agreement: string, field: string, keyId?: string): (token: string) => string;
  /** finds personal data in a records file (no state is read or written) */
  scan(file: string, options?: ScanOptions): Promise<ScanResult>;
  /** the re-identification risk of a records file over its quasi-identifiers (no state is read or written) */
  risk(file: string, options: RiskFileOptions): Promise<RiskAnalysis>;
  close(): Promise<void>;
}

/** A value made on first use (the keyring asks for a passphrase or a file only when a command needs keys). */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    if (!made) made = { value: make() };
    return made.value;
  };
}

/**
 * Opens a workspace: its settings, its state store (migrated), and lazily its keys.
 * @example const ws = await openWorkspace({ root: "./ws", env: process.env });
 * try { console.log(await ws.ledger().size()); } finally { await ws.close(); }
 */
export async function openWorkspace(options: WorkspaceOptions): Promise<WorkspaceSession> {
  const env = options.env ?? {};
  const settings = readSettings(options.root, env);
  if (options.requireConfig && !settings.found)
    throw new JikimiError(
      "workspace_not_found",
      t("cli.errors.workspace_not_found", { file: CONFIG_FILE, dir: options.root }),
      {
        hint: t("cli.errors.workspace_not_found_hint"),
      },
    );
  const store = await openStateStore(settings.store, {
    ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
  const keyring = lazy(() => loadKeyring(settings.keyringPath(), env as NodeJS.ProcessEnv));
  const logKeys = lazy(() =>
    openLogKeys(settings.logKeyPath(keyring().path), keyring(), env as NodeJS.ProcessEnv),
  );
  const hasher = lazy(() => {
    const key = keyring().active("ledger-subjects");
    return fastSubjectHasher(key.id, Buffer.from(key.secret, "base64"));
  });
  const subjects = new SubjectDictionary();
  const ledger = lazy(
    () =>
      new Ledger({
        store: store.ledger,
        subjects,
        hasher: hasher(),
        signer: logKeys().signer(),
        log: settings.log,
        backdateDays: settings.backdateDays,
      }),
  );
  const signingKeys = (all: boolean) => {
    const active = logKeys().active().id;
    return logKeys()
      .all()
      .filter((k) => all || k.id === active);
  };
  const session: WorkspaceSession = {
    root: options.root,
    settings,
    store,
    origin: settings.origin,
    get keyring() {
      return keyring();
    },
    get logKeys() {
      return logKeys();
    },
    subjects,
    get hasher() {
      return hasher();
    },
    noteSigner: () => logNoteSigner(logKeys().active(), settings.origin),
    logVkeys: (all = false) => signingKeys(all).map((k) => logVkey(k.public ?? "", settings.origin)),
    ledger,
    consent: (consentOptions = {}) => new ConsentRegistry(store.consent, subjects, hasher(), consentOptions),
    declarations: keptDeclarations(options.root),
    async check(at, { record = true } = {}) {
      const outcome = checkFolder(options.root, at);
      if (record && outcome.loaded) await recordCheck(store.checkRuns, outcome);
      return outcome;
    },
    share: (call) => shareRelease(session, call),
    witness: () => witnessNow(session),
    checkpoint: ({ stored = false } = {}) =>
      stored ? storedCheckpoint(session) : currentCheckpoint(session),
    detokenizer: (agreement, field, keyId) => detokenizer(options.root, keyring(), agreement, field, keyId),
    scan: (file, scanOptions) => scanFile(file, scanOptions),
    risk: (file, riskOptions) => analyseRisk(file, riskOptions),
    close: () => store.close(),
  };
  return session;
}
