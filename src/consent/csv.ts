// a streaming RFC 4180 CSV parser: text goes in chunk by chunk, records come out through a callback;
// quoted fields may hold commas, quotes ("") and line breaks; records end at CRLF, LF or CR.

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;

// parser states
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const AFTER_QUOTED = 4;

/** A record: its fields, and whether a quote was misplaced (a quote inside an unquoted field, text after a closing quote, or an unclosed quote). */
export type CsvRecordHandler = (fields: string[], badQuoting: boolean) => void;

/**
 * Feeds text with `push`, then `end`; blank lines are skipped.
 * @example const p = new CsvParser((f) => rows.push(f)); p.push('a,"b,c"\r\n'); p.end();
 */
export class CsvParser {
  private state: number = FIELD_START;
  private field = "";
  private fields: string[] = [];
  private bad = false;
  private skipLf = false;

  constructor(private readonly onRecord: CsvRecordHandler) {}

  push(text: string): void {
    const n = text.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    while (i < n) {
      switch (this.state) {
        case FIELD_START: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.state = QUOTED;
            i++;
          } else this.state = UNQUOTED;
          break;
        }
        case UNQUOTED: {
          let j = i;
          let c = 0;
          while (j < n) {
            c = text.charCodeAt(j);
            if (c === COMMA || c === CR || c === LF || c === QUOTE) break;
            j++;
          }
          this.field += text.slice(i, j);
          i = j;
          if (j === n) break;
          i = this.delimiter(c, text, i);
          break;
        }
        case QUOTED: {
          const j = text.indexOf('"', i);
          if (j < 0) {
            this.field += text.slice(i);
            i = n;
          } else {
            this.field += text.slice(i, j);
            this.state = QUOTE_IN_QUOTED;
            i = j + 1;
          }
          break;
        }
        case QUOTE_IN_QUOTED: {
          if (text.charCodeAt(i) === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            i++;
          } else this.state = AFTER_QUOTED;
          break;
        }
        case AFTER_QUOTED: {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) i = this.delimiter(c, text, i);
          else {
            // text after a closing quote: kept, but the record is marked
            this.bad = true;
            this.state = UNQUOTED;
          }
          break;
        }
      }
    }
  }

  /** Ends the input: a last record without a line break is emitted. */
  end(): void {
    if (this.state === QUOTED) this.bad = true;
    if (this.state !== FIELD_START || this.fields.length > 0) this.endRecord();
    this.state = FIELD_START;
  }

  /** Handles a comma, CR, LF or a stray quote at `i`; returns the next position. */
  private delimiter(c: number, text: string, i: number): number {
    if (c === QUOTE) {
      this.bad = true;
      this.field += '"';
      return i + 1;
    }
    if (c === COMMA) {
      this.fields.push(this.field);
      this.field = "";
      this.state = FIELD_START;
      return i + 1;
    }
    this.endRecord();
    if (c === CR) {
      if (i + 1 < text.length) return text.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      this.skipLf = true;
    }
    return i + 1;
  }

  private endRecord(): void {
    this.fields.push(this.field);
    const fields = this.fields;
    const bad = this.bad;
    this.fields = [];
    this.field = "";
    this.bad = false;
    this.state = FIELD_START;
    if (fields.length === 1 && fields[0] === "" && !bad) return;
    this.onRecord(fields, bad);
  }
}
