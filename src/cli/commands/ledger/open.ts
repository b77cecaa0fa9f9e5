// shared by the ledger verbs: open the workspace state; each verb takes -w and --format.
import type { Command } from "commander";
import { consentCheck, type VerifyOptions } from "../../../public/ledger.js";
import type { WorkspaceSession } from "../../../public/workspace.js";
import { formatOption } from "../../convention.js";
import { workspaceOption } from "../../options.js";
import { withWorkspace } from "../../workspace.js";

export interface LedgerOptions {
  workspace?: string;
}

/** Adds -w and --format to a ledger verb. */
export function ledgerVerb(parent: Command, name: string, description: string): Command {
  return formatOption(workspaceOption(parent.command(name)).description(description));
}

/** Runs `fn` with the workspace open, closing it afterwards. */
export function withState<T>(
  opts: LedgerOptions,
  fn: (state: WorkspaceSession) => T | Promise<T>,
): Promise<T> {
  return withWorkspace(opts, fn);
}

/** The ledger-signing public keys by key id: what verify trusts (the log key file's and any left in the keyring). */
export function trustedKeys(state: WorkspaceSession): Map<string, string> {
  const trusted = new Map<string, string>();
  for (const k of state.logKeys.all()) if (k.public) trusted.set(k.id, k.public);
  return trusted;
}

/** What `ledger verify` and `ledger publish` check beyond the log: consent, receipts roots, witness cosignatures. */
export function verifyOptions(state: WorkspaceSession, receipts: "latest" | "all" = "latest"): VerifyOptions {
  return {
    consent: consentCheck(state.store.consent),
    receiptKey: (seq) => state.hasher.receiptKey(seq),
    receipts,
    witnesses: state.settings.witnesses.map((w) => w.vkey),
    // verify's side checks open their own reader of the same store on a worker thread
    locator: state.store.locator,
  };
}
