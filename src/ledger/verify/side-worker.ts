// a worker thread of verify: opens the state store read-only from its locator, runs the side checks (side.ts) in
// one read, and posts the result. Its messages are in the language of the verify that started it.
import { parentPort, workerData } from "node:worker_threads";
import { type Language, setLanguage } from "../../i18n/index.js";
import type { StoreLocator } from "../../ports/state-store.js";
import { openLedgerReader } from "../../store/open-reader.js";
import type { DictionaryStep } from "./dictionary.js";
import { type SideMessage, sideChecks } from "./side.js";

const { locator, steps, from, language } = workerData as {
  locator: StoreLocator;
  steps: DictionaryStep[];
  from: number;
  language: Language;
};
setLanguage(language);

async function run(): Promise<SideMessage> {
  const reader = await openLedgerReader(locator);
  try {
    const { changes, problems } = await reader.store.read((tx) => sideChecks(tx, steps, from));
    return { changes: [...changes], problems };
  } finally {
    await reader.close();
  }
}

run().then(
  (message) =>
    parentPort?.postMessage(
      message,
      message.changes.map(([, a]) => a.buffer as ArrayBuffer),
    ),
  (e: unknown) =>
    parentPort?.postMessage({
      changes: [],
      problems: [],
      error: e instanceof Error ? e.name : "error",
    } satisfies SideMessage),
);
