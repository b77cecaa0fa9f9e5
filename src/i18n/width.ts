// terminal columns: Hangul and other wide characters take two cells (string-width), so padding counts cells,
// not UTF-16 units, and tables stay aligned in Korean.
// Text made only of printable ASCII (one cell each) and precomposed Hangul syllables (two cells each, one
// grapheme each) is counted here, as string-width counts it (a property test compares both); anything else goes
// to string-width, loaded on first need: loading it builds an Intl.Segmenter (~8 ms), which was part of every
// verb's start whether or not it drew a table. string-width is an ES module; Node >= 20.19 requires it
// synchronously.
import { createRequire } from "node:module";

let loaded: ((text: string) => number) | undefined;
const stringWidth = (text: string): number => {
  loaded ??= (createRequire(import.meta.url)("string-width") as typeof import("string-width")).default;
  return loaded(text);
};

/** Cells of `text` when every character is printable ASCII or a Hangul syllable, else -1. */
function simpleWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) width += 1;
    else if (c >= 0xac00 && c <= 0xd7a3) width += 2;
    else return -1;
  }
  return width;
}

/** Cells `text` takes on a terminal. */
export const cells = (text: string): number => {
  const simple = simpleWidth(text);
  return simple >= 0 ? simple : stringWidth(text);
};

/** `text` padded with spaces on the right to `width` cells. */
export function padEnd(text: string, width: number): string {
  const w = cells(text);
  return w >= width ? text : text + " ".repeat(width - w);
}

/** `text` padded with spaces on the left to `width` cells. */
export function padStart(text: string, width: number): string {
  const w = cells(text);
  return w >= width ? text : " ".repeat(width - w) + text;
}

/** The widest cell count in `texts` (0 for none). */
export function widest(texts: Iterable<string>): number {
  let max = 0;
  for (const text of texts) max = Math.max(max, cells(text));
  return max;
}

/**
 * Lays out rows as aligned columns (cells counted as string-width counts them); `align` is "l" or "r" per column.
 * @example table([["이름", "건수"], ["한빛", "12"]], ["l", "r"])
 */
export function table(rows: readonly (readonly string[])[], align: readonly ("l" | "r")[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows)
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cells(cell));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const last = i === row.length - 1;
        if (align[i] === "r") return padStart(cell, widths[i] ?? 0);
        return last ? cell : padEnd(cell, widths[i] ?? 0);
      })
      .join("  "),
  );
}
