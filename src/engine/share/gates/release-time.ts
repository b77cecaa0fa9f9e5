// guard: the ledger's time rules for a release time (not in the future, not before the agreement's previous
// release, within the back-dating window); the ledger decides and words them, as its append refuses the same.
import type { Ledger } from "../../../ledger/ledger.js";
import type { Hold } from "./hold.js";

/** The ledger's time holds for a release of `agreement` at `releasedAt`. */
export async function releaseTimeGuard(
  ledger: Pick<Ledger, "timeHolds">,
  agreement: string,
  releasedAt: string,
  now: Date,
): Promise<Hold[]> {
  const reasons = await ledger.timeHolds(agreement, releasedAt, now);
  return reasons.map((reason) => ({
    code: "release_time",
    measured: releasedAt,
    limit: now.toISOString(),
    reason,
  }));
}
