// what a release is asked (the request: workspace, agreement, source, sink, adapters) and what it answers.
import type { ConsentRegistry } from "../../consent/index.js";
import type { Keyring } from "../../crypto/keyring.js";
import type { Signer } from "../../crypto/signing.js";
import type { WorkspaceReader } from "../../io/workspace-reader.js";
import type { AppendResult, Ledger } from "../../ledger/ledger.js";
import type { SubjectHasher } from "../../ledger/subjects/subject-hasher.js";
import type { Workspace } from "../../model/workspace.js";
import type { Recovery } from "../release/journal.js";
import type { DigestFinding } from "./gates/index.js";
import type { RecordSource, ReleaseSink, RunLocks } from "./ports.js";

export type { DigestFinding } from "./gates/index.js";

export interface ShareRequest {
  workspace: Workspace;
  /** the workspace's files: the agreement's bytes give the entry's digest (default: the workspace folder) */
  reader?: WorkspaceReader;
  agreement: string;
  /** where the records come from (a file, stdin) */
  source: RecordSource;
  /** where the release goes (a folder, a stream such as stdout) */
  sink: ReleaseSink;
  /** makes runs of one agreement exclusive */
  locks: RunLocks;
  at: Date;
  operator: string;
  dryRun?: boolean;
  override?: string;
  keyring: Keyring;
  /** witnessing: after the append, the new checkpoint goes to the witnesses; with `awaiting`, the output is placed
   * only once a checkpoint covering the entry holds the quorum (otherwise it waits for `jikimi ledger repair`) */
  witness?: {
    afterAppend(entry: AppendResult): Promise<void>;
    awaiting?: (seq: number) => string | undefined | Promise<string | undefined>;
  };
  /** signs the manifest beside the output (the log signing key; default: the keyring's, for older workspaces) */
  signer?: Signer;
  ledger: Ledger;
  /** the state store as messages name it (its file, credentials removed) */
  stateLocation?: string;
  consent: ConsentRegistry;
  hasher: SubjectHasher;
  /** called after each block with the records and input bytes read so far */
  onProgress?: (rows: number, bytes: number) => void;
  /** worker threads (default: one per core, at most 8); 0 runs on the calling thread */
  threads?: number;
  /** set when the run must stop (SIGINT/SIGTERM): the release is abandoned before the ledger append */
  signal?: AbortSignal;
  /** the clock (default: now): recorded_at, and the reference for the back-dating rules */
  now?: Date;
  /** mode of the released file, quarantine report and manifest (default 0o600) */
  outputMode?: number;
  /** longest CSV record accepted, in bytes (default 32 MiB) */
  maxLineBytes?: number;
  /**
   * distinct subjects held in memory before they are staged on disk, sorted, in the run's private temporary folder
   * (default 1,398,101: a table of 32 MiB); past it memory stays flat whatever the release's size
   */
  subjectsInMemory?: number;
}

/** What a release needs of its request besides where its records come from and go: a partition's job and the
 * release that merges partitions run with it. */
export type ReleaseContext = Omit<ShareRequest, "source" | "sink" | "locks">;

/** A row set aside under `on_bad_row: quarantine`: where and why, never the values. */
export interface QuarantinedRow {
  row: number;
  field?: string;
  code: string;
}

/** read = bad + outOfScope + noConsent + released. */
export interface ShareCounts {
  read: number;
  bad: number;
  outOfScope: number;
  noConsent: number;
  released: number;
  subjects: number;
}

export interface ShareResult {
  counts: ShareCounts;
  /** the reasons a release was held (nothing written; recorded as a hold entry), or an override released past */
  held: string[];
  /** the signed hold entry a held run recorded */
  hold?: AppendResult;
  previous?: number;
  output?: string;
  entry?: AppendResult;
  /** dry run: the first rows as they would leave */
  sample: string[][];
  /** the first QUARANTINE_LIST rows set aside (all of them are in the report file beside the output) */
  quarantined: QuarantinedRow[];
  /** the quarantine report written beside the output, when rows were set aside */
  quarantine?: string;
  /** the released file's re-identification figures over the agreement's quasi-identifiers, when it declares them */
  risk?: { k: number; uniqueShare: number };
  /** released un-keyed fields that look like digests, and how many sampled values the hash audit recovered */
  digests?: DigestFinding[];
  /** what this run did first with a release of the agreement interrupted earlier (killed after its ledger append) */
  recovered?: Recovery;
  /** the signed manifest beside the output */
  manifest?: string;
}

/** Quarantined rows kept in memory for the result; the report file holds them all. */
export const QUARANTINE_LIST = 10_000;

/** The counts of a run that read nothing. */
export const noCounts = (): ShareCounts => ({
  read: 0,
  bad: 0,
  outOfScope: 0,
  noConsent: 0,
  released: 0,
  subjects: 0,
});
