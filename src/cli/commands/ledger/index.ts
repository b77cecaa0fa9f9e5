// jikimi ledger: the transfer ledger's verbs, one file each.
import type { Command } from "commander";
import { registerLog } from "./log.js";
import { registerRecord } from "./record.js";
import { registerRepair } from "./repair.js";
import { registerSubject } from "./subject.js";
import { registerVerify } from "./verify.js";

export function registerLedger(program: Command): void {
  const ledger = program.command("ledger").description("the transfer ledger: every release, verifiable");
  registerLog(ledger);
  registerSubject(ledger);
  registerVerify(ledger);
  registerRecord(ledger);
  registerRepair(ledger);
}
