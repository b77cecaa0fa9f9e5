// The hash audit's kernel: hash every number of a digit space in a fixed format and report the digests found.
//
// A template such as "010-####-####" has one '#' per digit (most significant first). Numbers are enumerated
// as hi * 1000 + lo: the WebAssembly kernel runs four `hi` values in its four lanes and loops over `lo`
// inside, so only the message words holding the last three digits change per iteration (the others are
// loaded once per call, the fixed words and padding are folded into the code). Each iteration computes only
// digest word 7 (60 of 64 rounds), tests it against the targets' bitmap, and the rare survivors are
// re-hashed in full and compared exactly, so a reported match is always a true match.
//
// Work splits by range: call with disjoint [start, end) in each worker thread.

import { ExitCode, JikimiError } from "../../errors.js";
import { DigestSet } from "./digest-set.js";
import { compress, SHA256_IV, sha256 } from "./sha256.js";
import {
  createDigitKernel,
  type DigitKernel,
  DigitLayout,
  type DigitPlan,
  wasmAvailable,
} from "./wasm-kernels.js";

/** Common formats of a Korean mobile number (010 plus 8 digits). */
export const KOREAN_MOBILE_TEMPLATES = {
  plain: "010########",
  hyphenated: "010-####-####",
  international: "+8210########",
} as const;

/** One digest found: the enumerated number, the exact string hashed, and which target it hashes to. */
export interface DigitMatch {
  readonly number: number;
  readonly text: string;
  /** Index of the target in the {@link DigestSet}. */
  readonly target: number;
  /** The digest, lower-case hex. */
  readonly digest: string;
}

/** `engine`: "auto" (WebAssembly SIMD when present), or force "wasm" / "js" (the portable reference). */
export interface DigitSearchOptions {
  readonly engine?: "auto" | "wasm" | "js";
}

const MAX_DIGITS = 15;
const MAX_TEMPLATE_BYTES = 55;

interface Parsed {
  readonly template: string;
  readonly bytes: Uint8Array;
  /** Byte positions of the digits, most significant first. */
  readonly positions: readonly number[];
  readonly words: Int32Array;
  readonly lowDigits: number;
  readonly inner: number;
  readonly plan: DigitPlan;
  readonly table: Uint32Array;
  wasm: { kernel: DigitKernel; u32: Uint32Array; loaded: DigestSet | null } | null | undefined;
}

const parsedCache = new Map<string, Parsed>();
const CACHE_LIMIT = 16;

function templateError(detail: string): JikimiError {
  return new JikimiError("digit_template_invalid", detail);
}

function parse(template: string): Parsed {
  const cached = parsedCache.get(template);
  if (cached !== undefined) return cached;
  if (template.length > MAX_TEMPLATE_BYTES) {
    throw templateError(
      `digit template is ${template.length} characters; at most ${MAX_TEMPLATE_BYTES} fit one block`,
    );
  }
  const bytes = new Uint8Array(template.length);
  const positions: number[] = [];
  for (let i = 0; i < template.length; i++) {
    const c = template.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw templateError(`digit template "${template}" must be printable ASCII`);
    if (c === 0x23) positions.push(i);
    bytes[i] = c === 0x23 ? 0x30 : c;
  }
  if (positions.length < 1 || positions.length > MAX_DIGITS) {
    throw templateError(`digit template "${template}" needs 1 to ${MAX_DIGITS} '#' digit places`);
  }
  const block = new Uint8Array(64);
  block.set(bytes);
  block[bytes.length] = 0x80;
  const bits = bytes.length * 8;
  block[62] = bits >>> 8;
  block[63] = bits & 0xff;
  const words = new Int32Array(16);
  for (let i = 0; i < 16; i++) {
    words[i] =
      ((block[4 * i] as number) << 24) |
      ((block[4 * i + 1] as number) << 16) |
      ((block[4 * i + 2] as number) << 8) |
      (block[4 * i + 3] as number);
  }
  const lowDigits = Math.min(3, positions.length);
  const inner = 10 ** lowDigits;
  const lowPos = positions.slice(positions.length - lowDigits);
  const highPos = positions.slice(0, positions.length - lowDigits);
  const highWords = [...new Set(highPos.map((p) => p >> 2))].sort((a, b) => a - b);
  const lowWords = [...new Set(lowPos.map((p) => p >> 2))];
  const table = new Uint32Array(inner * lowWords.length);
  for (let lo = 0; lo < inner; lo++) {
    lowPos.forEach((p, i) => {
      const d = Math.floor(lo / 10 ** (lowDigits - 1 - i)) % 10;
      const j = lowWords.indexOf(p >> 2);
      const at = lo * lowWords.length + j;
      table[at] = ((table[at] as number) + (d << (24 - 8 * (p & 3)))) >>> 0;
    });
  }
  const parsed: Parsed = {
    template,
    bytes,
    positions,
    words,
    lowDigits,
    inner,
    plan: { template: Array.from(words), highWords, lowWords },
    table,
    wasm: undefined,
  };
  // Each entry may own a compiled kernel and its memory: keep only the most recent few templates.
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(template, parsed);
  return parsed;
}

/**
 * The string `template` yields for `n`: each '#' takes one digit, most significant first, zero-padded.
 * @example formatDigits("010-####-####", 12345678) // "010-1234-5678"
 */
export function formatDigits(template: string, n: number): string {
  const p = parse(template);
  const chars = Array.from(template);
  const d = p.positions.length;
  p.positions.forEach((pos, i) => {
    chars[pos] = String(Math.floor(n / 10 ** (d - 1 - i)) % 10);
  });
  return chars.join("");
}

function textBytes(p: Parsed, n: number): Uint8Array {
  const out = Uint8Array.from(p.bytes);
  const d = p.positions.length;
  p.positions.forEach((pos, i) => {
    out[pos] = 0x30 + (Math.floor(n / 10 ** (d - 1 - i)) % 10);
  });
  return out;
}

/** Full re-hash of a candidate; returns the match when the digest is really a target. */
function confirm(p: Parsed, n: number, targets: DigestSet): DigitMatch | null {
  const digest = sha256(textBytes(p, n));
  const target = targets.indexOf(digest);
  if (target < 0) return null;
  return { number: n, text: formatDigits(p.template, n), target, digest: targets.hex(target) };
}

function wasmFor(p: Parsed): NonNullable<Parsed["wasm"]> | null {
  if (p.wasm !== undefined) return p.wasm;
  p.wasm = null;
  if (!wasmAvailable) return null;
  let kernel: DigitKernel;
  try {
    kernel = createDigitKernel(p.plan);
  } catch {
    return null; // no SIMD support: the portable path serves; a kernel that runs but disagrees throws below
  }
  const state = { kernel, u32: new Uint32Array(kernel.memory.buffer), loaded: null };
  p.wasm = state;
  selfCheck(p, state);
  return state;
}

function ensureMemory(state: NonNullable<Parsed["wasm"]>, bitmapBytes: number): void {
  const needed = Math.ceil((DigitLayout.bitmap + bitmapBytes) / 65536);
  const have = state.kernel.memory.buffer.byteLength / 65536;
  if (needed > have) {
    state.kernel.memory.grow(needed - have);
    state.u32 = new Uint32Array(state.kernel.memory.buffer);
  }
}

function loadHigh(p: Parsed, u32: Uint32Array, hiBase: number): void {
  const d = p.positions.length;
  const hiDigits = d - p.lowDigits;
  const hiMod = 10 ** hiDigits;
  const words = p.words;
  for (const w of p.plan.highWords) {
    for (let lane = 0; lane < 4; lane++) u32[(DigitLayout.high >> 2) + 4 * w + lane] = words[w] as number;
  }
  for (let lane = 0; lane < 4; lane++) {
    const hi = (hiBase + lane) % hiMod;
    for (let i = 0; i < hiDigits; i++) {
      const digit = Math.floor(hi / 10 ** (hiDigits - 1 - i)) % 10;
      const pos = p.positions[i] as number;
      const at = (DigitLayout.high >> 2) + 4 * (pos >> 2) + lane;
      u32[at] = ((u32[at] as number) + (digit << (24 - 8 * (pos & 3)))) >>> 0;
    }
  }
}

/** Word 7 of SHA-256 of the template's string for `n`, by the portable code (the kernel's reference). */
function referenceTail(p: Parsed, n: number): number {
  const d = sha256(textBytes(p, n));
  return (
    (((d[28] as number) << 24) | ((d[29] as number) << 16) | ((d[30] as number) << 8) | (d[31] as number)) >>>
    0
  );
}

/** Runs a freshly built kernel with an all-ones bitmap over a few numbers and compares every word 7. */
function selfCheck(p: Parsed, state: NonNullable<Parsed["wasm"]>): void {
  const shift = 16;
  ensureMemory(state, 8192);
  state.u32.fill(0xffffffff, DigitLayout.bitmap >> 2, (DigitLayout.bitmap + 8192) >> 2);
  state.u32.set(p.table, DigitLayout.table >> 2);
  // The last four high values (all nines where possible) exercise every high digit position.
  const hiBase = Math.max(0, 10 ** (p.positions.length - p.lowDigits) - 4);
  loadHigh(p, state.u32, hiBase);
  const los = Math.min(8, p.inner);
  const count = state.kernel.run(0, los, shift);
  let ok = count === los * 4;
  const limit = 10 ** p.positions.length;
  for (let i = 0; ok && i < count; i++) {
    const packed = state.u32[(DigitLayout.candidates >> 2) + 2 * i] as number;
    const tail = state.u32[(DigitLayout.candidates >> 2) + 2 * i + 1] as number;
    const n = (hiBase + (packed & 3)) * p.inner + (packed >>> 2);
    if (n < limit && tail !== referenceTail(p, n)) ok = false;
  }
  state.loaded = null;
  if (!ok) {
    throw new JikimiError(
      "sha256_kernel_mismatch",
      "the WebAssembly SHA-256 digit kernel disagrees with the reference",
      { exitCode: ExitCode.internal },
    );
  }
}

function checkRange(p: Parsed, start: number, end: number): void {
  const limit = 10 ** p.positions.length;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > limit) {
    throw templateError(`range [${start}, ${end}) must be integers within [0, ${limit}] for "${p.template}"`);
  }
}

function searchWasm(
  p: Parsed,
  state: NonNullable<Parsed["wasm"]>,
  start: number,
  end: number,
  targets: DigestSet,
): DigitMatch[] {
  const matches: DigitMatch[] = [];
  if (start >= end) return matches;
  if (state.loaded !== targets) {
    ensureMemory(state, targets.bitmap.byteLength);
    state.u32.set(targets.bitmap, DigitLayout.bitmap >> 2);
    state.u32.set(p.table, DigitLayout.table >> 2);
    state.loaded = targets;
  }
  const u32 = state.u32;
  const inner = p.inner;
  const hiFirst = Math.floor(start / inner);
  const hiLast = Math.floor((end - 1) / inner);
  const cand = DigitLayout.candidates >> 2;
  for (let hb = hiFirst; hb <= hiLast; hb += 4) {
    loadHigh(p, u32, hb);
    const count = state.kernel.run(0, inner, targets.shift);
    for (let i = 0; i < count; i++) {
      const packed = u32[cand + 2 * i] as number;
      const n = (hb + (packed & 3)) * inner + (packed >>> 2);
      if (n < start || n >= end || !targets.hasTail(u32[cand + 2 * i + 1] as number)) continue;
      const m = confirm(p, n, targets);
      if (m !== null) matches.push(m);
    }
  }
  return matches;
}

function searchJs(p: Parsed, start: number, end: number, targets: DigestSet): DigitMatch[] {
  const matches: DigitMatch[] = [];
  if (start >= end) return matches;
  const w = new Int32Array(64);
  const st = new Int32Array(8);
  w.set(p.words);
  const positions = p.positions;
  const digits = textBytes(p, start);
  for (const pos of positions) {
    const s = 24 - 8 * (pos & 3);
    w[pos >> 2] = ((w[pos >> 2] as number) & ~(0xff << s)) | ((digits[pos] as number) << s);
  }
  const last = positions.length - 1;
  for (let n = start; n < end; n++) {
    st.set(SHA256_IV);
    compress(st, w);
    const tail = (st[7] as number) >>> 0;
    if (targets.mayContainTail(tail) && targets.hasTail(tail)) {
      const m = confirm(p, n, targets);
      if (m !== null) matches.push(m);
    }
    // Increment the decimal digits in place, carrying leftwards.
    for (let i = last; i >= 0; i--) {
      const pos = positions[i] as number;
      const s = 24 - 8 * (pos & 3);
      const c = (digits[pos] as number) + 1;
      const next = c > 0x39 ? 0x30 : c;
      digits[pos] = next;
      w[pos >> 2] = ((w[pos >> 2] as number) & ~(0xff << s)) | (next << s);
      if (c <= 0x39) break;
    }
  }
  return matches;
}

/**
 * Hashes the string of every number in [start, end) laid out by `template` ('#' = one digit, most
 * significant first) and returns the numbers whose SHA-256 is among `targets`, sorted by number.
 * Pass a {@link DigestSet} to reuse it across calls; split big ranges across worker threads.
 * @example sha256DigitTemplate("010-####-####", 0, 1e8, DigestSet.from(hexes))
 */
export function sha256DigitTemplate(
  template: string,
  start: number,
  end: number,
  targets: DigestSet | Iterable<string | Uint8Array>,
  options: DigitSearchOptions = {},
): DigitMatch[] {
  const p = parse(template);
  checkRange(p, start, end);
  const set = targets instanceof DigestSet ? targets : DigestSet.from(targets);
  const engine = options.engine ?? "auto";
  if (set.size === 0) return [];
  const state = engine === "js" ? null : wasmFor(p);
  if (engine === "wasm" && state === null) {
    throw new JikimiError("wasm_unavailable", "this runtime has no WebAssembly; use the js engine");
  }
  const matches = state === null ? searchJs(p, start, end, set) : searchWasm(p, state, start, end, set);
  return matches.sort((a, b) => a.number - b.number);
}

/**
 * {@link sha256DigitTemplate} for `prefix` followed by `digits` zero-padded digits, e.g. ("010", 8) enumerates
 * "01000000000".."01099999999".
 * @example sha256Digits("010", 8, 0, 50_000_000, targets) // first half, for worker 1 of 2
 */
export function sha256Digits(
  prefix: string,
  digits: number,
  start: number,
  end: number,
  targets: DigestSet | Iterable<string | Uint8Array>,
  options: DigitSearchOptions = {},
): DigitMatch[] {
  if (prefix.includes("#")) throw templateError("a digit prefix cannot contain '#'");
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
    throw templateError(`digits must be 1 to ${MAX_DIGITS}, got ${digits}`);
  }
  return sha256DigitTemplate(prefix + "#".repeat(digits), start, end, targets, options);
}
