// checkpoints as c2sp.org/tlog-checkpoint note texts: the log's origin line, the tree size in decimal, the
// base64 RFC 6962 root, then optional extension lines; signed as a signed note (signed-note.ts).
import { JikimiError } from "../../errors.js";

export interface CheckpointBody {
  origin: string;
  size: number;
  /** 32-byte RFC 6962 root */
  root: Uint8Array;
  extensions: string[];
}

function bad(message: string): JikimiError {
  return new JikimiError("bad_checkpoint", message);
}

/**
 * The note text of a checkpoint.
 * @example checkpointText({ origin: "ledger.hanbitpay.example/nsf", size: 17, root, extensions: [] })
 */
export function checkpointText(c: CheckpointBody): string {
  if (c.origin.length === 0 || c.origin.includes("\n"))
    throw bad("a checkpoint's origin is one non-empty line");
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw bad("a checkpoint's size is a whole number");
  if (c.root.length !== 32) throw bad("a checkpoint's root is a 32-byte SHA-256 hash");
  for (const e of c.extensions)
    if (e.length === 0 || e.includes("\n")) throw bad("extension lines are non-empty");
  return `${c.origin}\n${c.size}\n${Buffer.from(c.root).toString("base64")}\n${c.extensions.map((e) => `${e}\n`).join("")}`;
}

/** Parses a checkpoint's note text (after its signatures were verified): strict decimal size, 32-byte root. */
export function parseCheckpoint(text: string): CheckpointBody {
  const lines = text.split("\n");
  if (lines.pop() !== "" || lines.length < 3) throw bad("a checkpoint has an origin, a size and a root line");
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (origin.length === 0) throw bad("a checkpoint's origin line is empty");
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw bad("a checkpoint's size is a decimal number without leading zeros");
  const bytes = Buffer.from(root, "base64");
  if (bytes.length !== 32 || bytes.toString("base64") !== root)
    throw bad("a checkpoint's root is base64 of 32 bytes");
  if (extensions.some((e) => e.length === 0)) throw bad("a checkpoint's extension lines are non-empty");
  return { origin, size: Number(size), root: new Uint8Array(bytes), extensions };
}
