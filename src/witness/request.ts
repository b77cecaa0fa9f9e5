// the add-checkpoint request body of c2sp.org/tlog-witness: "old <size>\n", up to 63 base64 consistency proof
// lines, an empty line, then the signed checkpoint note. Parsed strictly (decimal without leading zeros, canonical
// base64 of 32 bytes, UTF-8); the note's signatures are left to the caller.
import { JikimiError } from "../errors.js";
import { type MessageKey, type MessageParams, t } from "../i18n/index.js";

/** The spec's limit on consistency proof lines. */
export const MAX_PROOF_LINES = 63;

export interface AddCheckpointRequest {
  oldSize: number;
  proof: Uint8Array[];
  /** the checkpoint note as sent: text, blank line, signature lines */
  note: string;
}

function bad(key: MessageKey, params?: MessageParams): JikimiError {
  return new JikimiError("bad_request", t(key, params));
}

/**
 * Builds a request body.
 * @example formatAddCheckpoint({ oldSize: 3, proof: tree.consistencyProof(3, 5), note })
 */
export function formatAddCheckpoint(request: AddCheckpointRequest): string {
  const proof = request.proof.map((h) => `${Buffer.from(h).toString("base64")}\n`).join("");
  return `old ${request.oldSize}\n${proof}\n${request.note}`;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses a request body (bytes as received); throws a `bad_request` JikimiError saying what is malformed.
 * @example parseAddCheckpoint(new TextEncoder().encode("old 0\n\n" + note)).oldSize // 0
 */
export function parseAddCheckpoint(body: Uint8Array): AddCheckpointRequest {
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    throw bad("witness.request.not_utf8");
  }
  const firstEnd = text.indexOf("\n");
  const oldLine = firstEnd < 0 ? text : text.slice(0, firstEnd);
  const m = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
  if (!m || firstEnd < 0) throw bad("witness.request.old_line");
  const oldSize = Number(m[1]);
  if (!Number.isSafeInteger(oldSize)) throw bad("witness.request.old_too_large");
  const proof: Uint8Array[] = [];
  let at = firstEnd + 1;
  for (;;) {
    const end = text.indexOf("\n", at);
    if (end < 0) throw bad("witness.request.proof_end");
    const line = text.slice(at, end);
    at = end + 1;
    if (line === "") break;
    if (proof.length === MAX_PROOF_LINES) throw bad("witness.request.proof_lines", { max: MAX_PROOF_LINES });
    const hash = Buffer.from(line, "base64");
    if (hash.length !== 32 || hash.toString("base64") !== line)
      throw bad("witness.request.proof_line", { line: proof.length + 1 });
    proof.push(new Uint8Array(hash));
  }
  const note = text.slice(at);
  if (note.length === 0) throw bad("witness.request.no_note");
  return { oldSize, proof, note };
}
