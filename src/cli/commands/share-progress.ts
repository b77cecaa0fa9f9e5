// share's progress on a terminal: a bar over rows. The number of rows is not known before the end, so while the
// run goes the total is estimated from the input file's size and the bytes read so far (rows × size / bytes); the
// finished run sets the total to the rows read, so the bar ends at 100%. Without a size or bytes (stdin, or an
// input the engine reports no bytes for: JSONL, Parquet) it counts rows, with no percentage.
import { statSync } from "node:fs";
import cliProgress from "cli-progress";
import { t } from "../../public/base.js";
import { n } from "../options.js";

export interface ShareProgress {
  /** the engine's onProgress: rows counted so far, bytes read so far */
  update(rows: number, bytes: number): void;
  /** the run is over: the bar shows `rows` of `rows`, 100% */
  finish(rows: number): void;
  stop(): void;
}

/** The input's size in bytes, or 0 when it cannot be known (the run reports a missing file). */
function fileSize(path: string): number {
  if (path === "-") return 0;
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The estimated total rows: the rows counted so far scaled by the share of the file read, never below what is
 * counted (the bytes are read ahead of the rows counted, so the estimate runs low until the end).
 * @example estimateTotal(1000, 1_000_000, 4_000_000) // 4000
 */
export function estimateTotal(rows: number, bytes: number, size: number): number {
  if (bytes <= 0 || size <= 0) return 0;
  return Math.max(rows, Math.round((rows * size) / Math.min(bytes, size)));
}

/**
 * A progress display for a share of `input` on `stream` (stderr), or one that does nothing when `show` is false.
 * @example const p = shareProgress("customers.csv", process.stderr.isTTY === true); ... p.finish(r.counts.read);
 */
export function shareProgress(
  input: string,
  show: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): ShareProgress {
  const quiet: ShareProgress = { update() {}, finish() {}, stop() {} };
  if (!show) return quiet;
  const size = fileSize(input);
  const started = performance.now();
  const rate = (rows: number) => n(Math.round(rows / Math.max(0.001, (performance.now() - started) / 1000)));
  const bar = new cliProgress.SingleBar(
    {
      format: `${t("cli.share.progress_label")} {bar} {percentage}% | ${t("cli.share.progress_rows")} | ${t("cli.share.progress_rate")} | ETA {eta_formatted}`,
      hideCursor: true,
      stream,
      formatValue: (value, _options, type) =>
        type === "value" || type === "total" ? n(value) : String(value),
    },
    cliProgress.Presets.shades_classic,
  );
  const counter = new cliProgress.SingleBar(
    {
      format: `${t("cli.share.progress_label")} ${t("cli.share.progress_count")} | ${t("cli.share.progress_rate")} | {duration_formatted}`,
      hideCursor: true,
      stream,
      formatValue: (value, _options, type) => (type === "value" ? n(value) : String(value)),
    },
    cliProgress.Presets.shades_classic,
  );
  let active: cliProgress.SingleBar | undefined;
  let stopped = false;
  return {
    update(rows, bytes) {
      if (stopped) return;
      const total = estimateTotal(rows, bytes, size);
      if (active === undefined) {
        // a bar once the first estimate exists; a counter when there can be none
        active = total > 0 ? bar : counter;
        active.start(total, 0, { rate: rate(0) });
      }
      if (active === bar && total > 0) bar.setTotal(Math.max(total, rows));
      active.update(rows, { rate: rate(rows) });
    },
    finish(rows) {
      if (stopped || active === undefined) return;
      if (active === bar) bar.setTotal(rows);
      active.update(rows, { rate: rate(rows) });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      active?.stop();
    },
  };
}
