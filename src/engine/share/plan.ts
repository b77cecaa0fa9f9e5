// room 2, plan: what this release must be, decided before a row is read: the agreement (refused with check
// errors), the phase valid at `at`, derived keys, the entry's declared part, and consent as of the release time.

import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import type { ConsentCommitment } from "../../ledger/entry.js";
import type { RoaringBitmap32 } from "../../ledger/subjects/roaring.js";
import type { Dataset } from "../../model/dataset.js";
import { agreementBytes } from "../agreement-bytes.js";
import { consentCommitment } from "../consent-commitment.js";
import { planRelease, type ReleasePlan } from "../release-plan.js";
import type { ReleaseContext } from "./types.js";

/** A release's plan with what the run reads from the workspace. */
export interface SharePlan {
  plan: ReleasePlan;
  dataset: Dataset;
  /** the dataset's declaration file, for messages */
  datasetFile: string;
  /** consent as of released_at, with what the entry commits to (the chain head it was computed from) */
  consent?: { set: RoaringBitmap32; commitment: ConsentCommitment };
}

/**
 * Plans the release of `req.agreement`; throws for an unknown agreement, check errors (exit 1) or a missing dataset.
 * @example const p = await planShare(req); p.plan.declared.released_at
 */
export async function planShare(req: ReleaseContext): Promise<SharePlan> {
  // names typed on a command line may come decomposed (NFD); declared ids are NFC
  const id = req.agreement.normalize("NFC");
  const doc = req.workspace.agreements.get(id);
  if (!doc)
    throw new JikimiError("unknown_agreement", t("engine.share.unknown_agreement", { id }), {
      hint: t("engine.share.see_agreements"),
    });
  // one plan for the gateway and `ledger record`: check errors refuse, the phase at released_at, derived keys
  const plan = planRelease({
    workspace: req.workspace,
    agreement: id,
    at: req.at,
    keyring: req.keyring,
    agreementBytes: agreementBytes(req.workspace, doc.file, req.reader),
  });
  const a = plan.agreement;
  const declared = req.workspace.datasets.get(a.dataset);
  if (!declared) throw new JikimiError("workspace_incomplete", t("engine.share.no_dataset"));
  const consent = a.consent
    ? await consentCommitment(req.consent, a.consent.purpose, plan.declared.released_at)
    : undefined;
  return {
    plan,
    dataset: declared.value,
    datasetFile: declared.file,
    ...(consent ? { consent } : {}),
  };
}
