// jikimi verify log --tiles DIR|URL --vkey VKEY: verify a published log (c2sp.org/tlog-tiles) with the log's
// verifier key only: no keyring, no database, no workspace.
import type { Command } from "commander";
import { JikimiError, t } from "../../../public/base.js";
import { openTiles, type TilesReport, verifyTiles } from "../../../public/verify.js";
import { formatOption } from "../../convention.js";
import { ExitCode } from "../../exit-codes.js";
import { problemsText } from "../../options.js";
import { report } from "../../output.js";
import { readPublicFile } from "./checkpoint.js";

function okText(r: TilesReport, seconds: number): string {
  const lines = [
    t("cli.verify.log.ok", {
      origin: r.origin,
      entries: t("ledger.entries", { count: r.size }),
      root: r.root,
      against: r.against ? t("cli.ledger.verify.consistent", { size: r.against.size }) : "",
      files: t("cli.verify.log.files", { count: r.files }),
      seconds: seconds.toFixed(2),
    }),
  ];
  if (r.retained > 0) lines.push(t("cli.verify.log.retained", { count: r.retained }));
  return lines.map((l) => `${l}\n`).join("");
}

export function registerVerifyLog(verify: Command): void {
  formatOption(
    verify
      .command("log")
      .requiredOption("--tiles <dir|url>", t("cli.verify.log.tiles"))
      .requiredOption("--vkey <vkey...>", t("cli.options.vkey"))
      .option("--against <file>", t("cli.verify.log.against"))
      .option("--timeout <seconds>", t("cli.verify.log.timeout"), "30")
      .description(t("cli.verify.log.description")),
  ).action(async (opts: { tiles: string; vkey: string[]; against?: string; timeout: string }) => {
    const against =
      opts.against === undefined ? undefined : readPublicFile(opts.against, t("cli.verify.checkpoint.what"));
    const timeout = Number(opts.timeout);
    if (!(timeout > 0 && timeout <= 3600))
      throw new JikimiError("usage", t("cli.verify.log.bad_timeout", { value: opts.timeout }), {
        hint: t("cli.verify.log.bad_timeout_hint"),
      });
    const started = performance.now();
    const tiles = await verifyTiles(openTiles(opts.tiles, { timeoutMs: timeout * 1000 }), opts.vkey, {
      against,
    });
    const seconds = (performance.now() - started) / 1000;
    report(
      () => ({ ...tiles, seconds }),
      () => (tiles.ok ? okText(tiles, seconds) : problemsText(tiles.problems)),
    );
    process.exitCode = tiles.ok ? ExitCode.ok : ExitCode.findings;
  });
}
