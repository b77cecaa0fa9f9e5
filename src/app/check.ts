// the check service: loads a workspace's declarations, runs the rules for a day, and records the run in the state
// store (check runs); loading problems come back as data, so each adapter can render them in its own format.
import { diskReader } from "../io/workspace-reader.js";
import { workspaceDigest } from "../model/digest.js";
import type { LoadIssue } from "../model/issues.js";
import { loadWorkspace } from "../model/load.js";
import { checkWorkspace } from "../policy/check.js";
import type { CheckRunStore } from "../ports/check-runs.js";
import { type CheckResult, type Summary, summarise } from "../report/findings/check-result.js";
import { openStateStore } from "../store/open.js";
import { type Environment, readSettings } from "./settings.js";

/** A check of one workspace: its load problems, or its findings with their counts. */
export type CheckOutcome =
  | { loaded: false; workspace: string; issues: LoadIssue[] }
  | { loaded: true; result: CheckResult; counts: Summary; digest: string };

/**
 * Checks the workspace at `root` for the day `at` (YYYY-MM-DD); records nothing.
 * @example const o = checkFolder("./hanbit", "2026-12-01"); if (o.loaded) console.log(o.counts.errors);
 */
export function checkFolder(root: string, at: string): CheckOutcome {
  const reader = diskReader(root);
  const loaded = loadWorkspace(reader);
  if (!loaded.ok) return { loaded: false, workspace: root, issues: loaded.issues };
  const findings = checkWorkspace(loaded.workspace, { at });
  return {
    loaded: true,
    result: { workspace: root, at, agreements: loaded.workspace.agreements.size, findings },
    counts: summarise(findings),
    digest: workspaceDigest(reader),
  };
}

/**
 * Records a check that loaded (its counts, findings and the declarations' digest) as a check run.
 * @example await recordCheck(ws.store.checkRuns, checkFolder(ws.root, today));
 */
export async function recordCheck(
  runs: CheckRunStore,
  outcome: Extract<CheckOutcome, { loaded: true }>,
  startedAt = new Date(),
): Promise<void> {
  await runs.record({
    startedAt: startedAt.toISOString(),
    checkedFor: outcome.result.at,
    workspaceDigest: outcome.digest,
    agreements: outcome.result.agreements,
    ...outcome.counts,
    findingsJson: JSON.stringify(outcome.result.findings),
  });
}

/**
 * Records a check run in the state store of the workspace at `root`, opening only that store (not a whole session:
 * `jikimi check` should not load the ledger, the gateway or the keys to record its counts).
 * @example await recordCheckIn("./hanbit", process.env, outcome);
 */
export async function recordCheckIn(
  root: string,
  env: Environment,
  outcome: Extract<CheckOutcome, { loaded: true }>,
): Promise<void> {
  const store = await openStateStore(readSettings(root, env).store);
  try {
    await recordCheck(store.checkRuns, outcome);
  } finally {
    await store.close();
  }
}
