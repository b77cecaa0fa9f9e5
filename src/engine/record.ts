// `ledger record`: a release made outside the gateway goes through the gateway's checks before it is recorded:
// the agreement as it stands (digest, recipient, basis, purposes, fields, transforms, derived key ids), the time
// rules, the volume guards and consent as of its release time. A hold needs a recorded override.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ConsentRegistry } from "../consent/index.js";
import type { Keyring } from "../crypto/keyring.js";
import { ExitCode, JikimiError } from "../errors.js";
import type { Release } from "../ledger/entry.js";
import type { AppendResult, Ledger } from "../ledger/ledger.js";
import { NOT_FOUND, type SubjectDictionary } from "../ledger/subjects/dictionary.js";
import type { SubjectHasher } from "../ledger/subjects/subject-hasher.js";
import type { Workspace } from "../model/workspace.js";
import { consentCommitment } from "./consent-commitment.js";
import { manifestMismatches, planRelease, timeHolds, volumeHolds } from "./release-plan.js";

export interface RecordRequest {
  workspace: Workspace;
  release: Release;
  subjectKeys: string[];
  keyring: Keyring;
  ledger: Ledger;
  consent: ConsentRegistry;
  hasher: SubjectHasher;
  subjects: SubjectDictionary;
  now: Date;
}

/**
 * Checks and records one outside release; throws `bad_manifest` (exit 2) for a contradiction and `held` (exit 3)
 * for a hold without override.
 * @example recordRelease({ workspace, release, subjectKeys, keyring, ledger, consent, hasher, subjects, now: new Date() })
 */
export function recordRelease(req: RecordRequest): AppendResult {
  const id = req.release.agreement.id;
  const doc = req.workspace.agreements.get(id);
  if (!doc)
    throw new JikimiError(
      "bad_manifest",
      `nothing was recorded: there is no agreement "${id}" in the workspace (known: ${[...req.workspace.agreements.keys()].join(", ") || "none"})`,
    );
  const plan = planRelease({
    workspace: req.workspace,
    agreement: id,
    at: new Date(req.release.released_at),
    keyring: req.keyring,
    agreementBytes: readFileSync(join(req.workspace.root, doc.file)),
  });
  const wrong = manifestMismatches(plan, req.release, req.keyring);
  if (wrong.length > 0)
    throw new JikimiError(
      "bad_manifest",
      `nothing was recorded: the manifest contradicts agreement "${id}":\n${wrong.map((w) => `  - ${w}`).join("\n")}\n`,
    );
  const hashes = req.hasher.hashMany(req.subjectKeys);
  const count = req.subjectKeys.length;
  const distinct = new Set<string>();
  for (let i = 0; i < count; i++)
    distinct.add(Buffer.from(hashes.subarray(i * 16, i * 16 + 16)).toString("latin1"));
  const held = [
    ...timeHolds(plan, req.ledger, req.now),
    ...volumeHolds(plan, req.ledger, distinct.size).held,
  ];
  const purpose = plan.agreement.consent?.purpose;
  const committed = purpose ? consentCommitment(req.consent, purpose, plan.declared.released_at) : undefined;
  if (committed) {
    const { indexes } = req.subjects.assign(hashes, count, false);
    let missing = 0;
    for (const i of indexes) if (i === NOT_FOUND || !committed.set.has(i)) missing++;
    if (missing > 0)
      held.push(
        `${missing} of ${count} subjects had not consented to "${purpose}" as of ${plan.declared.released_at}`,
      );
  }
  if (held.length > 0 && req.release.override === undefined)
    throw new JikimiError(
      "held",
      `nothing was recorded; the release is held:\n${held.map((h) => `  - ${h}`).join("\n")}\n  record it anyway only with --override REASON (the reason goes into the entry)\n`,
      { exitCode: ExitCode.held },
    );
  return req.ledger.appendHashes(
    {
      ...req.release,
      scope: plan.declared.scope,
      ...(committed ? { consent: committed.commitment } : {}),
    },
    hashes,
    count,
    req.now,
  );
}
