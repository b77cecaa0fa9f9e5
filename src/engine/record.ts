// `ledger record`: a release made outside the gateway goes through the gateway's checks before it is recorded:
// the agreement as it stands (digest, recipient, basis, purposes, fields, transforms, derived key ids), the time
// rules, the volume guards and consent as of its release time. A hold needs a recorded override.
import type { ConsentRegistry } from "../consent/index.js";
import type { Keyring } from "../crypto/keyring.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { WorkspaceReader } from "../io/workspace-reader.js";
import type { Release } from "../ledger/entry.js";
import type { AppendResult, Ledger } from "../ledger/ledger.js";
import { NOT_FOUND } from "../ledger/subjects/dictionary.js";
import type { SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { Workspace } from "../model/workspace.js";
import { agreementBytes } from "./agreement-bytes.js";
import { consentCommitment } from "./consent-commitment.js";
import { heldRelease, manifestMismatches, planRelease } from "./release-plan.js";
import { describeHold, type Hold, timeGuards, volumeGuards } from "./share/gates/index.js";

export interface RecordRequest {
  workspace: Workspace;
  /** the workspace's files: the agreement's bytes give the entry's digest (default: the workspace folder) */
  reader?: WorkspaceReader;
  release: Release;
  subjectKeys: string[];
  keyring: Keyring;
  ledger: Ledger;
  consent: ConsentRegistry;
  hasher: SubjectHasher;
  now: Date;
}

/**
 * Checks and records one outside release; throws `bad_manifest` (exit 2) for a contradiction and `held` (exit 3)
 * for a hold without override.
 * @example await recordRelease({ workspace, release, subjectKeys, keyring, ledger, consent, hasher, now: new Date() })
 */
export async function recordRelease(req: RecordRequest): Promise<AppendResult> {
  const release = namesInNfc(req.release);
  const id = release.agreement.id;
  const doc = req.workspace.agreements.get(id);
  if (!doc)
    throw new JikimiError(
      "bad_manifest",
      t("engine.record.unknown_agreement", {
        id,
        known: [...req.workspace.agreements.keys()].join(", ") || t("engine.share.none"),
      }),
    );
  const plan = planRelease({
    workspace: req.workspace,
    agreement: id,
    at: new Date(release.released_at),
    keyring: req.keyring,
    agreementBytes: agreementBytes(req.workspace, doc.file, req.reader),
  });
  const wrong = manifestMismatches(plan, release, req.keyring);
  if (wrong.length > 0)
    throw new JikimiError(
      "bad_manifest",
      t("engine.record.contradicts", { id, list: wrong.map((w) => `  - ${w}`).join("\n") }),
    );
  const hashes = req.hasher.hashMany(req.subjectKeys);
  const count = req.subjectKeys.length;
  const distinct = new Set<string>();
  for (let i = 0; i < count; i++)
    distinct.add(Buffer.from(hashes.subarray(i * 16, i * 16 + 16)).toString("latin1"));
  const holds: Hold[] = [
    ...(await timeGuards(plan, req.ledger, req.now)),
    ...(await volumeGuards(plan, req.ledger, distinct.size)).holds,
  ];
  const purpose = plan.agreement.consent?.purpose;
  const committed = purpose
    ? await consentCommitment(req.consent, purpose, plan.declared.released_at)
    : undefined;
  if (purpose && committed) {
    const indexes = await req.ledger.indexesOf(hashes, count);
    let missing = 0;
    for (const i of indexes) if (i === NOT_FOUND || !committed.set.has(i)) missing++;
    if (missing > 0)
      holds.push({
        code: "no_consent",
        measured: missing,
        limit: 0,
        purpose,
        subjects: count,
        as_of: plan.declared.released_at,
      });
  }
  if (holds.length > 0 && release.override === undefined) {
    // the hold is recorded, signed, as the gateway's are; then refused
    const hold = await req.ledger.recordHold(
      heldRelease(plan.declared, {
        holds,
        subjects: distinct.size,
        operator: release.operator,
        channel: release.channel,
      }),
      req.now,
    );
    const list = holds.map((h) => `  - ${describeHold(h)}`).join("\n");
    throw new JikimiError("held", t("engine.record.held", { list, seq: hold.seq }));
  }
  return await req.ledger.appendHashes(
    {
      ...release,
      scope: plan.declared.scope,
      ...(committed ? { consent: committed.commitment } : {}),
      ...(holds.length > 0 ? { overridden: holds } : {}),
      ...(plan.declared.findings ? { findings: plan.declared.findings } : {}),
    },
    hashes,
    count,
    req.now,
  );
}

/** The manifest with its names (agreement, recipient, purposes, fields) in NFC, as declared names are. */
function namesInNfc(r: Release): Release {
  const nfc = (s: string) => s.normalize("NFC");
  return {
    ...r,
    agreement: { ...r.agreement, id: nfc(r.agreement.id) },
    recipient: { ...r.recipient, id: nfc(r.recipient.id) },
    purposes: r.purposes.map(nfc),
    fields: r.fields.map((f) => ({ ...f, name: nfc(f.name) })),
  };
}
