// jikimi ledger: the transfer ledger's verbs, one file each.
import type { Command } from "commander";
import { t } from "../../../public/base.js";
import { registerLog } from "./log.js";
import { registerMonitor } from "./monitor.js";
import { registerPublish } from "./publish.js";
import { registerReceipt } from "./receipt.js";
import { registerRecord } from "./record.js";
import { registerRepair } from "./repair.js";
import { registerSubject } from "./subject.js";
import { registerVerify } from "./verify.js";
import { registerWitness } from "./witness.js";

export function registerLedger(program: Command): void {
  const ledger = program.command("ledger").description(t("cli.ledger.description"));
  registerLog(ledger);
  registerSubject(ledger);
  registerReceipt(ledger);
  registerVerify(ledger);
  registerRecord(ledger);
  registerRepair(ledger);
  registerWitness(ledger);
  registerMonitor(ledger);
  registerPublish(ledger);
}
