// a ledger write the state store could not make (a full disk, an I/O error, a lost connection), told apart from
// any other failure so the run ends in one clear error naming the store.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";

/** The storage layer's codes for a write that did not happen. */
const STORE_FAILURES = new Set(["store_write_failed", "store_connection_lost"]);

/** The code of a store write failure (the driver's own code when the store kept it as the cause), or undefined. */
export function storeFailureCode(e: unknown): string | undefined {
  if (e instanceof JikimiError && STORE_FAILURES.has(e.code)) {
    const cause = (e.cause as { code?: unknown } | undefined)?.code;
    return typeof cause === "string" ? cause : e.code;
  }
  return undefined;
}

/**
 * Runs a ledger write; a store that cannot take it becomes `ledger_write_failed` naming `location`.
 * @example const entry = await writeOrExplain(state.location, () => ledger.appendHashes(...));
 */
export async function writeOrExplain<T>(
  location: string | undefined,
  write: () => T | Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const code = storeFailureCode(e);
    if (code === undefined) throw e;
    throw new JikimiError(
      "ledger_write_failed",
      t("engine.share.ledger_write_failed", { path: location ?? t("engine.share.state_store"), code }),
      { hint: t("engine.share.ledger_write_failed_hint"), cause: e },
    );
  }
}
