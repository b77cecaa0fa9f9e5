// a monitor of a published log: it keeps the last checkpoint it accepted, and on each run reads the log's tiles,
// verifies them with public keys only, and proves the new checkpoint extends the kept one. It reports a fork (a
// checkpoint the kept one is not a prefix of), a rollback (a smaller log), growth without the witness quorum, and
// any problem of the tiles. The kept checkpoint moves only when the run is clean, so an alarm repeats until
// someone looks.
import { t } from "../i18n/index.js";
import { verifyCosignatures } from "../witness/cosignature.js";
import { parseCheckpoint } from "./note/checkpoint.js";
import { openNote, splitNote, verifierFromVkey } from "./note/signed-note.js";
import type { TileReader } from "./tiles/store.js";
import { type TilesProblem, verifyTiles } from "./tiles/verify.js";

export type MonitorEventKind =
  | "first_seen"
  | "unchanged"
  | "grew"
  | "fork"
  | "rollback"
  | "unwitnessed"
  | "invalid";

export interface MonitorEvent {
  kind: MonitorEventKind;
  message: string;
}

export interface MonitorResult {
  ok: boolean;
  origin: string;
  size: number;
  root: string;
  previous?: { size: number; root: string };
  events: MonitorEvent[];
  problems: TilesProblem[];
  witnesses?: { cosigned: string[]; quorum: number; met: boolean };
  /** the note to keep for the next run: the new checkpoint when the run was clean, else the kept one */
  keep?: string;
}

export interface MonitorOptions {
  /** the checkpoint note kept from the last clean run */
  previous?: string | undefined;
  /** witness cosigner vkeys and the quorum growth needs */
  witnesses?: readonly string[];
  quorum?: number;
}

function rootOf(note: string, vkeys: readonly string[]): { origin: string; size: number; root: string } {
  const opened = openNote(note, vkeys.map(verifierFromVkey));
  const body = parseCheckpoint(opened.text);
  return { origin: body.origin, size: body.size, root: Buffer.from(body.root).toString("hex") };
}

/**
 * One monitoring pass over the published log at `reader`.
 * @example const r = await monitorLog(openTiles(url), [vkey], { previous, witnesses: [w1, w2], quorum: 2 });
 */
export async function monitorLog(
  reader: TileReader,
  vkeys: readonly string[],
  options: MonitorOptions = {},
): Promise<MonitorResult> {
  const events: MonitorEvent[] = [];
  const previous = options.previous === undefined ? undefined : rootOf(options.previous, vkeys);
  const report = await verifyTiles(reader, vkeys, {
    ...(options.previous !== undefined && previous && previous.size > 0 ? { against: options.previous } : {}),
    ...(previous ? { origin: previous.origin } : {}),
  });
  const result: MonitorResult = {
    ok: false,
    origin: report.origin,
    size: report.size,
    root: report.root,
    events,
    problems: report.problems,
    ...(previous ? { previous: { size: previous.size, root: previous.root } } : {}),
  };
  const note = await reader.read("checkpoint", 1 << 20);
  const text = note === undefined ? undefined : Buffer.from(note).toString("utf8");
  if (previous && report.size < previous.size)
    events.push({
      kind: "rollback",
      message: t("ledger.monitor.rollback", { from: previous.size, count: report.size }),
    });
  else if (
    previous &&
    (report.against?.consistent === false || (report.size === previous.size && report.root !== previous.root))
  )
    events.push({
      kind: "fork",
      message: t("ledger.monitor.fork", { size: report.size, previous: previous.size }),
    });
  if (report.problems.length > 0 && events.length === 0)
    events.push({
      kind: "invalid",
      message: t("ledger.monitor.invalid", {
        problems: t("common.problems", { count: report.problems.length }),
      }),
    });
  const grew = !previous || report.size > previous.size;
  if (options.witnesses && options.witnesses.length > 0 && text !== undefined && report.size > 0) {
    const quorum = options.quorum ?? options.witnesses.length;
    try {
      splitNote(text);
      const check = verifyCosignatures(text, options.witnesses, quorum);
      result.witnesses = { cosigned: check.cosigned.map((c) => c.witness), quorum, met: check.met };
      if (!check.met && grew)
        events.push({
          kind: "unwitnessed",
          message: t("ledger.monitor.unwitnessed", {
            count: report.size,
            cosigned: check.cosigned.length,
            quorum,
          }),
        });
    } catch (e) {
      events.push({
        kind: "unwitnessed",
        message: t("ledger.monitor.cosignatures", {
          reason: e instanceof Error ? e.message : t("ledger.malformed"),
        }),
      });
    }
  }
  const alarm = events.length > 0;
  if (!alarm)
    events.push(
      previous === undefined
        ? { kind: "first_seen", message: t("ledger.monitor.first_seen", { count: report.size }) }
        : report.size === previous.size
          ? { kind: "unchanged", message: t("ledger.monitor.unchanged", { size: report.size }) }
          : {
              kind: "grew",
              message: t("ledger.monitor.grew", { from: previous.size, count: report.size }),
            },
    );
  result.ok = !alarm;
  const keep = !alarm ? text : options.previous;
  if (keep !== undefined) result.keep = keep;
  return result;
}
