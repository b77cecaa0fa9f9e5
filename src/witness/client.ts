// the log side of c2sp.org/tlog-witness: send a signed checkpoint with a consistency proof to every witness of a
// policy at once, retry a 409 once from the size the witness returns, verify each returned cosignature, and tell a
// refusal that means the log was rewritten (fork) from a witness that is only unreachable.
import { t } from "../i18n/index.js";
import { parseCheckpoint } from "../ledger/note/checkpoint.js";
import { splitNote } from "../ledger/note/signed-note.js";
import { verifyCosignatures } from "./cosignature.js";
import { type ResolvedWitness, resolvePolicy, type WitnessPolicy } from "./policy.js";
import { formatAddCheckpoint } from "./request.js";

const MAX_RESPONSE_BYTES = 64 * 1024;

export interface CollectedCosignature {
  witness: string;
  /** POSIX seconds, as the witness signed it */
  time: number;
  line: string;
}

export interface WitnessFailure {
  witness: string;
  reason: string;
  /** true when the refusal means the log's history was rewritten or rolled back: stop loudly */
  fork: boolean;
}

export interface Collected {
  /** the note with the verified cosignature lines appended */
  note: string;
  cosignatures: CollectedCosignature[];
  /** per witness, the size it holds for this log as far as its answer tells (else the known one) */
  sizes: Map<string, number>;
  met: boolean;
  failures: WitnessFailure[];
}

type Outcome =
  | { ok: true; cosignature: CollectedCosignature; size: number }
  | { ok: false; reason: string; fork: boolean; size?: number };

const fail = (reason: string, fork: boolean, size?: number): Outcome =>
  size === undefined ? { ok: false, reason, fork } : { ok: false, reason, fork, size };

/**
 * Sends a signed checkpoint note to every witness; `proof(oldSize)` gives the consistency proof from oldSize to the
 * note's size; `known` holds the size each witness last cosigned (0 when none). A 409 is retried once with the
 * size the witness returns.
 * @example const r = await collectCosignatures(note, policy, (old) => tree.consistencyProof(old, size), known);
 */
export async function collectCosignatures(
  note: string,
  policy: WitnessPolicy,
  proof: (oldSize: number) => Uint8Array[] | Promise<Uint8Array[]>,
  known: ReadonlyMap<string, number>,
): Promise<Collected> {
  const resolved = resolvePolicy(policy);
  const { text } = splitNote(note);
  const { size } = parseCheckpoint(text);
  const outcomes = await Promise.all(
    resolved.witnesses.map((w) =>
      ask(w, note, text, size, proof, known.get(w.name) ?? 0, resolved.timeoutMs),
    ),
  );
  const cosignatures: CollectedCosignature[] = [];
  const failures: WitnessFailure[] = [];
  const sizes = new Map<string, number>();
  let signed = note;
  resolved.witnesses.forEach((w, i) => {
    const o = outcomes[i] as Outcome;
    sizes.set(w.name, o.size ?? known.get(w.name) ?? 0);
    if (o.ok) {
      cosignatures.push(o.cosignature);
      if (!signed.includes(`\n${o.cosignature.line}\n`)) signed += `${o.cosignature.line}\n`;
    } else failures.push({ witness: w.name, reason: o.reason, fork: o.fork });
  });
  return { note: signed, cosignatures, sizes, met: cosignatures.length >= resolved.quorum, failures };
}

async function ask(
  w: ResolvedWitness,
  note: string,
  text: string,
  size: number,
  proof: (oldSize: number) => Uint8Array[] | Promise<Uint8Array[]>,
  known: number,
  timeoutMs: number,
): Promise<Outcome> {
  let oldSize = known;
  for (let attempt = 0; ; attempt++) {
    if (oldSize > size) return fail(t("witness.client.larger", { cosigned: oldSize, size }), true, oldSize);
    let hashes: Uint8Array[];
    try {
      hashes = oldSize === 0 || oldSize === size ? [] : await proof(oldSize);
    } catch (e) {
      return fail(t("witness.client.no_proof", { size: oldSize, reason: (e as Error).message }), false);
    }
    const body = formatAddCheckpoint({ oldSize, proof: hashes, note });
    let res: { status: number; contentType: string; body: string };
    try {
      res = await post(w.endpoint, body, timeoutMs);
    } catch (e) {
      return fail(unreachable(e, timeoutMs), false);
    }
    switch (res.status) {
      case 200:
        return cosigned(w, text, size, res.body);
      case 409: {
        const m = /^(0|[1-9][0-9]*)\n$/.exec(res.body);
        const latest = m ? Number(m[1]) : Number.NaN;
        if (!res.contentType.startsWith("text/x.tlog.size") || !Number.isSafeInteger(latest))
          return fail(t("witness.client.no_size"), false);
        if (latest > size) return fail(t("witness.client.larger", { cosigned: latest, size }), true, latest);
        if (latest === oldSize) return fail(t("witness.client.other_root", { size: latest }), true, latest);
        if (attempt > 0) return fail(t("witness.client.moved", { size: latest }), false, latest);
        oldSize = latest;
        continue;
      }
      case 422:
        return fail(t("witness.client.inconsistent", { size: oldSize }), true, oldSize);
      case 403:
        return fail(t("witness.client.forbidden"), true);
      case 404:
        return fail(t("witness.client.unknown_log"), false);
      default:
        return fail(t("witness.client.http", { status: res.status }), false);
    }
  }
}

function cosigned(w: ResolvedWitness, text: string, size: number, body: string): Outcome {
  try {
    const check = verifyCosignatures(`${text}\n${body}`, [w.vkey], 1, { now: Math.floor(Date.now() / 1000) });
    const c = check.cosigned[0];
    if (!c) return fail(t("witness.client.no_cosignature"), false);
    return { ok: true, cosignature: { witness: w.name, time: c.time, line: c.line }, size };
  } catch (e) {
    return fail(t("witness.client.bad_cosignature", { reason: (e as Error).message }), false);
  }
}

function unreachable(e: unknown, timeoutMs: number): string {
  if (e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError"))
    return t("witness.client.timeout", { ms: timeoutMs });
  const cause = e instanceof Error ? (e.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return t("witness.client.unreachable", { reason: cause.code });
  return t("witness.client.unreachable", {
    reason: e instanceof Error ? e.message : t("witness.client.error"),
  });
}

async function post(
  url: string,
  body: string,
  timeoutMs: number,
): Promise<{ status: number; contentType: string; body: string }> {
  const res = await fetch(url, {
    method: "POST",
    body,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
    redirect: "error",
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", body: await capped(res) };
}

/** Reads at most MAX_RESPONSE_BYTES of a response: a witness's answer is a few lines. */
async function capped(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw new Error(t("witness.client.too_large", { max: MAX_RESPONSE_BYTES }));
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
