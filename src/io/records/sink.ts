// writes text to a Writable with backpressure: one write per batch, waiting for 'drain' when asked to.
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

/** Writes `text` as UTF-8, resolving once the stream can take more. */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (text.length > 0 && !out.write(text, "utf8")) await once(out, "drain");
}

/** Ends the stream and waits until everything is flushed. */
export async function endStream(out: Writable): Promise<void> {
  out.end();
  await finished(out);
}
