// every error code the library throws, with its kind: adapters map a kind to an exit code (src/cli/exit-codes.ts)
// or an HTTP status (httpStatusOf below); core code names the code only. docs/errors.md is this table, checked
// by test/errors-catalogue.test.ts. No imports: the CLI loads it at start-up.

/**
 * What kind of failure a code is. `input`: bad input or usage; `findings`: a verification or check found
 * problems; `held`: a release held by a guard, gate, time rule or witness quorum; `conflict`: something else
 * holds what was asked for (a lock, a running release, an existing file); `unavailable`: the store, disk or
 * network cannot serve now; `not_found`: a named thing does not exist; `interrupted`: stopped by a signal;
 * `internal`: a bug or a broken runtime; `unauthenticated`: no valid credentials; `forbidden`: valid credentials
 * whose role may not do this; `too_many`: a rate limit; `too_large`: a request body over its limit.
 */
export type ErrorKind =
  | "input"
  | "findings"
  | "held"
  | "conflict"
  | "unavailable"
  | "not_found"
  | "interrupted"
  | "internal"
  | "unauthenticated"
  | "forbidden"
  | "too_many"
  | "too_large";

/** One catalogue entry: the kind and what the code means (English, for docs/errors.md). */
export interface ErrorEntry {
  readonly kind: ErrorKind;
  readonly meaning: string;
}

const input = (meaning: string) => ({ kind: "input", meaning }) as const;
const findings = (meaning: string) => ({ kind: "findings", meaning }) as const;
const held = (meaning: string) => ({ kind: "held", meaning }) as const;
const conflict = (meaning: string) => ({ kind: "conflict", meaning }) as const;
const unavailable = (meaning: string) => ({ kind: "unavailable", meaning }) as const;
const notFound = (meaning: string) => ({ kind: "not_found", meaning }) as const;
const internal = (meaning: string) => ({ kind: "internal", meaning }) as const;
const unauthenticated = (meaning: string) => ({ kind: "unauthenticated", meaning }) as const;
const forbidden = (meaning: string) => ({ kind: "forbidden", meaning }) as const;
const tooMany = (meaning: string) => ({ kind: "too_many", meaning }) as const;
const tooLarge = (meaning: string) => ({ kind: "too_large", meaning }) as const;

/** The catalogue: code -> kind and meaning. Codes are snake_case and stable. */
export const ERRORS = {
  agreement_refused: findings("the workspace check finds errors in the agreement: nothing is released"),
  bad_checkpoint: input("the checkpoint given is not a usable checkpoint note"),
  bad_config: input("a setting of jikimi.yaml is invalid"),
  bad_cosignature: input("a cosignature line is malformed"),
  bad_date: input("a date option is not a date"),
  bad_header: input("the header line of a record file is unusable"),
  bad_lang: input("--lang names a language Jikimi does not speak"),
  bad_listen: input("--listen is not an address"),
  bad_manifest: input("a release manifest is invalid: nothing was recorded"),
  bad_note: input("a signed note is malformed"),
  bad_option: input("an option's value is out of range or malformed"),
  bad_origin: input("a log origin is not one non-empty line"),
  bad_output_mode: input("ledger.output_mode is not a mode the owner can read"),
  bad_purpose: input("a consent purpose is not an id"),
  bad_redis_url: input("--redis (or JIKIMI_REDIS_URL) is not a redis:// URL"),
  bad_release: input("a release is invalid and was not recorded"),
  bad_request: input("a witness request is malformed"),
  bad_retention: input("ledger.retention is not a duration"),
  bad_risk_state: input(
    "a risk accumulator's serialised state is truncated, damaged or of another format version",
  ),
  bad_row: input("a record's value does not fit its declared type (on_bad_row: reject)"),
  bad_size: input("a tree size is out of range"),
  bad_spaces: input("--spaces names an unknown search space"),
  bad_store: input("the store setting is neither a postgres:// URL nor sqlite:<file>"),
  bad_subject_key: input("a subject key is empty, longer than 256 characters or holds control characters"),
  bad_threads: input("--threads is not a whole number from 0 to 64"),
  bad_time: input("a time option is not an ISO 8601 time"),
  bad_token: input("a token does not authenticate under the key"),
  bad_token_name: input("a token name is not a short name"),
  bad_verified_state: input(
    "the verified state given to an incremental ledger verify is unreadable or not one",
  ),
  bad_ttl: input("a token lifetime is not a duration such as 10m, 12h, 90d"),
  binary_file: input("the input is a binary, compressed or UTF-16 file"),
  body_too_large: tooLarge("a request body is larger than the route accepts"),
  candidates_unreadable: input("the candidate list cannot be read"),
  consent_chain_broken: unavailable("the consent event chain in the store is broken"),
  consent_input_invalid: input("consent input is rejected: nothing was recorded"),
  cosignature_from_future: input("a cosignature is dated in the future"),
  cosignature_invalid: input("a cosignature does not verify"),
  damaged_file: input("a Parquet file cannot be decoded"),
  derive_invalid: input("a derived key's parameters are incomplete"),
  digest_invalid: input("the target digests are not of the kind searched"),
  digit_template_invalid: input("a digit template is malformed"),
  disk_full: unavailable("the disk is full"),
  distributed_unavailable: unavailable(
    "the server was started without a workers' queue (jikimi serve --redis)",
  ),
  duplicate_quasi_identifier: input("a quasi-identifier is named twice"),
  empty_file: input("the input file is empty"),
  empty_input: input("the input has no records"),
  entry_too_large: input("a ledger entry would exceed the size a published log entry may hold"),
  file_not_found: notFound("an input file does not exist"),
  file_unreadable: input("an input file cannot be read"),
  folder_not_empty: conflict("the target folder is not empty"),
  forbidden_role: forbidden("the token's role may not use this route"),
  held: held("a release is held by a guard or gate: nothing was recorded"),
  input_missing: notFound(
    "a distributed release's input file or folder does not exist or holds no part files",
  ),
  input_unreadable: unavailable(
    "a worker cannot read its partition of the input (storage every worker reaches, same path)",
  ),
  internal_error: internal("an unexpected failure (a bug): set JIKIMI_DEBUG=1 for the stack"),
  interrupted: {
    kind: "interrupted",
    meaning: "stopped by SIGINT or SIGTERM: nothing was written or recorded",
  },
  invalid_customers: input("--customers is not a whole number in range"),
  invalid_format: input("--output-format is not csv or jsonl"),
  invalid_hex: input("a value is not a hex string"),
  invalid_out: input("--output is missing a file path"),
  invalid_request: input("a request's parameters or body do not match the API's schema"),
  invalid_rows: input("--rows is not a whole number in range"),
  invalid_seed: input("--seed is not a whole number in range"),
  invalid_threads: input("--threads is not a whole number in range"),
  job_output_unavailable: conflict(
    "the job has no released file to give: still running, failed, a dry run or held",
  ),
  jobs_busy: unavailable("the server runs as many jobs as it allows: try again when one has finished"),
  journal_corrupt: input("a release journal is unreadable"),
  key_already_shredded: conflict("the key was already shredded"),
  key_missing: notFound("a key the release needs is not in the keyring"),
  key_purpose_unknown: input("no such key purpose"),
  key_rotation_refused: input("this key cannot be rotated"),
  key_shred_active: conflict("the key is the active key of its purpose"),
  key_shred_refused: conflict("shredding the key would leave old checkpoints unverifiable"),
  key_shredded: conflict("the master key was shredded"),
  key_unknown: notFound("the keyring has no such key"),
  key_unusable: input("a key is not an Ed25519 signing key"),
  keyring_already_sealed: conflict("the keyring is already sealed"),
  keyring_corrupt: input("the keyring file is not valid"),
  keyring_exists: conflict("a keyring already exists"),
  keyring_inside_workspace: input("the keyring path is inside the workspace, where it could be committed"),
  keyring_locked: conflict("another process is changing the keyring"),
  keyring_missing: notFound("no keyring at the path"),
  keyring_not_configured: input("no keyring is configured"),
  keyring_not_sealed: conflict("the keyring is not sealed"),
  keyring_passphrase_missing: input("the keyring passphrase variable is not set"),
  keyring_passphrase_weak: input("the keyring passphrase is too short"),
  keyring_passphrase_wrong: input("the passphrase does not open the keyring"),
  keyring_permissions: input("the keyring is readable by others"),
  keyring_sealed: conflict("the keyring is sealed"),
  ledger_busy: conflict("another process held the ledger too long: nothing was recorded"),
  ledger_corrupt: findings("the stored ledger no longer matches its signed tree heads"),
  ledger_no_signer: input("appending needs the ledger signing key"),
  ledger_write_failed: unavailable("the ledger cannot be written"),
  line_too_long: input("a line or record is longer than the cap"),
  lock_unavailable: unavailable("a lock file cannot be created or opened"),
  log_key_exists: conflict("a log key file already exists"),
  log_key_missing: notFound("no log signing key at the path"),
  log_key_not_in_keyring: notFound("the keyring holds no signing key to move"),
  md5_kernel_mismatch: internal("the WebAssembly MD5 digit kernel disagrees with the reference"),
  merkle_bad_argument: input("a tree size or index is out of range"),
  merkle_bad_checkpoint: input("a checkpoint's size or root is malformed"),
  merkle_bad_hash: input("a tree hash has the wrong length"),
  merkle_bad_range: input("a leaf range is outside the list"),
  merkle_source_behind: internal("the leaf source holds fewer leaves than the tree needs"),
  merkle_source_corrupt: internal("the leaf source returned the wrong number of bytes"),
  missing_column: input("the input's header lacks a column the release needs"),
  missing_option: input("a required option is missing"),
  mixed_formats: input("a folder of part files holds several record formats"),
  no_check_run: notFound("no check run is recorded yet"),
  no_phase: held("no scope phase of the agreement covers the day: the release is held"),
  no_quasi_identifiers: input("no quasi-identifier is named"),
  no_such_column: notFound("the file has no such column"),
  no_such_entry: notFound("the ledger has no such entry"),
  not_a_token_field: input("the field is not released as a token"),
  not_digests: input("the column holds no digests"),
  not_parquet: input("the input is not a Parquet file"),
  note_signature_invalid: input("a signature on a note does not verify"),
  note_unverified: input("no signature on the note is from a trusted key"),
  output_exists: conflict("the output name already exists"),
  output_unwritable: input("the output cannot be written"),
  partition_missing: unavailable(
    "a partition of a distributed release is not done when the release is finished: nothing was recorded",
  ),
  path_not_allowed: forbidden(
    "a server-side path lies outside the roots the server reads from (server.input_roots)",
  ),
  pdf_renderer_failed: unavailable("Chromium failed to start or to print a report as PDF"),
  pdf_renderer_missing: unavailable(
    "Chromium, which prints reports as PDF, is not installed (or not where JIKIMI_CHROMIUM says)",
  ),
  plan_column_missing: input("the release plan names a column the input lacks"),
  plan_field_missing: input("the release plan names a field it does not release"),
  publish_running: conflict("another ledger publish into the folder is running"),
  rate_limited: tooMany("the token made more requests than its rate limit allows"),
  receipt_refused: findings("a receipt cannot be issued from the stored entry"),
  redis_unreachable: unavailable("the Redis of --redis does not answer: nothing was enqueued"),
  release_awaits_witnesses: held("the release awaits its witness quorum"),
  release_changed: conflict(
    "the declarations or consent changed between enqueuing a distributed release and running it: nothing was recorded",
  ),
  release_failed: unavailable("a distributed release failed on its workers (the reason is theirs)"),
  release_file_mismatch: input("the file given is not one the release recorded (its SHA-256 differs)"),
  release_id_recorded: conflict(
    "the release id is already recorded as an entry of another kind (a release or a hold): nothing was recorded",
  ),
  release_lost: unavailable(
    "a distributed release's jobs are gone from Redis (restarted without its data): nothing was recorded",
  ),
  release_time_refused: held("a time rule of the agreement refuses the release now"),
  release_to_terminal: input("`share --out-dir -` was asked to print the release on a terminal"),
  release_undelivered: unavailable(
    "a recorded release did not reach its stream (stdout, a download) whole: its file is kept in the workspace",
  ),
  request_timeout: unavailable("a request took longer than the server's time limit"),
  retention_not_reached: conflict("the entries are still under their retention"),
  risk_class_overflow: input(
    "merging risk accumulators would put over 2^31 - 1 records in one equivalence class",
  ),
  risk_merge_mismatch: input(
    "risk accumulators over different quasi-identifiers or sensitive attributes cannot be merged",
  ),
  route_not_found: notFound("no API route has this method and path"),
  row_group_too_large: input("a Parquet row group is over the memory cap"),
  scope_column_missing: input("the scope reads a field the records lack"),
  scope_regex: input("a matches() pattern is not valid RE2"),
  scope_unsupported: input("a scope uses something that cannot be evaluated"),
  sensitive_is_quasi_identifier: input("a column is both a quasi-identifier and the sensitive attribute"),
  serve_worker_failed: unavailable(
    "a worker of `jikimi serve --workers` stopped before the server was ready",
  ),
  sha1_kernel_mismatch: internal("the WebAssembly SHA-1 digit kernel disagrees with the reference"),
  sha256_batch_shape: internal("an HMAC batch has an impossible shape"),
  sha256_kernel_mismatch: internal("the WebAssembly SHA-256 kernel disagrees with the reference"),
  share_running: conflict("another release of the agreement is running"),
  stdin_parquet: input("Parquet cannot be read from stdin"),
  store_busy: conflict("another process held the state store too long: nothing was recorded"),
  store_connection_lost: unavailable("the connection to the database was lost"),
  store_corrupt: unavailable("the state store lost a row"),
  store_outdated: unavailable("the state store needs a migration"),
  store_password_in_config: input("jikimi.yaml holds a database password and is tracked"),
  store_too_new: conflict("the database's schema is newer than this jikimi"),
  store_unavailable: unavailable("the state store cannot be opened"),
  store_unreachable: unavailable("the database cannot be reached"),
  store_write_failed: unavailable("the state store cannot be written: nothing was recorded"),
  subject_missing: input("no subject key on stdin"),
  subject_token_key_unusable: input(
    "a subject-token key file is not an Ed25519 key (PEM or JWKS) or cannot be read",
  ),
  subject_token_too_long: input("a subject token would live longer than server.subject_tokens.max_ttl"),
  tile_entry_too_large: findings("an entry is over the size a tile bundle may hold"),
  tiles_not_found: notFound("the tiles location is not a folder"),
  tiles_refused: findings("nothing was published: the ledger does not verify"),
  tiles_unreachable: unavailable("the tiles cannot be fetched"),
  tiles_unreadable: unavailable("a tile file cannot be read"),
  tiles_unwritable: unavailable("a tile file cannot be written"),
  tmp_unusable: input("the temporary folder is not a folder"),
  token_key_length: internal("an AES-SIV key has the wrong length"),
  token_revoked: conflict("the API token was revoked already"),
  too_many_partitions: input("the input would make more partitions than a release takes"),
  transform_key_length: internal("a pseudonym key has the wrong length"),
  transform_key_missing: internal("a transform's derived key was not passed"),
  transform_not_runnable: input("the transform can be declared but not run"),
  transform_options: input("a transform's options are invalid"),
  transform_type_mismatch: input("a field's type does not fit its transform"),
  transform_value_problem: input("a value cannot be transformed"),
  truncated_file: input("a Parquet file is cut short"),
  unauthenticated: unauthenticated("no valid bearer token: missing, malformed, unknown, expired or revoked"),
  unknown_agreement: notFound("there is no such agreement"),
  unknown_column: notFound("the file has no such column"),
  unknown_example: notFound("there is no such example workspace"),
  unknown_format: input("the output format cannot be told from the file name"),
  unknown_job: notFound(
    "no job with this id is visible to the caller (unknown, expired, or another caller's)",
  ),
  unknown_kind: input("an unknown kind of generated data"),
  unknown_purpose: notFound("there is no such consent purpose"),
  unknown_release: notFound("no distributed release of that id is in the queue"),
  unknown_subject_index: input("a subject set names indexes the dictionary does not hold"),
  unknown_token: notFound("no API token has this id"),
  unsupported_format: input("the format is not supported here"),
  unsupported_parquet: input("the Parquet file uses a feature Jikimi cannot read"),
  unterminated_quote: input("a quoted field is left open at the end of the file"),
  usage: input("the arguments do not fit the command"),
  wasm_unavailable: unavailable("this runtime has no WebAssembly"),
  witness_busy: conflict("another process held the witness state too long"),
  witness_db_too_new: conflict("the witness database was written by a newer jikimi"),
  witness_db_unusable: unavailable("the witness database cannot be opened"),
  witness_dir_invalid: input("the witness folder is not a folder"),
  witness_dir_open: input("the witness folder is open to other users"),
  witness_dir_unwritable: unavailable("the witness folder cannot be created"),
  witness_fork: findings("the log's history differs from what a witness cosigned"),
  witness_key_exists: conflict("a witness key already exists"),
  witness_key_invalid: input("the file is not a witness key"),
  witness_key_open: input("the witness key is readable by other users"),
  witness_key_unreadable: unavailable("the witness key cannot be read"),
  witness_key_unwritable: unavailable("the witness key cannot be written"),
  witness_listen_failed: unavailable("the witness server cannot listen on the address"),
  witness_not_found: notFound("no witness key in the folder"),
  witness_policy_invalid: input("the witness policy is not usable"),
  worker_failed: unavailable("a share worker thread failed"),
  workspace_incomplete: input("the agreement's dataset or recipient is missing"),
  workspace_invalid: input("the workspace has problems"),
  workspace_not_found: notFound("no workspace at the folder"),
  write_failed: unavailable("an output cannot be written"),
} as const satisfies Record<string, ErrorEntry>;

/** A code of the catalogue. */
export type ErrorCode = keyof typeof ERRORS;

/** Whether `code` is in the catalogue. */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/**
 * The kind of `code`; a code outside the catalogue (a commander parse error seen by an adapter) is `input`.
 * @example kindOf("held") // "held"
 */
export function kindOf(code: string): ErrorKind {
  return isErrorCode(code) ? ERRORS[code].kind : "input";
}

const HTTP_STATUS: Record<ErrorKind, number> = {
  input: 400,
  findings: 422,
  held: 409,
  conflict: 409,
  unavailable: 503,
  not_found: 404,
  interrupted: 503,
  internal: 500,
  unauthenticated: 401,
  forbidden: 403,
  too_many: 429,
  too_large: 413,
};

/**
 * The HTTP status an API answers an error of `code` with.
 * @example httpStatusOf("unknown_agreement") // 404
 */
export function httpStatusOf(code: string): number {
  return HTTP_STATUS[kindOf(code)];
}
