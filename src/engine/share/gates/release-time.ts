// guard: the ledger's time rules for a release time (not in the future, not before the agreement's previous
// release, within the back-dating window); the ledger decides them, as its append refuses the same.
import type { Ledger } from "../../../ledger/ledger.js";
import type { Hold } from "./hold.js";

/** The ledger's time holds for a release of `agreement` at `releasedAt`. */
export function releaseTimeGuard(
  ledger: Pick<Ledger, "timeHolds">,
  agreement: string,
  releasedAt: string,
  now: Date,
): Promise<Hold[]> {
  return ledger.timeHolds(agreement, releasedAt, now);
}
