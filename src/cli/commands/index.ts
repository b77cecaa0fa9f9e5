// every CLI verb registers itself here; each lives in its own file.
import type { Command } from "commander";
import { registerAuditHash } from "./audit-hash.js";
import { registerCheck } from "./check.js";
import { registerConsent } from "./consent.js";
import { registerDetokenize } from "./detokenize.js";
import { registerGenerate } from "./generate.js";
import { registerInit } from "./init.js";
import { registerKeys } from "./keys.js";
import { registerLedger } from "./ledger/index.js";
import { registerLink } from "./link.js";
import { registerRisk } from "./risk.js";
import { registerScan } from "./scan.js";
import { registerSchema } from "./schema.js";
import { registerShare } from "./share.js";
import { registerTaxonomy } from "./taxonomy.js";

/** Adds every verb to the program. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerCheck(program);
  registerSchema(program);
  registerTaxonomy(program);
  registerGenerate(program);
  registerConsent(program);
  registerKeys(program);
  registerLedger(program);
  registerShare(program);
  registerDetokenize(program);
  registerScan(program);
  registerRisk(program);
  registerLink(program);
  registerAuditHash(program);
}
