// the consent a release applies, as the ledger entry commits to it: the as-of set of the agreement's purpose,
// its digest and the consent chain's state it was computed from (verify recomputes it from the events).
import {
  type ConsentRegistry,
  ConsentReplayer,
  type ConsentVerified,
  consentHeadAt,
  consentSetFromSnapshot,
  consentVerified,
} from "../consent/index.js";
import { t } from "../i18n/index.js";
import type { ConsentCommitment, ReleaseBody } from "../ledger/entry.js";
import type { RoaringBitmap32 } from "../ledger/subjects/roaring.js";
import type { Problem } from "../ledger/verify.js";
import type { ConsentStore } from "../ports/consent.js";

/**
 * The as-of set of `purpose` a release applies, with the commitment its ledger entry records.
 * @example const { set, commitment } = await consentCommitment(registry, "nsf-provision", "2024-06-01T00:00:00Z");
 */
export async function consentCommitment(
  registry: ConsentRegistry,
  purpose: string,
  asOf: string,
): Promise<{ set: RoaringBitmap32; commitment: ConsentCommitment }> {
  const c = await registry.asOfCommitted(purpose, asOf);
  return {
    set: c.set,
    commitment: { purpose, as_of: asOf, events: c.events, head: c.head, count: c.set.size, digest: c.digest },
  };
}

const CHAIN_TABLES = "consent chain: consent_events, consent_batches, consent_purposes, consent_sources";

/** An incremental consent check, and where a passing check's state goes. */
export interface ConsentCheckOptions {
  /** the registry's state a passing verify saved: only what was recorded since is read */
  since?: ConsentVerified | undefined;
  /** given the state this check reached (the caller saves it when the whole verify passes) */
  verified?: (state: ConsentVerified) => void;
}

/**
 * The consent part of `ledger verify`, in one read transaction: the registry's own chain and snapshots, then each
 * release's commitment (the chain head it names must be the stored head after that many events, and its as-of
 * set must equal the set recomputed from those events alone). Incremental (`since`): the chain and snapshots from
 * the saved state on, and each release's set from the latest snapshot this check verified, where one serves.
 * @example await verifyLedger(ledger, trusted, { consent: consentCheck(state.consent) })
 */
export function consentCheck(
  store: ConsentStore,
  options: ConsentCheckOptions = {},
): (releases: ReadonlyMap<number, ReleaseBody>) => Promise<Problem[]> {
  return (releases) =>
    store.read(async (tx) => {
      const out: Problem[] = [];
      const { problems, state, checked } = await consentVerified(tx, options.since);
      for (const p of problems)
        out.push({
          kind: "consent_changed",
          place: p.kind === "snapshot_changed" ? "consent_snapshots" : CHAIN_TABLES,
          message: p.message,
        });
      const replayers = new Map<string, ConsentReplayer>();
      const ids = new Map<string, number | undefined>();
      for (const [seq, body] of [...releases].sort((x, y) => x[0] - y[0])) {
        const c = body.consent;
        if (!c) continue;
        if ((await consentHeadAt(tx, c.events)) !== c.head)
          out.push({
            kind: "consent_changed",
            seq,
            place: CHAIN_TABLES,
            message: t("engine.consent.head_gone", { seq, events: c.events }),
          });
        // a few releases since a verified state: from a snapshot just checked; many: one replay walking forward
        if (options.since && !ids.has(c.purpose)) ids.set(c.purpose, await tx.nameId("purpose", c.purpose));
        const id = ids.get(c.purpose);
        const snapshots = id === undefined ? undefined : checked.get(id);
        let got =
          id !== undefined && snapshots
            ? await consentSetFromSnapshot(tx, id, snapshots, c.as_of, c.events)
            : undefined;
        if (!got) {
          let replayer = replayers.get(c.purpose);
          if (!replayer) {
            replayer = new ConsentReplayer(tx, c.purpose);
            replayers.set(c.purpose, replayer);
          }
          got = await replayer.setAt(c.as_of, c.events);
        }
        if (got.digest !== c.digest || got.size !== c.count)
          out.push({
            kind: "consent_changed",
            seq,
            place: CHAIN_TABLES,
            message: t("engine.consent.set_differs", {
              seq,
              purpose: c.purpose,
              at: c.as_of,
              count: c.count,
              got: got.size,
            }),
          });
      }
      options.verified?.(state);
      return out;
    });
}
