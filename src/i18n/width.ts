// terminal columns: Hangul and other wide characters take two cells (string-width), so padding counts cells,
// not UTF-16 units, and tables stay aligned in Korean.
import stringWidth from "string-width";

/** Cells `text` takes on a terminal. */
export const cells = (text: string): number => stringWidth(text);

/** `text` padded with spaces on the right to `width` cells. */
export function padEnd(text: string, width: number): string {
  const w = stringWidth(text);
  return w >= width ? text : text + " ".repeat(width - w);
}

/** `text` padded with spaces on the left to `width` cells. */
export function padStart(text: string, width: number): string {
  const w = stringWidth(text);
  return w >= width ? text : " ".repeat(width - w) + text;
}

/** The widest cell count in `texts` (0 for none). */
export function widest(texts: Iterable<string>): number {
  let max = 0;
  for (const text of texts) max = Math.max(max, stringWidth(text));
  return max;
}

/**
 * Lays out rows as aligned columns (cells counted with string-width); `align` is "l" or "r" per column.
 * @example table([["이름", "건수"], ["한빛", "12"]], ["l", "r"])
 */
export function table(rows: readonly (readonly string[])[], align: readonly ("l" | "r")[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows)
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, stringWidth(cell));
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
