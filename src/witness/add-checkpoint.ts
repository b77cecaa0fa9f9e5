// the witness's answer to one add-checkpoint request (c2sp.org/tlog-witness), independent of HTTP: 400 malformed,
// 404 unknown origin, 403 no trusted signature verifies, 400 old size above the checkpoint's, 409 (text/x.tlog.size,
// the latest size) when the old size is not the latest or the same size comes with another root, 422 when the
// consistency proof fails, else the checkpoint is stored (compare-and-swap) and then cosigned: 200 with the line.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { verifyConsistency } from "../ledger/merkle/verify-proof.js";
import { parseCheckpoint } from "../ledger/note/checkpoint.js";
import { type NoteVerifier, openNote, splitNote, verifierFromVkey } from "../ledger/note/signed-note.js";
import { parseAddCheckpoint } from "./request.js";
import type { WitnessState } from "./state.js";

/** The content type tlog-witness names for a 409's latest size. */
export const SIZE_CONTENT_TYPE = "text/x.tlog.size";
const TEXT = "text/plain; charset=utf-8";

export interface WitnessReply {
  status: 200 | 400 | 403 | 404 | 409 | 422 | 503;
  body: string;
  contentType: string;
  /** what was asked, for the access log (public parts of the checkpoint only) */
  origin?: string;
  oldSize?: number;
  size?: number;
}

export interface AddCheckpointOptions {
  state: WitnessState;
  /** the clock, in POSIX seconds */
  now?: () => number;
}

const reply = (
  status: WitnessReply["status"],
  body: string,
  extra: Partial<WitnessReply> = {},
): WitnessReply => ({
  status,
  body,
  contentType: TEXT,
  ...extra,
});

/**
 * The add-checkpoint handler over a witness's state: takes the raw request body, returns status and body.
 * @example const add = addCheckpointHandler({ state }); (await add(body)).status // 200
 */
export function addCheckpointHandler(
  options: AddCheckpointOptions,
): (body: Uint8Array) => Promise<WitnessReply> {
  const { state } = options;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const verifiers = new Map<string, NoteVerifier>();
  const verifier = (vkey: string): NoteVerifier => {
    let v = verifiers.get(vkey);
    if (!v) {
      v = verifierFromVkey(vkey);
      verifiers.set(vkey, v);
    }
    return v;
  };

  return async (body) => {
    let request: ReturnType<typeof parseAddCheckpoint>;
    let checkpoint: ReturnType<typeof parseCheckpoint>;
    try {
      request = parseAddCheckpoint(body);
      checkpoint = parseCheckpoint(splitNote(request.note).text);
    } catch (e) {
      if (e instanceof JikimiError) return reply(400, `${e.message}\n`);
      throw e;
    }
    const { origin, size, root } = checkpoint;
    const { oldSize, proof, note } = request;
    const asked = { origin, oldSize, size };
    const keys = await state.logKeys(origin);
    if (keys.length === 0) return reply(404, `${t("witness.http.unknown_origin")}\n`, asked);
    try {
      openNote(note, keys.map(verifier));
    } catch (e) {
      if (e instanceof JikimiError) return reply(403, `${t("witness.http.no_trusted_signature")}\n`, asked);
      throw e;
    }
    if (oldSize > size) return reply(400, `${t("witness.http.old_size_larger")}\n`, asked);
    let outcome: Awaited<ReturnType<WitnessState["advance"]>>;
    try {
      outcome = await state.advance(origin, oldSize, size, root, (oldRoot) =>
        verifyConsistency(oldSize, size, oldRoot, root, proof),
      );
    } catch (e) {
      if (e instanceof JikimiError && e.code === "witness_busy")
        return reply(503, `${t("witness.http.busy")}\n`, asked);
      throw e;
    }
    switch (outcome.kind) {
      case "stale":
        return { ...reply(409, `${outcome.latest}\n`, asked), contentType: SIZE_CONTENT_TYPE };
      case "root_mismatch":
        await state.recordEvidence(origin, "root_mismatch", Buffer.from(body).toString("utf8"));
        return { ...reply(409, `${outcome.latest}\n`, asked), contentType: SIZE_CONTENT_TYPE };
      case "inconsistent":
        await state.recordEvidence(origin, "inconsistent", Buffer.from(body).toString("utf8"));
        return reply(422, `${t("witness.http.inconsistent")}\n`, asked);
      case "advanced": {
        const line = state.cosigner.cosign(splitNote(note).text, now());
        return reply(200, `${line}\n`, asked);
      }
    }
  };
}
