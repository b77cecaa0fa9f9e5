// the one CSV tokeniser (dialect in csv-syntax.ts): byte chunks of any size in, records out as string fields with
// the physical line each starts on. Bytes are cut at line ends, validated and decoded once per block (BOM
// dropped, binary refused), then scanned char by char; a field is a slice of the block's string. It knows no
// header: the CSV reader, the release tables and the consent import each give the records their meaning.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { capText, decodeBlock, LineBlocks, MAX_LINE_BYTES } from "./blocks.js";
import { COMMA, CR, LF, QUOTE } from "./csv-syntax.js";
import type { RecordError } from "./types.js";

/** Where the tokeniser hands its records. */
export interface CsvRecordSink {
  /**
   * A record: its fields, the physical line it starts on (1-based), the index of its first field with misplaced
   * quoting (a quote inside an unquoted field, text after a closing quote) or -1, and whether its lines held
   * invalid UTF-8 (those bytes read as U+FFFD).
   */
  record(fields: string[], line: number, badQuote: number, badEncoding: boolean): void;
  /** A quoted field (index `field`) still open at the end of the input, in the record starting on `line`. */
  openQuote(field: number, line: number): void;
}

/** Options of a `CsvTokenizer`. */
export interface CsvTokenizerOptions {
  /** how messages name the input; default "input" */
  name?: string;
  /** longest line, and longest record (a quoted field may span lines), in bytes; default 32 MiB */
  maxLineBytes?: number;
  /**
   * The error for a line or record over the cap: `open` tells that a record starting on `line` is still open,
   * else `line` is the long line. Default: names the line.
   */
  tooLong?: (line: number, open: boolean, max: number) => JikimiError;
}

/**
 * Tokenises CSV: `push` byte chunks, then `end`; records go to the sink in order, blank lines are skipped.
 * Throws `binary_file` for a NUL in the first 8 KB and `line_too_long` past the cap.
 * @example const tk = new CsvTokenizer(sink); tk.push(bytes); tk.end();
 */
export class CsvTokenizer {
  private readonly blocks: LineBlocks;
  private readonly max: number;
  private readonly tooLong: (line: number, open: boolean, max: number) => JikimiError;
  private carry = "";
  /** physical line of the next record's start */
  private next = 1;
  /** physical line of the first byte of the next block */
  private blockLine = 1;
  private readonly badLines = new Set<number>();

  constructor(
    private readonly sink: CsvRecordSink,
    options: CsvTokenizerOptions = {},
  ) {
    const name = options.name ?? "input";
    this.max = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.tooLong =
      options.tooLong ??
      ((line, _open, max) =>
        new JikimiError(
          "line_too_long",
          t("io.csv.too_long", { input: name, where: t("io.line", { line }), cap: capText(max) }),
          {
            hint: t("io.csv.too_long_hint"),
          },
        ));
    this.blocks = new LineBlocks(name, {
      maxLineBytes: this.max,
      tooLong: (max) => this.tooLong(this.blockLine, false, max),
    });
  }

  /** The physical line (1-based) the next record starts on. */
  get line(): number {
    return this.next;
  }

  /** Feeds a chunk; the records it completes go to the sink. */
  push(chunk: Uint8Array): void {
    const block = this.blocks.push(chunk);
    if (block !== undefined) this.feed(block, false);
  }

  /** Ends the input: the last record (without a line break) goes to the sink. */
  end(): void {
    this.feed(this.blocks.end() ?? new Uint8Array(0), true);
  }

  private feed(bytes: Uint8Array, final: boolean): void {
    const { text, badLines } = decodeBlock(bytes);
    for (const l of badLines) this.badLines.add(this.blockLine + l);
    const s = this.carry === "" ? text : this.carry + text;
    const stop = this.parse(s, final);
    this.carry = stop < s.length ? s.slice(stop) : "";
    // a record still open after this many characters (a quote left open) is refused before it grows further
    if (this.carry.length > this.max) throw this.tooLong(this.next, true, this.max);
    this.blockLine = this.next + countLf(this.carry);
  }

  /** Parses whole records from `s`; returns where the first incomplete record starts (s.length if none). */
  private parse(s: string, final: boolean): number {
    const n = s.length;
    let i = 0;
    let line = this.next;
    while (i < n) {
      const rowStart = i;
      const rowLine = line;
      let c = s.charCodeAt(i);
      if (c === LF || c === CR) {
        // a blank line
        i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      const fields: string[] = [];
      let badQuote = -1;
      for (;;) {
        let j = i;
        if (c === QUOTE) {
          let value = "";
          let start = i + 1;
          for (;;) {
            const q = s.indexOf('"', start);
            if (q < 0) {
              this.next = rowLine;
              if (!final) return rowStart;
              this.sink.openQuote(fields.length, rowLine);
              this.next = line + countLf(s.slice(start));
              return n;
            }
            for (let k = s.indexOf("\n", start); k >= 0 && k < q; k = s.indexOf("\n", k + 1)) line++;
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(start, q + 1);
              start = q + 2;
              continue;
            }
            value += s.slice(start, q);
            j = q + 1;
            break;
          }
          c = j < n ? s.charCodeAt(j) : -1;
          if (c !== COMMA && c !== LF && c !== CR && c !== -1) {
            // text after the closing quote: keep it, flag the record
            if (badQuote < 0) badQuote = fields.length;
            const from = j;
            while (j < n) {
              c = s.charCodeAt(j);
              if (c === COMMA || c === LF || c === CR) break;
              j++;
            }
            if (j === n) c = -1;
            value += s.slice(from, j);
          }
          fields.push(value);
        } else {
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE && badQuote < 0) badQuote = fields.length;
            j++;
          }
          if (j === n) c = -1;
          fields.push(s.slice(i, j));
        }
        if (c === COMMA) {
          i = j + 1;
          c = i < n ? s.charCodeAt(i) : -1;
          continue;
        }
        if (c === -1) {
          if (!final) {
            this.next = rowLine;
            return rowStart;
          }
          i = n;
        } else i = c === CR && s.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
        line++;
        break;
      }
      const badEncoding = this.badLines.size > 0 && this.hasBadLine(rowLine, line);
      this.next = line;
      this.sink.record(fields, rowLine, badQuote, badEncoding);
    }
    this.next = line;
    return n;
  }

  private hasBadLine(from: number, to: number): boolean {
    let found = false;
    for (let l = from; l < to; l++) if (this.badLines.delete(l)) found = true;
    return found;
  }
}

function countLf(s: string): number {
  let n = 0;
  for (let k = s.indexOf("\n"); k >= 0; k = s.indexOf("\n", k + 1)) n++;
  return n;
}

/** A data record's problem: its code and the column it names, if any. */
export interface RecordProblem {
  code: RecordError["code"];
  column?: string;
}

/**
 * What is wrong with a data record under `columns`, or undefined: the field count first, then misplaced quoting,
 * then invalid UTF-8 (naming the first field holding U+FFFD). The one rule every CSV consumer applies.
 * @example recordProblem(["1"], ["id", "name"], -1, false) // { code: "field_count", column: "name" }
 */
export function recordProblem(
  fields: readonly string[],
  columns: readonly string[],
  badQuote: number,
  badEncoding: boolean,
): RecordProblem | undefined {
  if (fields.length !== columns.length) {
    const missing = columns[fields.length];
    return missing === undefined ? { code: "field_count" } : { code: "field_count", column: missing };
  }
  if (badQuote >= 0) return { code: "bad_quote", column: columns[badQuote] ?? "" };
  if (!badEncoding) return undefined;
  const at = fields.findIndex((f) => f.includes("\uFFFD"));
  const column = at < 0 ? undefined : columns[at];
  return column === undefined ? { code: "bad_encoding" } : { code: "bad_encoding", column };
}
