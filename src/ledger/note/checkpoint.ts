// checkpoints as c2sp.org/tlog-checkpoint note texts: the log's origin line, the tree size in decimal, the
// base64 RFC 6962 root, then optional extension lines; signed as a signed note (signed-note.ts).
import { JikimiError } from "../../errors.js";
import { type MessageKey, t } from "../../i18n/index.js";

export interface CheckpointBody {
  origin: string;
  size: number;
  /** 32-byte RFC 6962 root */
  root: Uint8Array;
  extensions: string[];
}

function bad(key: MessageKey): JikimiError {
  return new JikimiError("bad_checkpoint", t(key));
}

/**
 * The note text of a checkpoint.
 * @example checkpointText({ origin: "ledger.hanbitpay.example/nsf", size: 17, root, extensions: [] })
 */
export function checkpointText(c: CheckpointBody): string {
  if (c.origin.length === 0 || c.origin.includes("\n")) throw bad("ledger.checkpoint.origin_line");
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw bad("ledger.checkpoint.size_whole");
  if (c.root.length !== 32) throw bad("ledger.checkpoint.root_hash");
  for (const e of c.extensions)
    if (e.length === 0 || e.includes("\n")) throw bad("ledger.checkpoint.extension_lines");
  return `${c.origin}\n${c.size}\n${Buffer.from(c.root).toString("base64")}\n${c.extensions.map((e) => `${e}\n`).join("")}`;
}

/** Parses a checkpoint's note text (after its signatures were verified): strict decimal size, 32-byte root. */
export function parseCheckpoint(text: string): CheckpointBody {
  const lines = text.split("\n");
  if (lines.pop() !== "" || lines.length < 3) throw bad("ledger.checkpoint.lines");
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw bad("ledger.checkpoint.origin_empty");
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw bad("ledger.checkpoint.size_decimal");
  const bytes = Buffer.from(root, "base64");
  if (bytes.length !== 32 || bytes.toString("base64") !== root) throw bad("ledger.checkpoint.root_base64");
  if (extensions.some((e) => e.length === 0)) throw bad("ledger.checkpoint.extensions_empty");
  return { origin, size: Number(size), root: new Uint8Array(bytes), extensions };
}
