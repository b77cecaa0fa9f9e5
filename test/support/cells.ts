// runs a CellTransform the way the share gateway's byte tables feed it: the values' UTF-8 bytes side by side in one
// source, separated by commas (so a cell path that read past its field would show), cells read back as latin1
import type { CellTransform } from "../../src/transforms/apply-context.js";
import { ByteSink } from "../../src/transforms/column-codec.js";

/** The cells `cells` writes for `values`, as strings. */
export function runCells(cells: CellTransform, values: readonly string[]): string[] {
  const parts = values.map((v) => Buffer.from(v, "utf8"));
  const src = Buffer.concat([Buffer.from("x,"), ...parts.flatMap((b) => [b, Buffer.from(",")])]);
  const starts = new Int32Array(values.length);
  const ends = new Int32Array(values.length);
  let at0 = 2;
  parts.forEach((b, k) => {
    starts[k] = at0;
    ends[k] = at0 + b.length;
    at0 += b.length + 1;
  });
  const sink = new ByteSink(8);
  const at = new Int32Array(values.length + 1);
  cells(src, starts, ends, values.length, sink, at);
  return values.map((_, k) =>
    Buffer.from(sink.bytes.subarray(at[k] as number, at[k + 1] as number)).toString("latin1"),
  );
}
