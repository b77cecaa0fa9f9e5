// jikimi ledger publish DIR: the log as static tiles (c2sp.org/tlog-tiles) that anyone verifies with the log's
// verifier key (`jikimi verify log`). The database verify runs first and a failing one publishes nothing, so a
// tampered database is never laundered into signed tiles. Runs into one folder are exclusive.
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { ExitCode, JikimiError } from "../../../errors.js";
import { folderStore, type PublishResult, publishLedger } from "../../../ledger/tiles/index.js";
import { verifyLedger } from "../../../ledger/verify.js";
import { describeOwner, takeLock } from "../../../store/lock.js";
import { workspaceDir } from "../../options.js";
import { openWorkspaceState, type WorkspaceState } from "../../state.js";
import { type LedgerOptions, ledgerVerb, printJson, trustedKeys, verifyOptions } from "./open.js";
import { currentCheckpoint } from "./witness.js";

/**
 * The checkpoint note `ledger publish` writes: the whole log now, signed with the log's key and named by its
 * origin, with the cosignatures of the witnesses jikimi.yaml lists.
 * @example await publishCheckpoint(state) // "jikimi/Hanbit-Pay\n2303\n…\n\n— jikimi/Hanbit-Pay …\n"
 */
export async function publishCheckpoint(state: WorkspaceState): Promise<string> {
  // with witnesses configured: the checkpoint they cosigned (a refusal of a rewritten history stops here, loudly)
  return currentCheckpoint(state);
}

const n = (x: number) => x.toLocaleString("en-US");
const mb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${n(bytes)} bytes`);

const plural = (x: number, one: string, many: string) => `${n(x)} ${x === 1 ? one : many}`;

function summary(dir: string, r: PublishResult): string {
  const since =
    r.previous === 0 ? "into an empty folder" : `since the folder's checkpoint of size ${n(r.previous)}`;
  return [
    `published ${r.origin} at size ${n(r.size)} to ${dir} (root ${r.root})`,
    `  ${plural(r.size - r.previous, "new entry", "new entries")} ${since}`,
    `  wrote ${plural(r.tiles, "hash tile", "hash tiles")}, ${plural(r.bundles, "entry bundle", "entry bundles")}${r.rewritten ? `, ${plural(r.rewritten, "bundle", "bundles")} rewritten with markers for entries pruned since` : ""} and the checkpoint: ${mb(r.bytes)}`,
    `  ${plural(r.unchanged, "full tile or bundle", "full tiles and bundles")} already there, unchanged${r.removed ? `; ${plural(r.removed, "superseded partial tile", "superseded partial tiles")} removed` : ""}`,
  ].join("\n");
}

export function registerPublish(ledger: Command): void {
  ledgerVerb(ledger, "publish", "publish the log as static tiles (c2sp.org/tlog-tiles) for anyone to verify")
    .argument("<dir>", "the folder to publish into (created when missing); serve it at the log's URL")
    .action(async (dir: string, opts: LedgerOptions) => {
      const state = openWorkspaceState(workspaceDir(opts));
      const target = resolve(dir);
      const lock = takeLock(
        join(
          state.dir,
          ".jikimi",
          "locks",
          `publish-${createHash("sha256").update(target).digest("hex").slice(0, 16)}`,
        ),
        (owner) =>
          new JikimiError(
            "publish_running",
            `another \`jikimi ledger publish\` into ${dir} is running${owner ? ` (${describeOwner(owner)})` : ""}: wait for it to finish`,
          ),
      );
      try {
        const db = state.store.db;
        const outcome = await publishLedger({
          db,
          store: folderStore(target),
          // the checks `ledger verify` runs, with its trusted keys
          verify: () => verifyLedger(db, trustedKeys(state), verifyOptions(state)),
          checkpoint: () => publishCheckpoint(state),
        });
        if (!outcome.published) {
          const { report } = outcome;
          if (opts.json) printJson({ published: false, ...report });
          else {
            process.stdout.write(
              `FAILED: the ledger does not verify (${report.problems.length} problem${report.problems.length === 1 ? "" : "s"}); nothing was published\n`,
            );
            for (const p of report.problems)
              process.stdout.write(
                `  ${p.kind}${p.seq === undefined ? "" : ` at entry ${p.seq}`}${p.place ? ` [${p.place}]` : ""}: ${p.message}\n`,
              );
          }
          process.exitCode = ExitCode.findings;
          return;
        }
        if (opts.json) printJson({ published: true, ...outcome.result });
        else process.stdout.write(`${summary(dir, outcome.result)}\n`);
        process.exitCode = ExitCode.ok;
      } finally {
        lock.release();
        state.close();
      }
    });
}
