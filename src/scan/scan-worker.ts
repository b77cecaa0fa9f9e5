// a worker thread of `scanFile` on a large CSV: counts the record-aligned blocks the main thread sends with its own
// ColumnScanner (the same detectors and tables) and answers with each block's counts and digest windows, which the
// main thread merges in file order. Values cross threads only inside this process, never into a message or error.
import { Buffer } from "node:buffer";
import { parentPort, workerData } from "node:worker_threads";
import { type Language, setLanguage } from "../i18n/index.js";
import { serveBlocks } from "../io/records/block-threads.js";
import { CsvReader } from "../io/records/csv-reader.js";
import { ColumnScanner, type ScannerPart } from "./scan.js";

/** What the worker starts with: the file's header line (bytes), its name for messages, the caller's language. */
export interface ScanWorkerInit {
  header: Uint8Array;
  name: string;
  language: Language;
}

/** A block's counts. */
export interface ScanReply {
  rows: number;
  bad: number;
  part: ScannerPart;
}

/** 64 KB at a time, so a block's field strings die young (as readCsv does). */
const SLICE = 64 << 10;

const port = parentPort;
if (port !== null) {
  const init = workerData as ScanWorkerInit;
  setLanguage(init.language);
  const header = Buffer.from(init.header);
  const scanner = new ColumnScanner();
  serveBlocks(port, (bytes): ScanReply => {
    const reader = new CsvReader({ name: init.name });
    let rows = 0;
    let bad = 0;
    const take = (batches: ReturnType<CsvReader["push"]>) => {
      for (const batch of batches) {
        scanner.columns(batch.columns);
        scanner.add(batch.rows, batch.rows.length);
        rows += batch.rows.length;
        bad += batch.bad.length;
      }
    };
    take(reader.push(header));
    for (let at = 0; at < bytes.length; at += SLICE) take(reader.push(bytes.subarray(at, at + SLICE)));
    take(reader.end());
    return { rows, bad, part: scanner.drain() };
  });
}
