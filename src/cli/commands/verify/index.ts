// jikimi verify: checks anyone can run with public material only (verifier keys, a checkpoint, tiles, a
// receipt): no keyring, no database, no workspace. One file per subject of verification.
import type { Command } from "commander";
import { t } from "../../../public/base.js";
import { registerVerifyCheckpoint } from "./checkpoint.js";
import { registerVerifyLog } from "./log.js";
import { registerVerifyReceipt } from "./receipt.js";

export function registerVerifyGroup(program: Command): void {
  const verify = program.command("verify").description(t("cli.verify.description"));
  registerVerifyCheckpoint(verify);
  registerVerifyLog(verify);
  registerVerifyReceipt(verify);
}
