// messages of src/ledger/ and its adapters: the ledger's errors and hold reasons, verify's problems (database,
// stored checkpoints, dictionary, subject sets), the published log's (tiles) problems, receipts, signed notes,
// the Merkle tree's argument errors, the monitor's alerts, and the lines a person reads of their history.
import type { KoreanOf } from "../catalogue.js";

export const en = {
  // shared hints
  "ledger.hint.keys_init": "run `jikimi keys init`",
  "ledger.hint.verify": "run `jikimi ledger verify`",
  "ledger.malformed": "malformed",

  // Ledger (ledger.ts)
  "ledger.time.future":
    "the release time {{releasedAt}} is in the future (the clock says {{recordedAt}}): drop --at",
  "ledger.time.before_previous":
    "the release time {{releasedAt}} precedes this agreement's previous release ({{previous}}): releases of one agreement are recorded in time order",
  "ledger.time.backdated":
    "the release time {{releasedAt}} is more than {{days}} days before now ({{recordedAt}}): a back-dated release picks an old scope phase and consent state; give --override REASON if it is genuine",
  "ledger.errors.unknown_subject_index":
    "the set names subject indexes the dictionary ({{known}} subjects) does not hold",
  "ledger.errors.no_signer_append": "appending needs the ledger signing key",
  "ledger.errors.no_signer_checkpoint": "a checkpoint needs the ledger signing key",
  "ledger.errors.no_signer_prune": "pruning appends a signed event",
  "ledger.errors.bad_release": "the release is invalid and was not recorded: {{where}}",
  "ledger.errors.head_mismatch":
    "the stored log no longer matches its last signed tree head; nothing was recorded",
  "ledger.errors.entry_too_large":
    "the entry would take {{bytes}} bytes, over the {{max}} a published log entry may hold (c2sp.org/tlog-tiles)",
  "ledger.errors.entry_too_large_hint":
    "shorten the override reason or the scope, or split the agreement's fields; nothing was recorded",
  "ledger.errors.nothing_recorded": "nothing was recorded",
  "ledger.errors.release_id_recorded":
    "the release id is already recorded as entry {{seq}}, an entry of another kind ({{kind}}); nothing was recorded",
  "ledger.errors.busy": "another jikimi process held the ledger for 30 s; nothing was recorded",
  "ledger.errors.busy_hint": "try again",
  "ledger.errors.retention_not_reached":
    "entries recorded after {{limit}} are still under the {{rule}} retention (at least 3 years)",
  "ledger.errors.retention_not_reached_hint": "choose --before {{limit}} or earlier",
  "ledger.errors.not_a_checkpoint_note": "the checkpoint given is not a checkpoint note",
  "ledger.errors.checkpoint_not_of_log":
    "the checkpoint given (size {{size}}) is not one of this log: its root differs from the log's at that size",
  "ledger.errors.no_summary": "entry {{seq}} has no summary",
  "ledger.errors.leaves_not_head": "the stored leaf hashes no longer give the last signed tree head",
  "ledger.errors.body_not_leaf":
    "entry {{seq}}'s stored body does not give its leaf hash: it was changed after it was recorded",
  "ledger.errors.no_such_entry_one": "entry {{seq}} is not in a log of {{count}} entry",
  "ledger.errors.no_such_entry_other": "entry {{seq}} is not in a log of {{count}} entries",
  "ledger.errors.bad_size_one": "size {{size}} is not within a log of {{count}} entry",
  "ledger.errors.bad_size_other": "size {{size}} is not within a log of {{count}} entries",
  "ledger.errors.bad_retention": 'ledger.retention "{{rule}}" is not a duration',
  "ledger.errors.bad_retention_hint": "write it like 3y, 36m or 1095d in jikimi.yaml",
  "ledger.errors.key_unusable": "key {{id}} is not an Ed25519 signing key",
  "ledger.errors.key_unusable_hint": "run `jikimi keys rotate ledger-signing`",
  "ledger.errors.public_key_unusable": "the ledger-signing public key is not an Ed25519 key",
  "ledger.receipt.after_checkpoint":
    "recorded after the checkpoint (size {{size}}) the receipt proves against",

  // entry declarations (entry.ts)
  "ledger.entry.hex256": "use a lowercase hex SHA-256 digest (64 characters)",
  "ledger.entry.instant": "use an ISO 8601 time with a zone, e.g. 2024-05-31T02:00:00Z",
  "ledger.entry.country": "use an ISO country code",

  // verify of the database (verify.ts)
  "ledger.verify.reordered":
    "entries {{seq}} and {{next}} were swapped: each sits where the other was signed",
  "ledger.verify.removed": "entry {{seq}} was removed: the entry now at {{seq}} was signed as entry {{next}}",
  "ledger.verify.inserted":
    "an entry was inserted at {{seq}}: the entry signed as {{seq}} now sits at {{next}}",
  "ledger.verify.changed": "entry {{seq}} was changed after it was signed",
  "ledger.verify.missing": "entry {{seq}} is missing from the log",
  "ledger.verify.leaf_hash": "the stored leaf hash of entry {{seq}} is not the hash of its body",
  "ledger.verify.unsupported_format":
    "entry {{seq}} is not a {{format}} body for its position (written by an older jikimi, or moved): recreate the ledger or keep an older jikimi to verify it",
  "ledger.verify.scope_changed": "the scope digest of entry {{seq}} does not match its phase and expression",
  "ledger.verify.column_changed": "column {{column}} of entry {{seq}} differs from its signed body",
  "ledger.verify.marked_pruned": "entry {{seq}} still has its body but is marked pruned",
  "ledger.verify.chain_ord": "column chain_ord of entry {{seq}} differs from its position in the chain",
  "ledger.verify.checkpoint_forged":
    "the checkpoint's signature does not hold under the trusted ledger key: it is forged or altered",
  "ledger.verify.checkpoint_of": "the checkpoint of {{time}}",
  "ledger.verify.anchor_truncated_one":
    "{{label}} covers {{count}} entry but the log has {{size}}: entries from {{size}} were removed",
  "ledger.verify.anchor_truncated_other":
    "{{label}} covers {{count}} entries but the log has {{size}}: entries from {{size}} were removed",
  "ledger.verify.anchor_mismatch_one": "the first entry no longer matches {{label}}: the log was rewritten",
  "ledger.verify.anchor_mismatch_other":
    "the first {{count}} entries no longer match {{label}}: the log was rewritten",
  "ledger.verify.anchor_mismatch_from_one":
    "the first entry no longer matches {{label}}: the log was rewritten from entry {{first}}",
  "ledger.verify.anchor_mismatch_from_other":
    "the first {{count}} entries no longer match {{label}}: the log was rewritten from entry {{first}}",
  "ledger.verify.unsigned": "entry {{seq}} has no signed tree head: it was added outside the ledger",
  "ledger.verify.bad_signature": "the tree head after entry {{seq}} is not signed by a trusted key",
  "ledger.verify.head_changed": "the signed time of entry {{seq}} is not its recorded_at, or runs backwards",
  "ledger.verify.heads_truncated_one":
    "the log ends at {{count}} entry but heads were signed up to {{heads}}: entries from {{count}} were removed",
  "ledger.verify.heads_truncated_other":
    "the log ends at {{count}} entries but heads were signed up to {{heads}}: entries from {{count}} were removed",
  "ledger.verify.pruned_unlisted":
    "entry {{seq}} has no body, but no signed prune event lists it: its body was removed outside `jikimi ledger prune`",
  "ledger.verify.pruned_early":
    "entry {{seq}} was pruned by entry {{by}} before its {{rule}} retention ran out",
  "ledger.verify.pruned_column":
    "column {{column}} of pruned entry {{seq}} holds a value: nothing but its leaf hash may remain",
  "ledger.verify.pruned_at": "column pruned_at of entry {{seq}} differs from the prune event that lists it",
  "ledger.verify.pruned_with_body": "entry {{seq}} is listed as pruned by entry {{by}} but still has a body",

  // verify of the witnessed checkpoints kept beside the log (verify/checkpoints.ts)
  "ledger.checkpoints.size": "the checkpoint kept under size {{kept}} is signed for size {{signed}}",
  "ledger.checkpoints.mismatch":
    "the witnessed checkpoint of size {{size}} names a root the log does not have at that size: the log was rewritten after it was witnessed",
  "ledger.checkpoints.forged":
    "the checkpoint kept under size {{size}} does not open with a trusted log key ({{reason}})",
  "ledger.checkpoints.no_checkpoint":
    "a cosignature by {{witness}} is kept for size {{size}}, which has no valid checkpoint",
  "ledger.checkpoints.not_its_line":
    "the cosignature kept for witness {{witness}} on size {{size}} is not a line of that witness",
  "ledger.checkpoints.not_its_cosignature":
    "the cosignature of {{witness}} on size {{size}} is not that witness's",
  "ledger.checkpoints.unverified":
    "the cosignature of {{witness}} on size {{size}} does not verify ({{reason}})",

  // verify of the subject dictionary (verify/dictionary.ts)
  "ledger.dictionary.chunk": "chunk {{chunk}} of the index-ordered dictionary is missing, misplaced or cut",
  "ledger.dictionary.unknown_meta": 'ledger_meta holds an unknown key "{{key}}"',
  "ledger.dictionary.meta_subjects": "ledger_meta says {{said}} subjects, the dictionary holds {{count}}",
  "ledger.dictionary.committed":
    "entry {{seq}} committed a dictionary of {{committed}} subjects, but it holds {{count}} (and {{before}} before)",
  "ledger.dictionary.differs":
    "the subject dictionary's first {{size}} records differ from what entry {{seq}} committed",
  "ledger.dictionary.meta_head": "ledger_meta's dictionary commitment differs from the last entry's",
  "ledger.dictionary.partition_chunk": "partition {{part}} chunk {{chunk}} is misplaced or cut",
  "ledger.dictionary.partition_record":
    "partition {{part}} holds a record that is misplaced, repeated or names index {{index}} beyond the dictionary",
  "ledger.dictionary.partition_hash":
    "partition {{part}} maps a hash to index {{index}}, which the index-ordered copy gives another hash",
  "ledger.dictionary.records": "the partitions hold {{records}} records, the dictionary {{count}} subjects",

  // verify of subject sets, chains, change rows and summaries (verify/subjects.ts)
  "ledger.subjects.not_held": "a subject set is stored for entry {{seq}}, which is no release held in full",
  "ledger.subjects.misfiled": "the subject set of entry {{seq}} is filed under another chain or position",
  "ledger.subjects.unreadable": "the subject set of entry {{seq}} cannot be read",
  "ledger.subjects.not_canonical": "the stored subject set of entry {{seq}} is not in its canonical encoding",
  "ledger.subjects.differs": "the subject set of entry {{seq}} differs from the one signed",
  "ledger.subjects.receipts_signed":
    "the receipts root entry {{seq}} signed is not the root of its subject set: its members cannot get receipts",
  "ledger.subjects.receipts_stored":
    "the stored subject set of entry {{seq}} no longer gives the receipts root it signed: receipts for it are refused",
  "ledger.subjects.base_missing":
    'the base set of chain "{{chain}}" (entry {{seq}}, named by a prune event) is missing',
  "ledger.subjects.set_missing": "the subject set of entry {{seq}} is missing",
  "ledger.subjects.changes_orphan": "change rows name entry {{seq}}, whose set is not stored",
  "ledger.subjects.chain_bookkeeping": 'the bookkeeping of chain "{{chain}}" differs from its sets',
  "ledger.subjects.chain_row": 'chain "{{chain}}" has sets but no chain row',
  "ledger.subjects.changes":
    "the per-subject change rows of entry {{seq}} ({{have}}) differ from the subjects that entered or left ({{want}})",
  "ledger.subjects.summary": "the history summary of entry {{seq}} differs from its signed body",
  "ledger.subjects.summary_orphan": "summary row {{id}} belongs to no entry",

  // published logs (tiles/)
  "ledger.tiles.origin_not_log": 'the checkpoint names the log "{{origin}}", but the log is "{{expected}}"',
  "ledger.tiles.origin_not_signer":
    'the checkpoint names the log "{{origin}}", but it is signed by {{names}}',
  "ledger.tiles.missing": "{{where}} is missing",
  "ledger.tiles.note_too_large": "the checkpoint is over 1 MiB",
  "ledger.tiles.tile_size": "{{where}} is {{got}} bytes, not {{want}}",
  "ledger.tiles.tile_hash": "hash {{index}} of {{tile}} is not the hash of {{child}} below it",
  "ledger.tiles.root":
    "the leaf hashes of the level-0 tiles do not give the root the checkpoint signed: a leaf was changed",
  "ledger.tiles.bundle_malformed": "{{where}} is malformed: {{reason}}",
  "ledger.tiles.bundle_count_one": "{{where}} holds {{count}} entry, not {{width}}",
  "ledger.tiles.bundle_count_other": "{{where}} holds {{count}} entries, not {{width}}",
  "ledger.tiles.other_marker": "entry {{seq}} in {{place}} is the marker of another leaf in the level-0 tile",
  "ledger.tiles.not_leaf": "entry {{seq}} in {{place}} does not hash to its leaf in the level-0 tile",
  "ledger.tiles.against_truncated_one":
    "the earlier checkpoint covers {{count}} entry but the published log has {{size}}: entries from {{size}} were removed",
  "ledger.tiles.against_truncated_other":
    "the earlier checkpoint covers {{count}} entries but the published log has {{size}}: entries from {{size}} were removed",
  "ledger.tiles.against_mismatch_one":
    "the first entry no longer matches the earlier checkpoint: the log was rewritten",
  "ledger.tiles.against_mismatch_other":
    "the first {{count}} entries no longer match the earlier checkpoint: the log was rewritten",
  "ledger.tiles.against_unchecked": "the earlier checkpoint cannot be checked: level-0 tiles are missing",
  "ledger.tiles.against_forged": "the earlier checkpoint: {{reason}}",
  "ledger.tiles.entry_too_large":
    "entry {{seq}} is {{bytes}} bytes: an entry bundle (c2sp.org/tlog-tiles) holds entries of at most 65,535 bytes, so this log cannot be published as tiles",
  "ledger.tiles.prefix_cut": "a length prefix is cut off at byte {{at}}",
  "ledger.tiles.entry_past_end": "entry {{index}} runs past the end of the bundle",
  "ledger.tiles.unreadable": "cannot read {{file}} ({{code}})",
  "ledger.tiles.unwritable": "cannot write {{file}} ({{code}})",
  "ledger.tiles.unwritable_hint": "check the folder's permissions and free space",
  "ledger.tiles.unremovable": "cannot remove {{file}} ({{code}})",
  "ledger.tiles.no_answer": "no answer within {{seconds}} s",
  "ledger.tiles.network_error": "network error",
  "ledger.tiles.unreachable": "cannot fetch {{where}}: {{why}}",
  "ledger.tiles.http_status": "GET {{where}} answered {{status}} {{text}}",
  "ledger.tiles.not_found": "{{location}} is not a folder",
  "ledger.tiles.not_found_hint": "give the folder `jikimi ledger publish` wrote, or the log's http(s) URL",
  "ledger.tiles.nothing_published": "nothing was published: {{reason}}",
  "ledger.tiles.the_checkpoint_to_publish": "the checkpoint to publish",
  "ledger.tiles.not_checkpoint_note": "{{what}} is not a checkpoint note (c2sp.org/tlog-checkpoint)",
  "ledger.tiles.covers_more_one": "the checkpoint covers {{count}} entry but the log holds {{held}}",
  "ledger.tiles.covers_more_other": "the checkpoint covers {{count}} entries but the log holds {{held}}",
  "ledger.tiles.root_not_log_one": "the checkpoint's root is not the root of the log's first entry",
  "ledger.tiles.root_not_log_other":
    "the checkpoint's root is not the root of the log's first {{count}} entries",
  "ledger.tiles.other_origin": '{{where}} is the checkpoint of the log "{{before}}", not "{{origin}}"',
  "ledger.tiles.other_origin_hint": "choose another folder",
  "ledger.tiles.folder_longer_one": "{{where}} covers {{count}} entry, more than this log's {{size}}",
  "ledger.tiles.folder_longer_other": "{{where}} covers {{count}} entries, more than this log's {{size}}",
  "ledger.tiles.folder_longer_hint": "was the log truncated? run `jikimi ledger verify --against {{where}}`",
  "ledger.tiles.not_prefix": "{{where}} (size {{size}}) is not a prefix of this log",
  "ledger.tiles.not_prefix_hint":
    "the folder holds another history; run `jikimi ledger verify --against {{where}}`",
  "ledger.tiles.tile_differs": "the full tile {{where}} differs from this log's",
  "ledger.tiles.bundle_differs": "the entry bundle {{where}} differs from this log's",
  "ledger.tiles.altered_hint": "the folder was altered; publish into a new folder",
  "ledger.tiles.entry_missing": "entry {{seq}} is missing from ledger_entries",
  "ledger.tiles.leaf_not_32": "the leaf hash of entry {{seq}} is not 32 bytes",

  // published entries read as bodies (tiles/entries.ts)
  "ledger.entries.not_json": "entry {{seq}} is not JSON",
  "ledger.entries.not_object": "entry {{seq}} is not a JSON object",
  "ledger.entries.not_format": "entry {{seq}} is not a {{format}} body for its position",
  "ledger.entries.bad_kind":
    "entry {{seq}} has kind {{kind}}: a body is a release or a prune event, and a pruned entry's marker is canonical JSON",
  "ledger.entries.invalid": "entry {{seq}} is not a valid {{kind}} body ({{paths}})",
  "ledger.entries.marker_misplaced": "the marker of entry {{marked}} sits at position {{seq}}",
  "ledger.entries.recorded_backwards":
    "entry {{seq}} was recorded at {{at}}, before an earlier entry ({{last}})",
  "ledger.entries.prune_lists_later":
    "prune event {{seq}} lists entries {{from}}-{{to}}: a prune event lists earlier entries only",
  "ledger.entries.prune_base": "prune event {{seq}} names entry {{base}} as a base it did not prune",
  "ledger.entries.prune_early":
    "prune event {{seq}} prunes entries recorded before {{before}} under a {{rule}} retention that had not run out at {{at}} (at least 3 years)",
  "ledger.entries.pruned_unlisted":
    "entry {{seq}} is published as pruned, but no prune event lists it: its body was withheld outside `jikimi ledger prune`",
  "ledger.entries.pruned_early":
    "entry {{seq}} was pruned by entry {{by}} before its {{rule}} retention ran out (it was recorded at {{after}} or later)",
  "ledger.entries.dictionary":
    "entry {{seq}} commits to a subject dictionary of {{size}} subjects that does not extend entry {{last}}'s ({{lastSize}})",

  // receipts: issuing (receipts/issue.ts)
  "ledger.receipt.refused": "{{what}} (entry {{seq}})",
  "ledger.receipt.refused_hint": "no receipt was written; run `jikimi ledger verify`",
  "ledger.receipt.not_release": "the entry is not a release",
  "ledger.receipt.set_differs": "the stored subject set differs from the one the entry signed",
  "ledger.receipt.root_differs": "the stored subject set no longer gives the receipts root the entry signed",
  "ledger.receipt.skipped_pruned":
    "pruned by a signed prune event: its body is gone, so nothing is left to prove",
  "ledger.receipt.skipped_before": "recorded before receipts existed: its entry commits to no receipts root",
  "ledger.receipt.skipped_chunk":
    "its receipts tree has chunks of {{chunk}}, which this jikimi does not issue",
  // receipts: the file's schema (receipts/receipt.ts)
  "ledger.receipt.hex": "use {{digits}} lowercase hex digits",
  "ledger.receipt.chunk_hex": "use 1 to 64 blocks of 32 lowercase hex digits",
  // receipts: verifying (receipts/verify.ts)
  "ledger.receipt.not_signed": "the {{path}} is not signed by the log's key: {{reason}}",
  "ledger.receipt.unreadable": "unreadable",
  "ledger.receipt.not_included": "entry {{seq}} is not proven to be in the checkpoint's log",
  "ledger.receipt.not_release_at":
    "entry {{seq}} is not a canonical {{format}} release at that position with a receipts root (chunks of {{chunk}})",
  "ledger.receipt.not_member":
    "the person's value is not proven to be a member of entry {{seq}}'s receipts tree (chunk {{chunk}} of {{leaves}})",
  "ledger.receipt.lacks": "entry {{seq}} lacks a release's recipient, purposes or fields",
  "ledger.receipt.not_receipt": "not a jikimi-receipt/1 file: {{reason}}",
  "ledger.receipt.not_utf8_json": "it is not UTF-8 JSON",
  "ledger.receipt.not_canonical": "the receipt is not in its one encoding: it was edited after it was issued",
  "ledger.receipt.vkey_malformed": "a verifier key is malformed",
  "ledger.receipt.no_log_key":
    "no verifier key named {{origin}} was given: pass the log's key, as `jikimi ledger vkey` prints it",
  "ledger.receipt.other_origin": "the checkpoint is of {{found}}, not {{origin}}",
  "ledger.receipt.not_checkpoint": "not a checkpoint",
  "ledger.receipt.order": "releases are listed once each, in entry order",
  "ledger.receipt.unchecked": "entry {{seq}} cannot be checked",
  "ledger.receipt.binding_mismatch":
    "the signed binding does not name exactly the releases and values this receipt proves",
  "ledger.receipt.subject_mismatch":
    "the receipt is not bound to the subject key given: it is someone else's",

  // what a person reads of a release (receipts/receipt.ts, describe.ts)
  "ledger.release.line":
    "{{date}}  {{recipient}} ({{country}})  purposes: {{purposes}}  basis: {{basis}}  fields: {{fields}}  [entry {{seq}}]",
  "ledger.release.recipient": "{{recipient}} ({{country}})",
  "ledger.release.purposes": "purposes: {{purposes}}",
  "ledger.release.basis": "basis: {{basis}}",
  "ledger.release.fields": "fields: {{fields}}",
  "ledger.release.entry": "[entry {{seq}}]",
  "ledger.release.agreement": "[{{agreement}}@{{version}} #{{seq}}]",
  "ledger.history.none": "no recorded release contained this subject",
  "ledger.history.purposes": "{{purposes}}",
  "ledger.history.total": "{{releases}} ({{ms}} ms)",

  // signed notes and checkpoints (note/)
  "ledger.note.key_name": '"{{name}}" is not a key name',
  "ledger.note.key_name_hint": 'use a non-empty name without spaces or "+", e.g. ledger.example/log',
  "ledger.note.vkey_form": "a verifier key reads <name>+<8 hex digits>+<base64 key>",
  "ledger.note.vkey_parts":
    "the verifier key of {{name}} is not <name>+<8 hex digits>+<base64 of a type byte and a key>",
  "ledger.note.vkey_id": "the verifier key of {{name}} names key ID {{hex}}, not its own",
  "ledger.note.vkey_point": "the verifier key of {{name}} is not a valid Ed25519 public key",
  "ledger.note.vkey_ed25519":
    "the verifier key of {{name}} is not an Ed25519 key (type 0x01, 32 bytes) with an 8-digit hex key ID",
  "ledger.note.seed": "an Ed25519 signing key is a 32-byte seed",
  "ledger.note.newline": "a note's text ends with a newline",
  "ledger.note.control": "a note may not hold control characters other than newline",
  "ledger.note.dash": "each signature line starts with an em dash and a space",
  "ledger.note.line_form": "a signature line reads \u2014 <key name> <base64 signature>",
  "ledger.note.signature_base64": "the signature of {{name}} is not base64 of a key ID and a signature",
  "ledger.note.form": "a note is a text, a blank line and signature lines",
  "ledger.note.too_many": "a note with more than {{max}} signatures is refused",
  "ledger.note.signature_invalid":
    "the signature of {{name}} does not verify: the note was altered or forged",
  "ledger.note.unverified": "no signature on the note is from a key you trust",
  "ledger.note.unverified_hint": "check the verifier key (vkey)",
  "ledger.checkpoint.origin_line": "a checkpoint's origin is one non-empty line",
  "ledger.checkpoint.size_whole": "a checkpoint's size is a whole number",
  "ledger.checkpoint.root_hash": "a checkpoint's root is a 32-byte SHA-256 hash",
  "ledger.checkpoint.extension_lines": "extension lines are non-empty",
  "ledger.checkpoint.lines": "a checkpoint has an origin, a size and a root line",
  "ledger.checkpoint.origin_empty": "a checkpoint's origin line is empty",
  "ledger.checkpoint.size_decimal": "a checkpoint's size is a decimal number without leading zeros",
  "ledger.checkpoint.root_base64": "a checkpoint's root is base64 of 32 bytes",
  "ledger.checkpoint.extensions_empty": "a checkpoint's extension lines are non-empty",

  // the Merkle tree (merkle/)
  "ledger.merkle.hex": "expected a hex string: an even number of characters 0-9, a-f",
  "ledger.merkle.hash_size": "a tree hash is {{want}} bytes, got {{got}}",
  "ledger.merkle.range": "no leaves [{{start}}, {{end}}) in a list of {{count}}",
  "ledger.merkle.cache_level": "cacheLevel must be an integer from 0 to 30, got {{value}}",
  "ledger.merkle.leaf_size": "a leaf hash is {{want}} bytes, got {{got}}",
  "ledger.merkle.leaf_index": "leaf index {{index}} is not in a tree of {{size}} leaves (0 <= index < size)",
  "ledger.merkle.size1": "size1 {{size1}} must be an integer from 0 to size2 ({{size2}})",
  "ledger.merkle.tree_size": "{{name}} {{size}} must be an integer from 0 to the tree size ({{count}})",
  "ledger.merkle.source_behind":
    "the leaf source holds {{available}} leaves but the tree needs leaf {{leaf}}",
  "ledger.merkle.source_behind_hint": "store each leaf before appending it",
  "ledger.merkle.source_corrupt":
    "the leaf source returned {{got}} bytes for leaves [{{start}}, {{end}}): expected {{want}}",
  "ledger.merkle.size": "size {{size}} must be a non-negative integer",
  "ledger.merkle.checkpoint": "a checkpoint needs a non-negative integer size and a {{bytes}}-byte root",

  // the monitor (monitor.ts)
  "ledger.monitor.rollback_one":
    "the log shrank from {{from}} to {{count}} entry: it was rolled back or restored from an old copy",
  "ledger.monitor.rollback_other":
    "the log shrank from {{from}} to {{count}} entries: it was rolled back or restored from an old copy",
  "ledger.monitor.fork":
    "the checkpoint of size {{size}} does not extend the one of size {{previous}} seen before: the log's history was rewritten",
  "ledger.monitor.invalid": "the published log does not verify: {{problems}}",
  "ledger.monitor.unwitnessed_one":
    "the log grew to {{count}} entry with {{cosigned}} of the {{quorum}} witness cosignatures the policy asks for",
  "ledger.monitor.unwitnessed_other":
    "the log grew to {{count}} entries with {{cosigned}} of the {{quorum}} witness cosignatures the policy asks for",
  "ledger.monitor.cosignatures": "the checkpoint's cosignatures do not verify ({{reason}})",
  "ledger.monitor.first_seen_one": "first checkpoint kept: {{count}} entry",
  "ledger.monitor.first_seen_other": "first checkpoint kept: {{count}} entries",
  "ledger.monitor.unchanged": "no new entries since the kept checkpoint ({{size}})",
  "ledger.monitor.grew_one": "the log grew from {{from}} to {{count}} entry, consistently",
  "ledger.monitor.grew_other": "the log grew from {{from}} to {{count}} entries, consistently",

  // counts
  "ledger.entries_one": "{{count}} entry",
  "ledger.entries_other": "{{count}} entries",
} as const;

export const ko: KoreanOf<typeof en> = {
  "ledger.hint.keys_init": "`jikimi keys init`을 실행하세요",
  "ledger.hint.verify": "`jikimi ledger verify`를 실행하세요",
  "ledger.malformed": "형식 오류",

  "ledger.time.future": "제공 시각 {{releasedAt}}이(가) 미래입니다(현재 시각 {{recordedAt}}): --at을 빼세요",
  "ledger.time.before_previous":
    "제공 시각 {{releasedAt}}이(가) 이 제공 계약의 직전 제공({{previous}})보다 앞섭니다: 한 제공 계약의 제공은 시간 순서대로 기록됩니다",
  "ledger.time.backdated":
    "제공 시각 {{releasedAt}}이(가) 현재({{recordedAt}})보다 {{days}}일 넘게 앞섭니다: 소급한 제공은 과거의 제공 범위 단계와 동의 상태를 적용합니다. 정당한 경우 --override REASON으로 사유를 남기세요",
  "ledger.errors.unknown_subject_index":
    "집합에 정보주체 사전(정보주체 {{known}}명)에 없는 색인이 들어 있습니다",
  "ledger.errors.no_signer_append": "원장에 기록하려면 원장 서명 키가 필요합니다",
  "ledger.errors.no_signer_checkpoint": "체크포인트를 만들려면 원장 서명 키가 필요합니다",
  "ledger.errors.no_signer_prune":
    "정리(prune)는 서명된 이벤트를 원장에 추가하므로 원장 서명 키가 필요합니다",
  "ledger.errors.bad_release": "제공 내역이 올바르지 않아 기록하지 않았습니다: {{where}}",
  "ledger.errors.head_mismatch":
    "저장된 로그가 마지막으로 서명된 트리 헤드와 더 이상 맞지 않아 아무것도 기록하지 않았습니다",
  "ledger.errors.entry_too_large":
    "원장 항목이 {{bytes}}바이트가 되어, 공개 로그 항목의 한도 {{max}}바이트(c2sp.org/tlog-tiles)를 넘습니다",
  "ledger.errors.entry_too_large_hint":
    "강제 승인 사유나 제공 범위를 줄이거나 제공 계약의 항목을 나누세요. 아무것도 기록하지 않았습니다",
  "ledger.errors.nothing_recorded": "아무것도 기록하지 않았습니다",
  "ledger.errors.release_id_recorded":
    "제공 ID가 이미 종류가 다른({{kind}}) 원장 항목 {{seq}}번으로 기록되어 있어 아무것도 기록하지 않았습니다",
  "ledger.errors.busy": "다른 jikimi 프로세스가 원장을 30초 동안 점유하여 아무것도 기록하지 않았습니다",
  "ledger.errors.busy_hint": "다시 시도하세요",
  "ledger.errors.retention_not_reached":
    "{{limit}} 이후에 기록된 원장 항목은 아직 보존 기간 {{rule}}(최소 3년) 안에 있습니다",
  "ledger.errors.retention_not_reached_hint": "--before {{limit}} 또는 그 이전 날짜를 지정하세요",
  "ledger.errors.not_a_checkpoint_note": "주어진 체크포인트가 체크포인트 노트가 아닙니다",
  "ledger.errors.checkpoint_not_of_log":
    "주어진 체크포인트(크기 {{size}})는 이 로그의 것이 아닙니다: 그 크기에서 로그의 루트와 다릅니다",
  "ledger.errors.no_summary": "원장 항목 {{seq}}에 요약이 없습니다",
  "ledger.errors.leaves_not_head": "저장된 리프 해시값이 마지막으로 서명된 트리 헤드와 더 이상 맞지 않습니다",
  "ledger.errors.body_not_leaf":
    "항목 {{seq}}의 저장된 본문이 리프 해시값과 맞지 않습니다. 기록된 뒤 바뀌었습니다",
  "ledger.errors.no_such_entry_other": "원장 항목 {{seq}}은(는) 항목 {{count}}건인 로그에 없습니다",
  "ledger.errors.bad_size_other": "크기 {{size}}은(는) 항목 {{count}}건인 로그의 범위 밖입니다",
  "ledger.errors.bad_retention": 'ledger.retention "{{rule}}"은(는) 기간이 아닙니다',
  "ledger.errors.bad_retention_hint": "jikimi.yaml에 3y, 36m, 1095d처럼 쓰세요",
  "ledger.errors.key_unusable": "키 {{id}}은(는) Ed25519 서명 키가 아닙니다",
  "ledger.errors.key_unusable_hint": "`jikimi keys rotate ledger-signing`을 실행하세요",
  "ledger.errors.public_key_unusable": "원장 서명 공개 키가 Ed25519 키가 아닙니다",
  "ledger.receipt.after_checkpoint": "영수증이 증명하는 체크포인트(크기 {{size}}) 이후에 기록되었습니다",

  "ledger.entry.hex256": "소문자 16진수 SHA-256 해시값(64자)을 쓰세요",
  "ledger.entry.instant": "시간대가 있는 ISO 8601 시각을 쓰세요(예: 2024-05-31T02:00:00Z)",
  "ledger.entry.country": "ISO 국가 코드를 쓰세요",

  "ledger.verify.reordered":
    "원장 항목 {{seq}}과(와) {{next}}이(가) 뒤바뀌었습니다: 각각 서로의 서명된 자리에 있습니다",
  "ledger.verify.removed":
    "원장 항목 {{seq}}이(가) 삭제되었습니다: 지금 {{seq}}번에 있는 항목은 {{next}}번 항목으로 서명되었습니다",
  "ledger.verify.inserted":
    "{{seq}}번에 원장 항목이 끼워 넣어졌습니다: {{seq}}번으로 서명된 항목이 지금 {{next}}번에 있습니다",
  "ledger.verify.changed": "원장 항목 {{seq}}이(가) 서명된 뒤 변경되었습니다",
  "ledger.verify.missing": "원장 항목 {{seq}}이(가) 로그에 없습니다",
  "ledger.verify.leaf_hash": "원장 항목 {{seq}}의 저장된 리프 해시값이 본문의 해시값이 아닙니다",
  "ledger.verify.unsupported_format":
    "원장 항목 {{seq}}은(는) 그 위치의 {{format}} 본문이 아닙니다(이전 버전의 jikimi가 썼거나 옮겨졌습니다): 원장을 다시 만들거나, 검증에는 이전 버전의 jikimi를 쓰세요",
  "ledger.verify.scope_changed": "원장 항목 {{seq}}의 제공 범위 해시값이 단계와 표현식에 맞지 않습니다",
  "ledger.verify.column_changed": "원장 항목 {{seq}}의 {{column}} 열이 서명된 본문과 다릅니다",
  "ledger.verify.marked_pruned": "원장 항목 {{seq}}은(는) 본문이 남아 있는데 정리된 것으로 표시되어 있습니다",
  "ledger.verify.chain_ord": "원장 항목 {{seq}}의 chain_ord 열이 체인 안의 위치와 다릅니다",
  "ledger.verify.checkpoint_forged":
    "체크포인트의 서명이 신뢰하는 원장 키로 검증되지 않습니다: 위조되었거나 변경되었습니다",
  "ledger.verify.checkpoint_of": "{{time}}의 체크포인트",
  "ledger.verify.anchor_truncated_other":
    "{{label}}은(는) 항목 {{count}}건을 포함하지만 로그에는 {{size}}건뿐입니다: {{size}}번부터의 항목이 삭제되었습니다",
  "ledger.verify.anchor_mismatch_other":
    "처음 항목 {{count}}건이 더 이상 {{label}}과(와) 맞지 않습니다: 로그가 다시 쓰였습니다",
  "ledger.verify.anchor_mismatch_from_other":
    "처음 항목 {{count}}건이 더 이상 {{label}}과(와) 맞지 않습니다: 로그가 원장 항목 {{first}}부터 다시 쓰였습니다",
  "ledger.verify.unsigned": "원장 항목 {{seq}}에 서명된 트리 헤드가 없습니다: 원장 밖에서 추가되었습니다",
  "ledger.verify.bad_signature": "원장 항목 {{seq}} 다음의 트리 헤드가 신뢰하는 키로 서명되지 않았습니다",
  "ledger.verify.head_changed":
    "원장 항목 {{seq}}의 서명된 시각이 recorded_at과 다르거나 시간이 거꾸로 갑니다",
  "ledger.verify.heads_truncated_other":
    "로그는 항목 {{count}}건에서 끝나지만 트리 헤드는 {{heads}}건까지 서명되었습니다: {{count}}번부터의 항목이 삭제되었습니다",
  "ledger.verify.pruned_unlisted":
    "원장 항목 {{seq}}에 본문이 없는데 이를 나열한 서명된 정리 이벤트가 없습니다: 본문이 `jikimi ledger prune` 밖에서 삭제되었습니다",
  "ledger.verify.pruned_early":
    "원장 항목 {{seq}}이(가) 보존 기간 {{rule}}이(가) 끝나기 전에 원장 항목 {{by}}에 의해 정리되었습니다",
  "ledger.verify.pruned_column":
    "정리된 원장 항목 {{seq}}의 {{column}} 열에 값이 있습니다: 리프 해시값 말고는 남아 있으면 안 됩니다",
  "ledger.verify.pruned_at": "원장 항목 {{seq}}의 pruned_at 열이 이를 나열한 정리 이벤트와 다릅니다",
  "ledger.verify.pruned_with_body":
    "원장 항목 {{seq}}은(는) 원장 항목 {{by}}에서 정리된 것으로 나열되었지만 본문이 남아 있습니다",

  "ledger.checkpoints.size": "크기 {{kept}}로 보관된 체크포인트가 크기 {{signed}}로 서명되어 있습니다",
  "ledger.checkpoints.mismatch":
    "증인이 확인한 크기 {{size}}의 체크포인트가 로그의 그 크기 루트와 다릅니다: 증인 확인 뒤 로그가 다시 쓰였습니다",
  "ledger.checkpoints.forged":
    "크기 {{size}}로 보관된 체크포인트가 신뢰하는 로그 키로 열리지 않습니다({{reason}})",
  "ledger.checkpoints.no_checkpoint":
    "{{witness}}의 공동 서명이 크기 {{size}}로 보관되어 있지만 그 크기에는 유효한 체크포인트가 없습니다",
  "ledger.checkpoints.not_its_line":
    "크기 {{size}}에 증인 {{witness}}의 것으로 보관된 공동 서명이 그 증인의 줄이 아닙니다",
  "ledger.checkpoints.not_its_cosignature":
    "크기 {{size}}에 대한 {{witness}}의 공동 서명이 그 증인의 것이 아닙니다",
  "ledger.checkpoints.unverified":
    "크기 {{size}}에 대한 {{witness}}의 공동 서명이 검증되지 않습니다({{reason}})",

  "ledger.dictionary.chunk": "색인 순 사전의 청크 {{chunk}}이(가) 없거나, 잘못된 위치에 있거나, 잘렸습니다",
  "ledger.dictionary.unknown_meta": 'ledger_meta에 알 수 없는 키 "{{key}}"이(가) 있습니다',
  "ledger.dictionary.meta_subjects":
    "ledger_meta에는 정보주체 {{said}}명으로 되어 있지만 사전에는 {{count}}명이 있습니다",
  "ledger.dictionary.committed":
    "원장 항목 {{seq}}은(는) 정보주체 {{committed}}명의 사전을 약속했지만 사전에는 {{count}}명(그 이전 {{before}}명)이 있습니다",
  "ledger.dictionary.differs":
    "정보주체 사전의 처음 레코드 {{size}}건이 원장 항목 {{seq}}이(가) 약속한 것과 다릅니다",
  "ledger.dictionary.meta_head": "ledger_meta의 사전 약속값이 마지막 원장 항목의 것과 다릅니다",
  "ledger.dictionary.partition_chunk":
    "파티션 {{part}}의 청크 {{chunk}}이(가) 잘못된 위치에 있거나 잘렸습니다",
  "ledger.dictionary.partition_record":
    "파티션 {{part}}에 위치가 잘못되었거나, 중복되었거나, 사전 범위 밖의 색인 {{index}}을(를) 가리키는 레코드가 있습니다",
  "ledger.dictionary.partition_hash":
    "파티션 {{part}}이(가) 해시값을 색인 {{index}}에 대응시키지만, 색인 순 사본에서는 그 색인의 해시값이 다릅니다",
  "ledger.dictionary.records": "파티션에는 레코드 {{records}}건이, 사전에는 정보주체 {{count}}명이 있습니다",

  "ledger.subjects.not_held":
    "원장 항목 {{seq}}에 대한 정보주체 집합이 저장되어 있지만, 그 항목은 본문이 보존된 제공이 아닙니다",
  "ledger.subjects.misfiled": "원장 항목 {{seq}}의 정보주체 집합이 다른 체인이나 위치에 저장되어 있습니다",
  "ledger.subjects.unreadable": "원장 항목 {{seq}}의 정보주체 집합을 읽을 수 없습니다",
  "ledger.subjects.not_canonical": "원장 항목 {{seq}}의 저장된 정보주체 집합이 정규 인코딩이 아닙니다",
  "ledger.subjects.differs": "원장 항목 {{seq}}의 정보주체 집합이 서명된 것과 다릅니다",
  "ledger.subjects.receipts_signed":
    "원장 항목 {{seq}}이(가) 서명한 영수증 루트가 정보주체 집합의 루트가 아닙니다: 그 정보주체들은 영수증을 받을 수 없습니다",
  "ledger.subjects.receipts_stored":
    "원장 항목 {{seq}}의 저장된 정보주체 집합이 서명된 영수증 루트를 더 이상 만들지 않습니다: 이 항목의 영수증 발급을 거부합니다",
  "ledger.subjects.base_missing":
    '체인 "{{chain}}"의 기준 집합(정리 이벤트가 지정한 원장 항목 {{seq}})이 없습니다',
  "ledger.subjects.set_missing": "원장 항목 {{seq}}의 정보주체 집합이 없습니다",
  "ledger.subjects.changes_orphan":
    "변경 행이 원장 항목 {{seq}}을(를) 가리키지만 그 집합은 저장되어 있지 않습니다",
  "ledger.subjects.chain_bookkeeping": '체인 "{{chain}}"의 관리 정보가 집합과 다릅니다',
  "ledger.subjects.chain_row": '체인 "{{chain}}"에 집합은 있지만 체인 행이 없습니다',
  "ledger.subjects.changes":
    "원장 항목 {{seq}}의 정보주체별 변경 행({{have}})이 들어오거나 나간 정보주체({{want}})와 다릅니다",
  "ledger.subjects.summary": "원장 항목 {{seq}}의 이력 요약이 서명된 본문과 다릅니다",
  "ledger.subjects.summary_orphan": "요약 행 {{id}}이(가) 어느 원장 항목에도 속하지 않습니다",

  "ledger.tiles.origin_not_log":
    '체크포인트가 로그 "{{origin}}"을(를) 가리키지만 이 로그는 "{{expected}}"입니다',
  "ledger.tiles.origin_not_signer":
    '체크포인트가 로그 "{{origin}}"을(를) 가리키지만 서명자는 {{names}}입니다',
  "ledger.tiles.missing": "{{where}}이(가) 없습니다",
  "ledger.tiles.note_too_large": "체크포인트가 1 MiB를 넘습니다",
  "ledger.tiles.tile_size": "{{where}}은(는) {{want}}바이트가 아니라 {{got}}바이트입니다",
  "ledger.tiles.tile_hash": "{{tile}}의 해시 {{index}}이(가) 아래 {{child}}의 해시값이 아닙니다",
  "ledger.tiles.root":
    "레벨 0 타일의 리프 해시값으로 체크포인트가 서명한 루트가 나오지 않습니다: 리프가 변경되었습니다",
  "ledger.tiles.bundle_malformed": "{{where}}의 형식이 잘못되었습니다: {{reason}}",
  "ledger.tiles.bundle_count_other": "{{where}}에 원장 항목이 {{width}}건이 아니라 {{count}}건 있습니다",
  "ledger.tiles.other_marker":
    "{{place}}의 원장 항목 {{seq}}은(는) 레벨 0 타일의 다른 리프를 가리키는 표식입니다",
  "ledger.tiles.not_leaf": "{{place}}의 원장 항목 {{seq}}의 해시값이 레벨 0 타일의 리프와 다릅니다",
  "ledger.tiles.against_truncated_other":
    "이전 체크포인트는 항목 {{count}}건을 포함하지만 공개된 로그에는 {{size}}건뿐입니다: {{size}}번부터의 항목이 삭제되었습니다",
  "ledger.tiles.against_mismatch_other":
    "처음 항목 {{count}}건이 더 이상 이전 체크포인트와 맞지 않습니다: 로그가 다시 쓰였습니다",
  "ledger.tiles.against_unchecked": "이전 체크포인트를 확인할 수 없습니다: 레벨 0 타일이 없습니다",
  "ledger.tiles.against_forged": "이전 체크포인트: {{reason}}",
  "ledger.tiles.entry_too_large":
    "원장 항목 {{seq}}은(는) {{bytes}}바이트입니다: 항목 묶음(c2sp.org/tlog-tiles)에는 65,535바이트까지의 항목만 들어가므로 이 로그는 타일로 공개할 수 없습니다",
  "ledger.tiles.prefix_cut": "{{at}}바이트에서 길이 접두어가 잘렸습니다",
  "ledger.tiles.entry_past_end": "항목 {{index}}이(가) 묶음의 끝을 넘어갑니다",
  "ledger.tiles.unreadable": "{{file}}을(를) 읽을 수 없습니다({{code}})",
  "ledger.tiles.unwritable": "{{file}}을(를) 쓸 수 없습니다({{code}})",
  "ledger.tiles.unwritable_hint": "폴더의 권한과 남은 공간을 확인하세요",
  "ledger.tiles.unremovable": "{{file}}을(를) 삭제할 수 없습니다({{code}})",
  "ledger.tiles.no_answer": "{{seconds}}초 안에 응답이 없습니다",
  "ledger.tiles.network_error": "네트워크 오류",
  "ledger.tiles.unreachable": "{{where}}을(를) 가져올 수 없습니다: {{why}}",
  "ledger.tiles.http_status": "GET {{where}}의 응답이 {{status}} {{text}}입니다",
  "ledger.tiles.not_found": "{{location}}은(는) 폴더가 아닙니다",
  "ledger.tiles.not_found_hint": "`jikimi ledger publish`가 쓴 폴더나 로그의 http(s) URL을 주세요",
  "ledger.tiles.nothing_published": "아무것도 공개하지 않았습니다: {{reason}}",
  "ledger.tiles.the_checkpoint_to_publish": "공개할 체크포인트",
  "ledger.tiles.not_checkpoint_note": "{{what}}은(는) 체크포인트 노트(c2sp.org/tlog-checkpoint)가 아닙니다",
  "ledger.tiles.covers_more_other":
    "체크포인트는 항목 {{count}}건을 포함하지만 로그에는 {{held}}건이 있습니다",
  "ledger.tiles.root_not_log_other": "체크포인트의 루트가 로그의 처음 항목 {{count}}건의 루트가 아닙니다",
  "ledger.tiles.other_origin": '{{where}}은(는) "{{origin}}"이 아니라 로그 "{{before}}"의 체크포인트입니다',
  "ledger.tiles.other_origin_hint": "다른 폴더를 고르세요",
  "ledger.tiles.folder_longer_other":
    "{{where}}은(는) 항목 {{count}}건을 포함하여 이 로그의 {{size}}건보다 많습니다",
  "ledger.tiles.folder_longer_hint":
    "로그가 잘렸습니까? `jikimi ledger verify --against {{where}}`를 실행하세요",
  "ledger.tiles.not_prefix": "{{where}}(크기 {{size}})은(는) 이 로그의 앞부분이 아닙니다",
  "ledger.tiles.not_prefix_hint":
    "폴더에 다른 이력이 있습니다. `jikimi ledger verify --against {{where}}`를 실행하세요",
  "ledger.tiles.tile_differs": "전체 타일 {{where}}이(가) 이 로그의 것과 다릅니다",
  "ledger.tiles.bundle_differs": "항목 묶음 {{where}}이(가) 이 로그의 것과 다릅니다",
  "ledger.tiles.altered_hint": "폴더가 변경되었습니다. 새 폴더에 공개하세요",
  "ledger.tiles.entry_missing": "원장 항목 {{seq}}이(가) ledger_entries에 없습니다",
  "ledger.tiles.leaf_not_32": "원장 항목 {{seq}}의 리프 해시값이 32바이트가 아닙니다",

  "ledger.entries.not_json": "원장 항목 {{seq}}이(가) JSON이 아닙니다",
  "ledger.entries.not_object": "원장 항목 {{seq}}이(가) JSON 객체가 아닙니다",
  "ledger.entries.not_format": "원장 항목 {{seq}}은(는) 그 위치의 {{format}} 본문이 아닙니다",
  "ledger.entries.bad_kind":
    "원장 항목 {{seq}}의 kind가 {{kind}}입니다: 본문은 제공 또는 정리 이벤트이고, 정리된 항목의 표식은 정규 JSON입니다",
  "ledger.entries.invalid": "원장 항목 {{seq}}은(는) 올바른 {{kind}} 본문이 아닙니다({{paths}})",
  "ledger.entries.marker_misplaced": "원장 항목 {{marked}}의 표식이 {{seq}}번 위치에 있습니다",
  "ledger.entries.recorded_backwards":
    "원장 항목 {{seq}}이(가) 앞선 항목({{last}})보다 이른 {{at}}에 기록되었습니다",
  "ledger.entries.prune_lists_later":
    "정리 이벤트 {{seq}}이(가) 항목 {{from}}-{{to}}을(를) 나열합니다: 정리 이벤트는 그보다 앞선 항목만 나열합니다",
  "ledger.entries.prune_base":
    "정리 이벤트 {{seq}}이(가) 정리하지 않은 원장 항목 {{base}}을(를) 기준으로 지정합니다",
  "ledger.entries.prune_early":
    "정리 이벤트 {{seq}}이(가) {{before}} 이전에 기록된 항목을 정리했지만, 보존 기간 {{rule}}은(는) {{at}}에 아직 끝나지 않았습니다(최소 3년)",
  "ledger.entries.pruned_unlisted":
    "원장 항목 {{seq}}이(가) 정리된 것으로 공개되었지만 이를 나열한 정리 이벤트가 없습니다: 본문이 `jikimi ledger prune` 밖에서 빠졌습니다",
  "ledger.entries.pruned_early":
    "원장 항목 {{seq}}이(가) 보존 기간 {{rule}}이(가) 끝나기 전에 원장 항목 {{by}}에 의해 정리되었습니다({{after}} 또는 그 이후에 기록됨)",
  "ledger.entries.dictionary":
    "원장 항목 {{seq}}이(가) 약속한 정보주체 {{size}}명의 사전이 원장 항목 {{last}}의 사전({{lastSize}}명)을 잇지 않습니다",

  "ledger.receipt.refused": "{{what}}(원장 항목 {{seq}})",
  "ledger.receipt.refused_hint": "영수증을 쓰지 않았습니다. `jikimi ledger verify`를 실행하세요",
  "ledger.receipt.not_release": "원장 항목이 제공이 아닙니다",
  "ledger.receipt.set_differs": "저장된 정보주체 집합이 원장 항목이 서명한 것과 다릅니다",
  "ledger.receipt.root_differs":
    "저장된 정보주체 집합이 원장 항목이 서명한 영수증 루트를 더 이상 만들지 않습니다",
  "ledger.receipt.skipped_pruned":
    "서명된 정리 이벤트로 정리되었습니다: 본문이 없어 증명할 것이 남아 있지 않습니다",
  "ledger.receipt.skipped_before":
    "영수증 도입 전에 기록되었습니다: 원장 항목이 영수증 루트를 약속하지 않습니다",
  "ledger.receipt.skipped_chunk":
    "영수증 트리의 청크 크기가 {{chunk}}이며, 이 버전의 jikimi는 이를 발급하지 않습니다",
  "ledger.receipt.hex": "소문자 16진수 {{digits}}자를 쓰세요",
  "ledger.receipt.chunk_hex": "소문자 16진수 32자 블록을 1~64개 쓰세요",
  "ledger.receipt.not_signed": "{{path}}에 로그 키의 서명이 없습니다: {{reason}}",
  "ledger.receipt.unreadable": "읽을 수 없음",
  "ledger.receipt.not_included": "원장 항목 {{seq}}이(가) 체크포인트의 로그에 있음이 증명되지 않습니다",
  "ledger.receipt.not_release_at":
    "원장 항목 {{seq}}은(는) 그 위치의, 영수증 루트(청크 {{chunk}})가 있는 정규 {{format}} 제공이 아닙니다",
  "ledger.receipt.not_member":
    "본인의 값이 원장 항목 {{seq}}의 영수증 트리에 속함이 증명되지 않습니다(청크 {{chunk}}/{{leaves}})",
  "ledger.receipt.lacks": "원장 항목 {{seq}}에 제공의 수령자, 목적 또는 항목이 없습니다",
  "ledger.receipt.not_receipt": "jikimi-receipt/1 파일이 아닙니다: {{reason}}",
  "ledger.receipt.not_utf8_json": "UTF-8 JSON이 아닙니다",
  "ledger.receipt.not_canonical": "영수증이 정해진 인코딩이 아닙니다: 발급된 뒤 편집되었습니다",
  "ledger.receipt.vkey_malformed": "검증 키의 형식이 잘못되었습니다",
  "ledger.receipt.no_log_key":
    "{{origin}} 이름의 검증 키가 주어지지 않았습니다: `jikimi ledger vkey`가 출력하는 로그 키를 주세요",
  "ledger.receipt.other_origin": "체크포인트가 {{origin}}이 아니라 {{found}}의 것입니다",
  "ledger.receipt.not_checkpoint": "체크포인트가 아닙니다",
  "ledger.receipt.order": "제공은 원장 항목 순서대로 한 번씩만 나열됩니다",
  "ledger.receipt.unchecked": "원장 항목 {{seq}}을(를) 확인할 수 없습니다",
  "ledger.receipt.binding_mismatch":
    "서명된 결속 노트가 이 영수증이 증명하는 제공과 값을 정확히 나열하지 않습니다",
  "ledger.receipt.subject_mismatch":
    "영수증이 주어진 정보주체 키에 결속되어 있지 않습니다: 다른 사람의 영수증입니다",

  "ledger.release.line":
    "{{date}}  {{recipient}} ({{country}})  목적: {{purposes}}  법적 근거: {{basis}}  항목: {{fields}}  [원장 항목 {{seq}}]",
  "ledger.release.recipient": "{{recipient}} ({{country}})",
  "ledger.release.purposes": "목적: {{purposes}}",
  "ledger.release.basis": "법적 근거: {{basis}}",
  "ledger.release.fields": "항목: {{fields}}",
  "ledger.release.entry": "[원장 항목 {{seq}}]",
  "ledger.release.agreement": "[{{agreement}}@{{version}} #{{seq}}]",
  "ledger.history.none": "이 정보주체가 포함된 제공 기록이 없습니다",
  "ledger.history.purposes": "목적: {{purposes}}",
  "ledger.history.total": "{{releases}} ({{ms}} ms)",

  "ledger.note.key_name": '"{{name}}"은(는) 키 이름이 아닙니다',
  "ledger.note.key_name_hint": '공백이나 "+"가 없는 비어 있지 않은 이름을 쓰세요(예: ledger.example/log)',
  "ledger.note.vkey_form": "검증 키는 <이름>+<16진수 8자리>+<base64 키> 형식입니다",
  "ledger.note.vkey_parts":
    "{{name}}의 검증 키가 <이름>+<16진수 8자리>+<유형 바이트와 키의 base64> 형식이 아닙니다",
  "ledger.note.vkey_id": "{{name}}의 검증 키가 자기 것이 아닌 키 ID {{hex}}을(를) 가리킵니다",
  "ledger.note.vkey_point": "{{name}}의 검증 키가 올바른 Ed25519 공개 키가 아닙니다",
  "ledger.note.vkey_ed25519":
    "{{name}}의 검증 키가 16진수 8자리 키 ID를 가진 Ed25519 키(유형 0x01, 32바이트)가 아닙니다",
  "ledger.note.seed": "Ed25519 서명 키는 32바이트 시드입니다",
  "ledger.note.newline": "노트의 본문은 줄바꿈으로 끝나야 합니다",
  "ledger.note.control": "노트에는 줄바꿈 외의 제어 문자를 넣을 수 없습니다",
  "ledger.note.dash": "서명 줄은 엠 대시(—)와 공백으로 시작합니다",
  "ledger.note.line_form": "서명 줄은 \u2014 <키 이름> <base64 서명> 형식입니다",
  "ledger.note.signature_base64": "{{name}}의 서명이 키 ID와 서명의 base64가 아닙니다",
  "ledger.note.form": "노트는 본문, 빈 줄, 서명 줄로 이루어집니다",
  "ledger.note.too_many": "서명이 {{max}}개를 넘는 노트는 거부합니다",
  "ledger.note.signature_invalid": "{{name}}의 서명이 검증되지 않습니다: 노트가 변경되었거나 위조되었습니다",
  "ledger.note.unverified": "노트에 신뢰하는 키의 서명이 없습니다",
  "ledger.note.unverified_hint": "검증 키(vkey)를 확인하세요",
  "ledger.checkpoint.origin_line": "체크포인트의 origin은 비어 있지 않은 한 줄입니다",
  "ledger.checkpoint.size_whole": "체크포인트의 크기는 0 이상의 정수입니다",
  "ledger.checkpoint.root_hash": "체크포인트의 루트는 32바이트 SHA-256 해시값입니다",
  "ledger.checkpoint.extension_lines": "확장 줄은 비어 있으면 안 됩니다",
  "ledger.checkpoint.lines": "체크포인트에는 origin, 크기, 루트 줄이 있어야 합니다",
  "ledger.checkpoint.origin_empty": "체크포인트의 origin 줄이 비어 있습니다",
  "ledger.checkpoint.size_decimal": "체크포인트의 크기는 앞에 0이 없는 10진수입니다",
  "ledger.checkpoint.root_base64": "체크포인트의 루트는 32바이트의 base64입니다",
  "ledger.checkpoint.extensions_empty": "체크포인트의 확장 줄은 비어 있으면 안 됩니다",

  "ledger.merkle.hex": "16진수 문자열이어야 합니다: 0-9, a-f 문자 짝수 개",
  "ledger.merkle.hash_size": "트리 해시값은 {{want}}바이트인데 {{got}}바이트입니다",
  "ledger.merkle.range": "해시값 {{count}}개의 목록에 리프 [{{start}}, {{end}})이(가) 없습니다",
  "ledger.merkle.cache_level": "cacheLevel은 0~30의 정수여야 하는데 {{value}}입니다",
  "ledger.merkle.leaf_size": "리프 해시값은 {{want}}바이트인데 {{got}}바이트입니다",
  "ledger.merkle.leaf_index":
    "리프 색인 {{index}}은(는) 리프 {{size}}개인 트리에 없습니다(0 <= index < size)",
  "ledger.merkle.size1": "size1 {{size1}}은(는) 0부터 size2({{size2}})까지의 정수여야 합니다",
  "ledger.merkle.tree_size": "{{name}} {{size}}은(는) 0부터 트리 크기({{count}})까지의 정수여야 합니다",
  "ledger.merkle.source_behind":
    "리프 저장소에는 리프 {{available}}개가 있지만 트리에는 리프 {{leaf}}이(가) 필요합니다",
  "ledger.merkle.source_behind_hint": "리프를 추가하기 전에 먼저 저장하세요",
  "ledger.merkle.source_corrupt":
    "리프 저장소가 리프 [{{start}}, {{end}})에 대해 {{got}}바이트를 돌려주었습니다: {{want}}바이트여야 합니다",
  "ledger.merkle.size": "크기 {{size}}은(는) 0 이상의 정수여야 합니다",
  "ledger.merkle.checkpoint": "체크포인트에는 0 이상의 정수 크기와 {{bytes}}바이트 루트가 필요합니다",

  "ledger.monitor.rollback_other":
    "로그가 {{from}}건에서 {{count}}건으로 줄었습니다: 되돌려졌거나 이전 사본으로 복원되었습니다",
  "ledger.monitor.fork":
    "크기 {{size}}의 체크포인트가 전에 본 크기 {{previous}}의 체크포인트를 잇지 않습니다: 로그의 이력이 다시 쓰였습니다",
  "ledger.monitor.invalid": "공개된 로그가 검증되지 않습니다: {{problems}}",
  "ledger.monitor.unwitnessed_other":
    "로그가 항목 {{count}}건으로 늘었지만 증인 공동 서명은 정책이 요구하는 {{quorum}}개 중 {{cosigned}}개뿐입니다",
  "ledger.monitor.cosignatures": "체크포인트의 공동 서명이 검증되지 않습니다({{reason}})",
  "ledger.monitor.first_seen_other": "첫 체크포인트를 보관했습니다: 항목 {{count}}건",
  "ledger.monitor.unchanged": "보관한 체크포인트({{size}}) 이후 새 항목이 없습니다",
  "ledger.monitor.grew_other": "로그가 {{from}}건에서 항목 {{count}}건으로 일관되게 늘었습니다",

  "ledger.entries_other": "항목 {{count}}건",
};
