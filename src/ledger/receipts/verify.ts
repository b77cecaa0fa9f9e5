// verifying a receipt with public material only (the log's verifier keys; witnesses through a hook): the file is
// a receipt in its one encoding; the checkpoint and the binding are signed by the log's key (named by the origin);
// each entry's bytes are a leaf included in the checkpoint's tree, a release at that seq with a receipts root; the
// person's m sits in its chunk, whose leaf and path give that root; the binding names exactly the proven (seq, m)
// pairs; and, given the subject key, the binding's commitment is to it. Every problem is reported at once.
import canonicalize from "canonicalize";
import { t } from "../../i18n/index.js";
import { ENTRY_FORMAT, type EntryBody, type ReleaseBody } from "../entry.js";
import { fromHex, leafHash, toHex } from "../merkle/hash.js";
import { verifyInclusion } from "../merkle/verify-proof.js";
import { type CheckpointBody, parseCheckpoint } from "../note/checkpoint.js";
import { type NoteVerifier, openNote, verifierFromVkey } from "../note/signed-note.js";
import {
  parseBinding,
  type Receipt,
  ReceiptSchema,
  type ReleaseSummary,
  serializeReceipt,
  subjectCommitment,
  summaryOfRelease,
} from "./receipt.js";
import { chunkCount, M_BYTES, RECEIPT_CHUNK } from "./tree.js";

export interface ReceiptProblem {
  code:
    | "malformed"
    | "not_canonical"
    | "no_log_key"
    | "checkpoint_unverified"
    | "witness"
    | "binding_unverified"
    | "binding_mismatch"
    | "entry_not_included"
    | "entry_malformed"
    | "member_not_proven"
    | "subject_mismatch";
  /** where in the receipt: `releases[2].member.path`, `checkpoint`, ... */
  path: string;
  message: string;
}

export interface ReceiptVerifyOptions {
  /** verifier keys (vkey text): the log's, named by its origin; others (witnesses') are left to `checkNote` */
  vkeys: readonly string[];
  /** the person's subject key (customer number): checks the binding's commitment is to it */
  subject?: string | undefined;
  /** more checks of the checkpoint note (witness cosignatures): returns problems, none when it passes */
  checkNote?: ((note: string) => string[]) | undefined;
}

export interface ReceiptReport {
  ok: boolean;
  origin?: string;
  checkpoint?: { size: number; root: string; signed_by: string[] };
  /** the releases the receipt proves: all of them when ok, none otherwise */
  releases: ReleaseSummary[];
  /** whether the receipt is bound to the --subject given (undefined when none was given) */
  subject?: boolean;
  problems: ReceiptProblem[];
}

type Add = (code: ReceiptProblem["code"], path: string, message: string) => void;

/** Opens a note with the log's verifiers; the text when a key named by the origin signed it. */
function openLogNote(
  note: string,
  verifiers: NoteVerifier[],
  path: string,
  code: "checkpoint_unverified" | "binding_unverified",
  add: Add,
): { text: string; signedBy: string[] } | undefined {
  try {
    const opened = openNote(note, verifiers);
    return {
      text: opened.text,
      signedBy: opened.verified.map((k) => `${k.name}+${k.id.toString(16).padStart(8, "0")}`),
    };
  } catch (e) {
    add(
      code,
      path,
      t("ledger.receipt.not_signed", {
        path,
        reason: e instanceof Error ? e.message : t("ledger.receipt.unreadable"),
      }),
    );
    return undefined;
  }
}

/** Checks one release of the receipt against the checkpoint; its summary when everything holds. */
function checkRelease(
  r: Receipt["releases"][number],
  where: string,
  checkpoint: CheckpointBody | undefined,
  add: Add,
): ReleaseSummary | undefined {
  const bytes = Buffer.from(r.entry, "utf8");
  let fine = true;
  if (checkpoint) {
    const proof = r.inclusion.map(fromHex);
    if (!verifyInclusion(leafHash(bytes), r.seq, checkpoint.size, proof, checkpoint.root)) {
      add("entry_not_included", `${where}.inclusion`, t("ledger.receipt.not_included", { seq: r.seq }));
      fine = false;
    }
  }
  let body: EntryBody;
  try {
    body = JSON.parse(r.entry) as EntryBody;
  } catch {
    add("entry_malformed", `${where}.entry`, t("ledger.entries.not_json", { seq: r.seq }));
    return undefined;
  }
  const release = body as ReleaseBody;
  const root = release?.receipts?.root;
  if (
    typeof body !== "object" ||
    body === null ||
    canonicalize(body) !== r.entry ||
    body.format !== ENTRY_FORMAT ||
    body.kind !== "release" ||
    body.seq !== r.seq ||
    typeof root !== "string" ||
    !/^[0-9a-f]{64}$/.test(root) ||
    release.receipts?.chunk !== RECEIPT_CHUNK ||
    !Number.isSafeInteger(release.subjects?.count)
  ) {
    add(
      "entry_malformed",
      `${where}.entry`,
      t("ledger.receipt.not_release_at", { seq: r.seq, format: ENTRY_FORMAT, chunk: RECEIPT_CHUNK }),
    );
    return undefined;
  }
  const count = release.subjects.count;
  const leaves = chunkCount(count);
  const { m, chunk, path } = r.member;
  const chunkBytes = Buffer.from(r.member.bytes, "hex");
  const expected = Math.min(RECEIPT_CHUNK, count - chunk * RECEIPT_CHUNK) * M_BYTES;
  let at = -1;
  for (let s = 0; s < chunkBytes.length; s += M_BYTES)
    if (chunkBytes.subarray(s, s + M_BYTES).toString("hex") === m) at = s;
  if (
    chunk >= leaves ||
    chunkBytes.length !== expected ||
    at < 0 ||
    !verifyInclusion(leafHash(chunkBytes), chunk, leaves, path.map(fromHex), fromHex(root))
  ) {
    add(
      "member_not_proven",
      `${where}.member`,
      t("ledger.receipt.not_member", { seq: r.seq, chunk, leaves }),
    );
    fine = false;
  }
  if (!fine) return undefined;
  try {
    return summaryOfRelease(release);
  } catch {
    add("entry_malformed", `${where}.entry`, t("ledger.receipt.lacks", { seq: r.seq }));
    return undefined;
  }
}

/**
 * Verifies a receipt file's bytes with the log's verifier keys; every problem is reported at once.
 * @example const report = verifyReceipt(readFileSync(file), { vkeys: [vkey], subject: "HB0000000042" });
 */
export function verifyReceipt(file: string | Uint8Array, options: ReceiptVerifyOptions): ReceiptReport {
  const problems: ReceiptProblem[] = [];
  const add: Add = (code, path, message) => problems.push({ code, path, message });
  const fail = (): ReceiptReport => ({ ok: false, releases: [], problems });
  let text: string;
  let receipt: Receipt;
  try {
    text = typeof file === "string" ? file : new TextDecoder("utf-8", { fatal: true }).decode(file);
    const parsed = ReceiptSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        add(
          "malformed",
          i.path.join(".") || "(root)",
          t("ledger.receipt.not_receipt", { reason: i.message }),
        );
      return fail();
    }
    receipt = parsed.data;
  } catch {
    add(
      "malformed",
      "(root)",
      t("ledger.receipt.not_receipt", { reason: t("ledger.receipt.not_utf8_json") }),
    );
    return fail();
  }
  // one encoding only: whitespace, key order, escapes or hex case changed elsewhere would pass unnoticed
  if (serializeReceipt(receipt) !== text) add("not_canonical", "(root)", t("ledger.receipt.not_canonical"));

  const origin = receipt.origin;
  const verifiers: NoteVerifier[] = [];
  for (const vkey of options.vkeys) {
    // the log's key carries the origin as its name; witnesses' keys are the hook's business
    if (vkey.slice(0, vkey.indexOf("+")) !== origin) continue;
    try {
      verifiers.push(verifierFromVkey(vkey));
    } catch (e) {
      add("no_log_key", "vkey", e instanceof Error ? e.message : t("ledger.receipt.vkey_malformed"));
    }
  }
  if (verifiers.length === 0) {
    add("no_log_key", "vkey", t("ledger.receipt.no_log_key", { origin }));
    return fail();
  }

  const cpNote = openLogNote(receipt.checkpoint, verifiers, "checkpoint", "checkpoint_unverified", add);
  let checkpoint: CheckpointBody | undefined;
  if (cpNote)
    try {
      checkpoint = parseCheckpoint(cpNote.text);
      if (checkpoint.origin !== origin)
        add(
          "checkpoint_unverified",
          "checkpoint",
          t("ledger.receipt.other_origin", { found: checkpoint.origin, origin }),
        );
    } catch (e) {
      add(
        "checkpoint_unverified",
        "checkpoint",
        e instanceof Error ? e.message : t("ledger.receipt.not_checkpoint"),
      );
    }
  if (options.checkNote)
    for (const m of options.checkNote(receipt.checkpoint)) add("witness", "checkpoint", m);

  const releases: ReleaseSummary[] = [];
  let previous = -1;
  receipt.releases.forEach((r, i) => {
    const where = `releases[${i}]`;
    if (r.seq <= previous) add("malformed", `${where}.seq`, t("ledger.receipt.order"));
    previous = r.seq;
    let summary: ReleaseSummary | undefined;
    try {
      summary = checkRelease(r, where, checkpoint, add);
    } catch {
      // a verifier reports, it never throws: whatever slipped past the checks above is a malformed entry
      add("entry_malformed", `${where}.entry`, t("ledger.receipt.unchecked", { seq: r.seq }));
    }
    if (summary) releases.push(summary);
  });

  const bindingNote = openLogNote(receipt.binding, verifiers, "binding", "binding_unverified", add);
  let subject: boolean | undefined;
  if (bindingNote) {
    const binding = parseBinding(bindingNote.text);
    const pairs = receipt.releases.map((r) => `${r.seq} ${r.member.m}`);
    if (
      !binding ||
      binding.origin !== origin ||
      binding.pairs.length !== pairs.length ||
      binding.pairs.some((p, i) => `${p.seq} ${p.m}` !== pairs[i])
    )
      add("binding_mismatch", "binding", t("ledger.receipt.binding_mismatch"));
    if (binding && options.subject !== undefined) {
      subject = subjectCommitment(fromHex(receipt.salt), options.subject) === binding.commitment;
      if (!subject) add("subject_mismatch", "salt", t("ledger.receipt.subject_mismatch"));
    }
  }
  return {
    ok: problems.length === 0,
    origin,
    ...(checkpoint
      ? {
          checkpoint: {
            size: checkpoint.size,
            root: toHex(checkpoint.root),
            signed_by: cpNote?.signedBy ?? [],
          },
        }
      : {}),
    releases: problems.length === 0 ? releases : [],
    ...(subject === undefined ? {} : { subject }),
    problems,
  };
}
