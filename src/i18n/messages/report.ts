// messages of src/report/, one table per kind of report under messages/report/, merged here (every key starts
// with "report."): the check findings' renderers, the inspection report, the personal statement, and the reports
// generated from the declarations (records of processing, privacy-policy tables), and the DPIA view. No two tables share a key
// (report/declarations/messages.test.ts), so the merge never hides one.
import type { KoreanOf } from "../catalogue.js";
import * as declarations from "./report/declarations.js";
import * as dpia from "./report/dpia.js";
import * as findings from "./report/findings.js";
import * as inspection from "./report/inspection.js";
import * as statement from "./report/statement.js";

/** The tables merged below, by file: what the no-shared-key test walks. */
export const TABLES = { findings, inspection, statement, declarations, dpia } as const;

export const en = {
  ...findings.en,
  ...inspection.en,
  ...statement.en,
  ...declarations.en,
  ...dpia.en,
} as const;

export const ko: KoreanOf<typeof en> = {
  ...findings.ko,
  ...inspection.ko,
  ...statement.ko,
  ...declarations.ko,
  ...dpia.ko,
};
