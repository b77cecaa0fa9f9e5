// the parts of verify that need no subject sets: the per-subject change rows (read and grouped by entry) and the
// subject dictionary. On a file database they run on a worker thread with its own read-only connection while
// the main thread replays the sets (they are a third of a full verify at 4 M subjects); in memory, or when the
// built worker is not there (sources under test), they run in line. The caller blocks until they are done. The
// worker writes its problems in the caller's language.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type Database from "better-sqlite3";
import { currentLanguage } from "../../i18n/index.js";
import { type DictionaryStep, verifyDictionary } from "./dictionary.js";
import { type Problem, Problems } from "./problems.js";

export interface SideResult {
  /** change rows grouped by entry: the subjects that entered or left at that entry */
  changes: Map<number, Uint32Array>;
  problems: Problem[];
}

/** Every change row, grouped by entry. */
function readChanges(db: Database.Database): Map<number, Uint32Array> {
  const lists = new Map<number, number[]>();
  const rows = db.prepare("SELECT subject, seq FROM ledger_subject_changes").raw().iterate() as Iterable<
    [number, number]
  >;
  for (const [subject, seq] of rows) {
    const list = lists.get(seq);
    if (list) list.push(subject);
    else lists.set(seq, [subject]);
  }
  return new Map([...lists].map(([seq, list]) => [seq, Uint32Array.from(list)]));
}

/** The side checks on this thread. */
export function sideChecks(db: Database.Database, steps: DictionaryStep[]): SideResult {
  const problems = new Problems();
  verifyDictionary(db, steps, problems);
  return { changes: readChanges(db), problems: problems.list };
}

/** Starts the side checks (on a worker when it can); the returned function waits for their result. */
export function startSideChecks(db: Database.Database, steps: DictionaryStep[]): () => SideResult {
  const file = new URL("./side-worker.js", import.meta.url);
  if (db.memory || !existsSync(fileURLToPath(file))) {
    const result = sideChecks(db, steps);
    return () => result;
  }
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(file, {
    workerData: { file: db.name, steps, done: done.buffer, port: port2, language: currentLanguage() },
    transferList: [port2],
  });
  let failure: Error | undefined;
  worker.on("error", (e) => {
    failure = e;
  });
  return () => {
    // the worker signals through shared memory, so a synchronous verify can wait for it
    while (Atomics.load(done, 0) === 0) Atomics.wait(done, 0, 0, 1000);
    const message = receiveMessageOnPort(port1)?.message as
      | { changes: [number, Uint32Array][]; problems: Problem[]; error?: string }
      | undefined;
    void worker.terminate();
    port1.close();
    if (!message || message.error !== undefined || failure)
      // the worker could not read the database: do the work here rather than report nothing
      return sideChecks(db, steps);
    return { changes: new Map(message.changes), problems: message.problems };
  };
}
