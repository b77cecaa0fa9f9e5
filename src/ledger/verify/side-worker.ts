// a worker thread of verify: opens the state database read-only and runs the side checks (side.ts), then posts
// the result on its port and signals through shared memory. Its messages are in the language of the verify that
// started it.
import { type MessagePort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { type Language, setLanguage } from "../../i18n/index.js";
import type { DictionaryStep } from "./dictionary.js";
import { sideChecks } from "./side.js";

const { file, steps, done, port, language } = workerData as {
  file: string;
  steps: DictionaryStep[];
  done: SharedArrayBuffer;
  port: MessagePort;
  language: Language;
};
setLanguage(language);
const flag = new Int32Array(done);
try {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { changes, problems } = sideChecks(db, steps);
    const list = [...changes];
    port.postMessage(
      { changes: list, problems },
      list.map(([, a]) => a.buffer as ArrayBuffer),
    );
  } finally {
    db.close();
  }
} catch (e) {
  port.postMessage({ changes: [], problems: [], error: e instanceof Error ? e.name : "error" });
}
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
