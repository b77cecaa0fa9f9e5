// the guards and gates of a release, in the order a run meets them: time (before a row is read), volume (on the
// distinct subjects), risk and the hash audit (on the released values). Each returns holds as data.
import type { Ledger } from "../../../ledger/ledger.js";
import type { Agreement } from "../../../model/workspace.js";
import type { RiskReport } from "../../../risk/index.js";
import type { ReleasePlan } from "../../release-plan.js";
import type { Hold } from "./hold.js";
import { maxGrowthGuard } from "./max-growth.js";
import { maxSubjectsGuard } from "./max-subjects.js";
import { minKGate } from "./min-k.js";
import { perDayGuard } from "./per-day.js";
import { uniqueShareGate } from "./unique-share.js";
import { validityGuard } from "./validity.js";

export { type DigestFinding, digestGate } from "./digests.js";
export { describeHold, type Hold } from "./hold.js";

const present = (h: Hold | undefined): h is Hold => h !== undefined;

/** Holds known before the data is read: validity on the release day and the ledger's time rules. */
export async function timeGuards(
  plan: ReleasePlan,
  ledger: Pick<Ledger, "timeHolds">,
  now: Date,
): Promise<Hold[]> {
  const day = plan.declared.released_at.slice(0, 10);
  return [
    validityGuard(plan.agreement, day),
    // the ledger's time rules (not in the future, not before the previous release, within the back-dating
    // window): it decides them, as its append refuses the same
    ...(await ledger.timeHolds(plan.agreement.id, plan.declared.released_at, now)),
  ].filter(present);
}

/** The volume guards of an agreement against a release of `subjects` people; `previous` is the last release's. */
export async function volumeGuards(
  plan: ReleasePlan,
  ledger: Pick<Ledger, "releases">,
  subjects: number,
): Promise<{ holds: Hold[]; previous?: number }> {
  const v = plan.agreement.volume;
  const day = plan.declared.released_at.slice(0, 10);
  // one read of the latest releases serves both the growth and the per-day guard
  const recent = await ledger.releases({
    agreement: plan.agreement.id,
    limit: (v?.max_releases_per_day ?? 0) + 1,
  });
  const previous = recent[0]?.subjects.count;
  const sameDay = recent.filter((e) => e.released_at.slice(0, 10) === day).length;
  const holds = [
    maxSubjectsGuard(subjects, v?.max_subjects),
    maxGrowthGuard(subjects, previous, v?.max_growth),
    perDayGuard(sameDay, day, v?.max_releases_per_day),
  ].filter(present);
  return previous === undefined ? { holds } : { holds, previous };
}

/** The re-identification gates over the released file's figures. */
export function riskGates(limits: NonNullable<Agreement["risk"]>, r: RiskReport): Hold[] {
  return [minKGate(limits, r), uniqueShareGate(limits, r)].filter(present);
}
