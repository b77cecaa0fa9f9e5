// a worker thread of a consent import on a large CSV: parses and validates the record-aligned blocks the main thread
// sends with the same parser as the one-pass read, and answers with each block's events in columns (their subjects'
// keys as text, hashed by the main thread). A block with any problem answers without events: the main thread then
// reads the file in one pass, which names every problem by row. Values cross threads only inside this process.
import { parentPort, workerData } from "node:worker_threads";
import { serveBlocks } from "../io/records/block-threads.js";
import { type EventBlock, EventBlockBuilder } from "./batch.js";
import { validateEvent } from "./event.js";
import { consentCsvParser } from "./import.js";
import { ProblemList } from "./problems.js";

/** What the worker starts with: the file's header line (bytes), its name, and the limit for event times. */
export interface ImportWorkerInit {
  header: Uint8Array;
  name: string;
  nowMs: number;
}

/** A block's rows read, and its events when none had a problem. */
export interface ImportReply {
  rows: number;
  block?: EventBlock;
}

/** 64 KB at a time, so a block's field strings die young. */
const SLICE = 64 << 10;

const port = parentPort;
if (port !== null) {
  const init = workerData as ImportWorkerInit;
  serveBlocks(port, (bytes): ImportReply => {
    const problems = new ProblemList(1);
    const block = new EventBlockBuilder();
    const parser = consentCsvParser(init.name, problems, (raw, row) => {
      const event = validateEvent(raw, row, "row", init.nowMs, problems);
      if (event && problems.total === 0) block.add(event);
    });
    parser.push(init.header);
    for (let at = 0; at < bytes.length && problems.total === 0; at += SLICE)
      parser.push(bytes.subarray(at, at + SLICE));
    parser.end();
    return problems.total > 0 ? { rows: parser.rows() } : { rows: parser.rows(), block: block.take() };
  });
}
