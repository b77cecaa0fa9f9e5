// the share service: one release of an agreement through the gateway, composed from the workspace session (its
// declarations, keys, ledger, consent registry, witnesses and run locks); the adapter brings the source, the sink
// and the signal, the only things that differ between the CLI, the server and a worker.
import type { RunLocks } from "../engine/share/ports.js";
import type { ShareRequest, ShareResult } from "../engine/share/types.js";
import { share } from "../engine/share.js";
import { processLocks } from "../io/run-locks.js";
import type { Witnessed } from "../witness/log-side.js";
import { shareWitnessing } from "./checkpoints.js";
import { type Declarations, loadDeclarations } from "./declarations.js";
import type { WorkspaceSession } from "./workspace.js";

/** What an adapter gives for one release; the rest comes from the workspace. */
export type ShareCall = Pick<
  ShareRequest,
  | "agreement"
  | "source"
  | "sink"
  | "at"
  | "operator"
  | "dryRun"
  | "override"
  | "signal"
  | "threads"
  | "onProgress"
  | "now"
  | "maxLineBytes"
> & {
  /** the workspace's declarations when the adapter has loaded them already (default: read from its folder) */
  declarations?: Declarations;
  /** makes runs of one agreement exclusive (default: the workspace's lock files, `.jikimi/locks`) */
  locks?: RunLocks;
  /** hears of a checkpoint the witnesses did not cosign up to the quorum after the append */
  onWitnessShort?: (w: Witnessed) => void;
};

/**
 * Runs one release of the workspace's agreement `call.agreement`.
 * @example const r = await shareRelease(ws, { agreement: "nsf-credit-feed", source, sink, locks, at, operator });
 */
export async function shareRelease(ws: WorkspaceSession, call: ShareCall): Promise<ShareResult> {
  const { onWitnessShort, locks, declarations, ...given } = call;
  return share({
    ...given,
    ...sessionParts(ws, declarations, onWitnessShort ?? (() => {})),
    locks: locks ?? processLocks(ws.root),
  });
}

/** What every release takes from the session: declarations, keys, ledger, consent, the store's name, witnesses. */
export function sessionParts(
  ws: WorkspaceSession,
  declarations: Declarations | undefined,
  onWitnessShort: (w: Witnessed) => void,
) {
  const { reader, workspace } = declarations ?? loadDeclarations(ws.root);
  const witness = shareWitnessing(ws, onWitnessShort);
  return {
    workspace,
    reader,
    stateLocation: ws.store.location,
    outputMode: ws.settings.outputMode,
    keyring: ws.keyring,
    signer: ws.logKeys.signer(),
    ledger: ws.ledger(),
    consent: ws.consent(),
    hasher: ws.hasher,
    ...(witness === undefined ? {} : { witness }),
  };
}
