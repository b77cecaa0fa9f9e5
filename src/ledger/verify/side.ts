// the parts of verify that need no subject sets: the per-subject change rows (read and grouped by entry) and the
// subject dictionary. Given where the store is (a StoreLocator), they run on a worker thread with its own
// read-only connection while the main thread replays the sets (they are a third of a full verify at 4 M
// subjects); in memory, without a locator, or when the built worker is not there (sources under test), they run
// in line, before the caller goes on (one connection reads one statement at a time). The worker writes its
// problems in the caller's language.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { workerFile } from "../../built.js";
import { currentLanguage } from "../../i18n/index.js";
import type { LedgerReads } from "../../ports/ledger.js";
import type { StoreLocator } from "../../ports/state-store.js";
import { type DictionaryStep, verifyDictionary } from "./dictionary.js";
import { type Problem, Problems } from "./problems.js";

export interface SideResult {
  /** change rows grouped by entry: the subjects that entered or left at that entry */
  changes: Map<number, Uint32Array>;
  problems: Problem[];
}

/** What the worker posts back. */
export interface SideMessage {
  changes: [number, Uint32Array][];
  problems: Problem[];
  error?: string;
}

/** Every change row of entries `from` onward, grouped by entry. */
async function readChanges(tx: LedgerReads, from: number): Promise<Map<number, Uint32Array>> {
  const lists = new Map<number, number[]>();
  for await (const { count, subjects, seqs } of tx.changes(from))
    for (let i = 0; i < count; i++) {
      const seq = seqs[i] as number;
      const list = lists.get(seq);
      if (list) list.push(subjects[i] as number);
      else lists.set(seq, [subjects[i] as number]);
    }
  return new Map([...lists].map(([seq, list]) => [seq, Uint32Array.from(list)]));
}

/** The side checks on this thread; `from` > 0: only what entries `from` onward added (an incremental verify). */
export async function sideChecks(tx: LedgerReads, steps: DictionaryStep[], from = 0): Promise<SideResult> {
  const problems = new Problems();
  await verifyDictionary(tx, steps, problems, from);
  return { changes: await readChanges(tx, from), problems: problems.list };
}

/** A store a worker thread can open again: a SQLite file (not `:memory:`) or a PostgreSQL URL. */
function reopenable(locator: StoreLocator | undefined): locator is StoreLocator {
  return locator !== undefined && (locator.dialect === "postgres" || locator.file !== ":memory:");
}

/**
 * Starts the side checks (on a worker when it can); the returned function waits for their result. `tx` is the
 * caller's read: the worker's result is used, or, should the worker fail, the checks run again over `tx`.
 */
export async function startSideChecks(
  tx: LedgerReads,
  steps: DictionaryStep[],
  locator: StoreLocator | undefined,
  from = 0,
): Promise<() => Promise<SideResult>> {
  const file = workerFile("ledger/verify/side-worker.js");
  if (!reopenable(locator) || !existsSync(fileURLToPath(file))) {
    const result = await sideChecks(tx, steps, from);
    return async () => result;
  }
  const worker = new Worker(file, { workerData: { locator, steps, from, language: currentLanguage() } });
  const message = new Promise<SideMessage | undefined>((resolve) => {
    worker.once("message", (m: SideMessage) => resolve(m));
    worker.once("error", () => resolve(undefined));
    worker.once("exit", () => resolve(undefined));
  });
  return async () => {
    const m = await message;
    void worker.terminate();
    if (!m || m.error !== undefined)
      // the worker could not read the store: do the work here rather than report nothing
      return sideChecks(tx, steps, from);
    return { changes: new Map(m.changes), problems: m.problems };
  };
}
