// field names in scope expressions beyond CEL's ASCII identifiers. CEL (and @bufbuild/cel) reads an identifier as
// [_a-zA-Z][_a-zA-Z0-9]*, but a field may be named in any script (`잔액`, `고객등급`). Before parsing, every name
// that CEL cannot read is replaced by a generated ASCII alias: a bare name holding a non-ASCII letter
// (`잔액 >= 1000000`) and a name between backticks (`` `잔액` ``, or `` `in` `` for a field CEL reserves). Names are
// NFC-normalised, as declared names are. After parsing, the aliases in the AST are turned back into the real names,
// so everything downstream (type checks, messages, compile, meaning) sees `잔액`; offsets in the rewritten text are
// mapped back to the text as written. String literals and comments are never touched.

/** One replaced name: where it is in the text as written and in the rewritten text. */
interface Replacement {
  from: number;
  length: number;
  to: number;
  aliasLength: number;
}

/** An expression rewritten for CEL's grammar, with the way back. */
export interface Aliased {
  /** the expression with ASCII aliases in place of the names CEL cannot read */
  text: string;
  /** alias -> the name it stands for (NFC) */
  names: ReadonlyMap<string, string>;
  /** an offset in `text` as an offset in the expression as written */
  original(offset: number): number;
}

const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{M}\p{Nd}_]/u;
const ASCII_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STRING_PREFIX = /^(?:[rR][bB]?|[bB][rR]?)$/;

/** The end of the string literal that opens at `i` (its quote), honouring triple quotes and raw strings. */
function stringEnd(text: string, i: number, raw: boolean): number {
  const q = text[i] as string;
  const triple = text.startsWith(q.repeat(3), i);
  const close = triple ? q.repeat(3) : q;
  let j = i + close.length;
  while (j < text.length) {
    if (!raw && text[j] === "\\") {
      j += 2;
      continue;
    }
    if (text.startsWith(close, j)) return j + close.length;
    if (!triple && text[j] === "\n") return j;
    j++;
  }
  return text.length;
}

/** The end of the word starting at `i` (letters of any script, combining marks, digits, `_`). */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const cp = text.codePointAt(j) as number;
    const ch = String.fromCodePoint(cp);
    if (!(j === i ? WORD_START : WORD_PART).test(ch)) break;
    j += ch.length;
  }
  return j;
}

/**
 * Replaces the names CEL's grammar cannot read (non-ASCII names, names between backticks) by ASCII aliases.
 * @example aliasNames("잔액 >= 1000 && `등급` == \"VIP\"").text // "_jk0_ >= 1000 && _jk1_ == \"VIP\""
 */
export function aliasNames(text: string): Aliased {
  // the ASCII words already in the text: an alias must not be one of them
  const taken = new Set<string>();
  const pieces: { from: number; end: number; name: string }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' || c === "'") {
      i = stringEnd(text, i, false);
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === "`") {
      const close = text.indexOf("`", i + 1);
      const nl = text.indexOf("\n", i + 1);
      // an unclosed backtick is left for the parser to report
      if (close < 0 || (nl >= 0 && nl < close)) {
        i++;
        continue;
      }
      pieces.push({ from: i, end: close + 1, name: text.slice(i + 1, close).normalize("NFC") });
      i = close + 1;
      continue;
    }
    if (c >= "0" && c <= "9") {
      // a number (1, 1.5, 0x1F, 3u, 1e-3): its letters are not names
      i++;
      while (i < text.length && /[0-9A-Za-z_.]/.test(text[i] as string)) i++;
      continue;
    }
    const end = wordEnd(text, i);
    if (end === i) {
      i += String.fromCodePoint(text.codePointAt(i) as number).length;
      continue;
    }
    const word = text.slice(i, end);
    if (STRING_PREFIX.test(word) && (text[end] === '"' || text[end] === "'")) {
      i = stringEnd(text, end, /r/i.test(word));
      continue;
    }
    if (ASCII_WORD.test(word)) taken.add(word);
    else pieces.push({ from: i, end, name: word.normalize("NFC") });
    i = end;
  }
  if (pieces.length === 0) return { text, names: new Map(), original: (offset) => offset };

  const aliasOf = new Map<string, string>();
  const names = new Map<string, string>();
  let n = 0;
  const fresh = (): string => {
    for (;;) {
      const alias = `_jk${n++}_`;
      if (!taken.has(alias)) return alias;
    }
  };
  const replacements: Replacement[] = [];
  let out = "";
  let last = 0;
  for (const p of pieces) {
    let alias = aliasOf.get(p.name);
    if (alias === undefined) {
      alias = fresh();
      aliasOf.set(p.name, alias);
      names.set(alias, p.name);
    }
    out += text.slice(last, p.from);
    replacements.push({ from: p.from, length: p.end - p.from, to: out.length, aliasLength: alias.length });
    out += alias;
    last = p.end;
  }
  out += text.slice(last);
  const original = (offset: number): number => {
    let shift = 0;
    for (const r of replacements) {
      if (offset < r.to) break;
      if (offset < r.to + r.aliasLength) return r.from;
      shift = r.from + r.length - (r.to + r.aliasLength);
    }
    return offset + shift;
  };
  return { text: out, names, original };
}

/**
 * Writes a field name the way a scope expression can read it: as it is when CEL's grammar reads it, else between
 * backticks only when it is ASCII (a word CEL reserves); a non-ASCII name reads as it is.
 * @example celName("잔액") // "잔액"; celName("in") // "`in`"
 */
export function celName(name: string): string {
  return CEL_RESERVED.has(name) ? `\`${name}\`` : name;
}

/** Words CEL reserves or gives a meaning of their own: a field of that name is written between backticks. */
export const CEL_RESERVED: ReadonlySet<string> = new Set([
  "true",
  "false",
  "null",
  "in",
  "as",
  "break",
  "const",
  "continue",
  "else",
  "for",
  "function",
  "if",
  "import",
  "let",
  "loop",
  "package",
  "namespace",
  "return",
  "var",
  "void",
  "while",
]);
