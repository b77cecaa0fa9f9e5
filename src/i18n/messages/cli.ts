// messages of the CLI adapter: option help, progress, summaries and the errors of its verbs, one table per group
// of verbs under messages/cli/, merged here (every key starts with "cli.").
import type { KoreanOf } from "../catalogue.js";
import * as base from "./cli/base.js";
import * as consent from "./cli/consent.js";
import * as db from "./cli/db.js";
import * as files from "./cli/files.js";
import * as keys from "./cli/keys.js";
import * as ledger from "./cli/ledger.js";
import * as report from "./cli/report.js";
import * as server from "./cli/server.js";
import * as share from "./cli/share.js";
import * as verify from "./cli/verify.js";
import * as witness from "./cli/witness.js";
import * as workspace from "./cli/workspace.js";

export const en = {
  ...base.en,
  ...workspace.en,
  ...consent.en,
  ...keys.en,
  ...ledger.en,
  ...verify.en,
  ...share.en,
  ...files.en,
  ...witness.en,
  ...db.en,
  ...server.en,
  ...report.en,
} as const;

export const ko: KoreanOf<typeof en> = {
  ...base.ko,
  ...workspace.ko,
  ...consent.ko,
  ...keys.ko,
  ...ledger.ko,
  ...verify.ko,
  ...share.ko,
  ...files.ko,
  ...witness.ko,
  ...db.ko,
  ...server.ko,
  ...report.ko,
};
