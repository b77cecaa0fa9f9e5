// The hash audit's digit search: hash every number of a digit space laid out by a template ("010-####-####") with
// MD5, SHA-1 or SHA-256 and report the digests found among the targets.
//
// The WebAssembly kernel (kernel.ts) runs four high values in its four lanes and loops over the low three digits
// inside; each iteration computes only the digest's key word and tests it against the targets' bitmap, and the rare
// survivors are re-hashed in full and compared exactly, so a reported match is always a true match. Each kernel
// checks itself against the reference hash when it is built. The "js" engine hashes every number with the
// reference (slow: for tests and runtimes without WebAssembly).
//
// Work splits by range: call with disjoint [start, end) in each worker thread.

import { JikimiError } from "../../errors.js";
import { DIGIT_HASHES, type DigitAlgorithm, type DigitAlgorithmName } from "./algorithms.js";
import { DigestSet, wordAt } from "./digest-set.js";
import { createDigitKernel, type DigitKernel, DigitLayout, wasmAvailable } from "./kernel.js";
import {
  type BlockPlan,
  byteShift,
  checkRange,
  type DigitTemplate,
  formatDigits,
  parseTemplate,
  planBlock,
  textBytes,
} from "./template.js";

/** One digest found: the enumerated number, the exact string hashed, and which target it hashes to. */
export interface DigitMatch {
  readonly number: number;
  readonly text: string;
  /** Index of the target in the {@link DigestSet}. */
  readonly target: number;
  /** The digest, lower-case hex. */
  readonly digest: string;
}

/** `engine`: "auto" (WebAssembly SIMD when present), or force "wasm" / "js" (the reference, one hash at a time). */
export interface DigitSearchOptions {
  readonly engine?: "auto" | "wasm" | "js";
}

interface WasmState {
  kernel: DigitKernel;
  u32: Uint32Array;
  loaded: DigestSet | null;
}

interface Parsed {
  readonly alg: DigitAlgorithm;
  readonly t: DigitTemplate;
  readonly plan: BlockPlan;
  wasm: WasmState | null | undefined;
}

const parsedCache = new Map<string, Parsed>();
const CACHE_LIMIT = 16;

function parse(alg: DigitAlgorithm, template: string): Parsed {
  const id = `${alg.name}:${template}`;
  const cached = parsedCache.get(id);
  if (cached !== undefined) return cached;
  const t = parseTemplate(template);
  const parsed: Parsed = { alg, t, plan: planBlock(t, alg.endian), wasm: undefined };
  // Each entry may own a compiled kernel and its memory: keep only the most recent few templates.
  if (parsedCache.size >= CACHE_LIMIT) parsedCache.delete(parsedCache.keys().next().value as string);
  parsedCache.set(id, parsed);
  return parsed;
}

/** The reference key word of the template's string for `n`. */
function referenceKey(p: Parsed, n: number): number {
  const spec = p.alg.digests;
  return wordAt(p.alg.digest(textBytes(p.t, n)), spec.keyOffset, spec.endian);
}

/** Numbers found and the target each hashes to, in the order found. */
interface Hits {
  readonly numbers: number[];
  readonly targets: number[];
}

/** Full re-hash of a candidate; records it when the digest is really a target. */
function confirm(p: Parsed, n: number, targets: DigestSet, hits: Hits): void {
  const target = targets.indexOf(p.alg.digest(textBytes(p.t, n)));
  if (target < 0) return;
  hits.numbers.push(n);
  hits.targets.push(target);
}

function wasmFor(p: Parsed): WasmState | null {
  if (p.wasm !== undefined) return p.wasm;
  p.wasm = null;
  if (!wasmAvailable) return null;
  let kernel: DigitKernel;
  try {
    kernel = createDigitKernel(
      { template: Array.from(p.plan.words), highWords: p.plan.highWords, lowWords: p.plan.lowWords },
      p.alg.key,
    );
  } catch {
    return null; // no SIMD support: the reference serves; a kernel that runs but disagrees throws below
  }
  const state: WasmState = { kernel, u32: new Uint32Array(kernel.memory.buffer), loaded: null };
  p.wasm = state;
  selfCheck(p, state);
  return state;
}

function ensureMemory(state: WasmState, bitmapBytes: number): void {
  const needed = Math.ceil((DigitLayout.bitmap + bitmapBytes) / 65536);
  const have = state.kernel.memory.buffer.byteLength / 65536;
  if (needed > have) {
    state.kernel.memory.grow(needed - have);
    state.u32 = new Uint32Array(state.kernel.memory.buffer);
  }
}

/** Writes the message words of the high digits for lanes hiBase .. hiBase + 3. */
function loadHigh(p: Parsed, u32: Uint32Array, hiBase: number): void {
  const d = p.t.positions.length;
  const hiDigits = d - p.plan.lowDigits;
  const hiMod = 10 ** hiDigits;
  const words = p.plan.words;
  /** word index of lane `lane`'s word w */
  const slot = (lane: number, w: number) => (DigitLayout.high >> 2) + 4 * w + lane;
  for (const w of p.plan.highWords) {
    for (let lane = 0; lane < 4; lane++) u32[slot(lane, w)] = words[w] as number;
  }
  for (let lane = 0; lane < 4; lane++) {
    const hi = (hiBase + lane) % hiMod;
    for (let i = 0; i < hiDigits; i++) {
      const digit = Math.floor(hi / 10 ** (hiDigits - 1 - i)) % 10;
      const pos = p.t.positions[i] as number;
      const at = slot(lane, pos >> 2);
      u32[at] = ((u32[at] as number) + (digit << byteShift(p.plan.endian, pos))) >>> 0;
    }
  }
}

/** Runs a freshly built kernel with an all-ones bitmap over a few numbers and compares every key word. */
function selfCheck(p: Parsed, state: WasmState): void {
  const shift = 16;
  ensureMemory(state, 8192);
  state.u32.fill(0xffffffff, DigitLayout.bitmap >> 2, (DigitLayout.bitmap + 8192) >> 2);
  state.u32.set(p.plan.table, DigitLayout.table >> 2);
  // The last four high values (all nines where possible) exercise every high digit position.
  const hiBase = Math.max(0, 10 ** (p.t.positions.length - p.plan.lowDigits) - 4);
  loadHigh(p, state.u32, hiBase);
  const los = Math.min(8, p.plan.inner);
  const count = state.kernel.run(0, los, shift);
  let ok = count === los * 4;
  const limit = 10 ** p.t.positions.length;
  for (let i = 0; ok && i < count; i++) {
    const packed = state.u32[(DigitLayout.candidates >> 2) + 2 * i] as number;
    const key = state.u32[(DigitLayout.candidates >> 2) + 2 * i + 1] as number;
    const n = (hiBase + (packed & 3)) * p.plan.inner + (packed >>> 2);
    if (n < limit && key !== referenceKey(p, n)) ok = false;
  }
  state.loaded = null;
  if (!ok) {
    throw new JikimiError(
      `${p.alg.name}_kernel_mismatch` as const,
      `the WebAssembly ${p.alg.digests.name} digit kernel disagrees with the reference`,
    );
  }
}

function searchWasm(
  p: Parsed,
  state: WasmState,
  start: number,
  end: number,
  targets: DigestSet,
  hits: Hits,
): void {
  if (start >= end) return;
  if (state.loaded !== targets) {
    ensureMemory(state, targets.bitmap.byteLength);
    state.u32.set(targets.bitmap, DigitLayout.bitmap >> 2);
    state.u32.set(p.plan.table, DigitLayout.table >> 2);
    state.loaded = targets;
  }
  const u32 = state.u32;
  const inner = p.plan.inner;
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
      confirm(p, n, targets, hits);
    }
  }
}

function searchJs(p: Parsed, start: number, end: number, targets: DigestSet, hits: Hits): void {
  for (let n = start; n < end; n++) confirm(p, n, targets, hits);
}

/** The targets as a set of `alg`'s digests; a set of another shape is refused. */
function targetSet(alg: DigitAlgorithm, targets: DigestSet | Iterable<string | Uint8Array>): DigestSet {
  if (!(targets instanceof DigestSet)) return DigestSet.from(targets, alg.digests);
  const s = targets.spec;
  const want = alg.digests;
  if (s.bytes !== want.bytes || s.keyOffset !== want.keyOffset || s.endian !== want.endian) {
    throw new JikimiError("digest_invalid", `the target set holds ${s.name} digests, not ${want.name}`);
  }
  return targets;
}

function search(
  algorithm: DigitAlgorithmName,
  template: string,
  start: number,
  end: number,
  targets: DigestSet | Iterable<string | Uint8Array>,
  options: DigitSearchOptions,
): { readonly p: Parsed; readonly set: DigestSet; readonly hits: Hits } {
  const alg = DIGIT_HASHES[algorithm];
  const p = parse(alg, template);
  checkRange(p.t, start, end);
  const set = targetSet(alg, targets);
  const hits: Hits = { numbers: [], targets: [] };
  const engine = options.engine ?? "auto";
  if (set.size === 0) return { p, set, hits };
  const state = engine === "js" ? null : wasmFor(p);
  if (engine === "wasm" && state === null) {
    throw new JikimiError("wasm_unavailable", "this runtime has no WebAssembly; use the js engine");
  }
  if (state === null) searchJs(p, start, end, set, hits);
  else searchWasm(p, state, start, end, set, hits);
  return { p, set, hits };
}

/**
 * Hashes the string of every number in [start, end) laid out by `template` ('#' = one digit, most
 * significant first) with `algorithm` and returns the numbers whose digest is among `targets`, sorted by number.
 * Pass a {@link DigestSet} (built with the algorithm's spec) to reuse it across calls; split big ranges across
 * worker threads.
 * @example digitTemplateSearch("md5", "010-####-####", 0, 1e8, DigestSet.from(hexes, MD5_DIGESTS))
 */
export function digitTemplateSearch(
  algorithm: DigitAlgorithmName,
  template: string,
  start: number,
  end: number,
  targets: DigestSet | Iterable<string | Uint8Array>,
  options: DigitSearchOptions = {},
): DigitMatch[] {
  const { p, set, hits } = search(algorithm, template, start, end, targets, options);
  const matches = hits.numbers.map(
    (n, i): DigitMatch => ({
      number: n,
      text: formatDigits(p.t.template, n),
      target: hits.targets[i] as number,
      digest: set.hex(hits.targets[i] as number),
    }),
  );
  return matches.sort((a, b) => a.number - b.number);
}

/**
 * {@link digitTemplateSearch} for callers that need only which targets were found (the hash audit's workers):
 * the target index of each match, in the order of the numbers, with no string made per match.
 * @example digitTemplateTargets("sha256", "010########", 0, 5e6, set) // [17, 4, ...]
 */
export function digitTemplateTargets(
  algorithm: DigitAlgorithmName,
  template: string,
  start: number,
  end: number,
  targets: DigestSet,
  options: DigitSearchOptions = {},
): number[] {
  const { hits } = search(algorithm, template, start, end, targets, options);
  const order = hits.numbers
    .map((_, i) => i)
    .sort((a, b) => (hits.numbers[a] as number) - (hits.numbers[b] as number));
  return order.map((i) => hits.targets[i] as number);
}
