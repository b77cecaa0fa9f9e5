// jikimi ledger publish DIR: the log as static tiles (c2sp.org/tlog-tiles) that anyone verifies with the log's
// verifier key (`jikimi verify log`). The database verify runs first and a failing one publishes nothing, so a
// tampered database is never laundered into signed tiles. Runs into one folder are exclusive.
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { JikimiError, t } from "../../../public/base.js";
import { verifyLedger } from "../../../public/ledger.js";
import { describeOwner, takeLock } from "../../../public/locks.js";
import { folderStore, type PublishResult, publishLedger } from "../../../public/verify.js";
import { openWorkspace, type WorkspaceSession } from "../../../public/workspace.js";
import { ExitCode } from "../../exit-codes.js";
import { n, problemLine, workspaceDir } from "../../options.js";
import { report } from "../../output.js";
import { type LedgerOptions, ledgerVerb, trustedKeys, verifyOptions } from "./open.js";

/**
 * The checkpoint note `ledger publish` writes: the whole log now, signed with the log's key and named by its
 * origin, with the cosignatures of the witnesses jikimi.yaml lists.
 * @example await publishCheckpoint(state) // "jikimi/Hanbit-Pay\n2303\n…\n\n— jikimi/Hanbit-Pay …\n"
 */
export async function publishCheckpoint(state: WorkspaceSession): Promise<string> {
  // with witnesses configured: the checkpoint they cosigned (a refusal of a rewritten history stops here, loudly)
  return state.checkpoint();
}

const mb = (bytes: number) =>
  bytes >= 1e6
    ? t("cli.ledger.publish.mb", { mb: (bytes / 1e6).toFixed(1) })
    : t("cli.ledger.publish.bytes", { count: bytes, n: n(bytes) });

function summary(dir: string, r: PublishResult): string {
  const since =
    r.previous === 0
      ? t("cli.ledger.publish.into_empty")
      : t("cli.ledger.publish.since", { size: n(r.previous) });
  const rewritten = r.rewritten
    ? t("cli.ledger.publish.rewritten", { count: r.rewritten, n: n(r.rewritten) })
    : "";
  const removed = r.removed ? t("cli.ledger.publish.removed", { count: r.removed, n: n(r.removed) }) : "";
  return [
    t("cli.ledger.publish.published", { origin: r.origin, size: n(r.size), dir, root: r.root }),
    `  ${t("cli.ledger.publish.new_entries", { count: r.size - r.previous, n: n(r.size - r.previous), since })}`,
    `  ${t("cli.ledger.publish.wrote", {
      tiles: t("cli.ledger.publish.tiles", { count: r.tiles, n: n(r.tiles) }),
      bundles: t("cli.ledger.publish.bundles", { count: r.bundles, n: n(r.bundles) }),
      rewritten,
      bytes: mb(r.bytes),
    })}`,
    `  ${t("cli.ledger.publish.unchanged", { count: r.unchanged, n: n(r.unchanged), removed })}`,
  ].join("\n");
}

export function registerPublish(ledger: Command): void {
  ledgerVerb(ledger, "publish", t("cli.ledger.publish.description"))
    .argument("<dir>", t("cli.ledger.publish.dir"))
    .action(async (dir: string, opts: LedgerOptions) => {
      const state = await openWorkspace({ root: workspaceDir(opts), env: process.env });
      const target = resolve(dir);
      const lock = takeLock(
        join(
          state.root,
          ".jikimi",
          "locks",
          `publish-${createHash("sha256").update(target).digest("hex").slice(0, 16)}`,
        ),
        (owner) =>
          new JikimiError(
            "publish_running",
            t("cli.ledger.publish.running", { dir, owner: owner ? ` (${describeOwner(owner)})` : "" }),
            { hint: t("cli.ledger.publish.running_hint") },
          ),
      );
      try {
        const outcome = await publishLedger({
          ledger: state.store.ledger,
          store: folderStore(target),
          // the checks `ledger verify` runs, with its trusted keys
          verify: () => verifyLedger(state.store.ledger, trustedKeys(state), verifyOptions(state)),
          checkpoint: () => publishCheckpoint(state),
        });
        if (!outcome.published) {
          const { report: verified } = outcome;
          report(
            () => ({ published: false, ...verified }),
            () =>
              `${t("cli.ledger.publish.refused", { problems: t("common.problems", { count: verified.problems.length }) })}\n${verified.problems.map(problemLine).join("")}`,
          );
          process.exitCode = ExitCode.findings;
          return;
        }
        const result = outcome.result;
        report(
          () => ({ published: true, ...result }),
          () => `${summary(dir, result)}\n`,
        );
        process.exitCode = ExitCode.ok;
      } finally {
        lock.release();
        await state.close();
      }
    });
}
