// The WebAssembly SIMD digit-search kernel, for any hash written symbolically over simd-graph's i32x4 nodes.
//
// Four lanes run four high values (hi) at once and the loop runs the low values (lo) inside: only the message
// words holding the last three digits change per iteration (from a table), the words holding the other digits are
// loaded once per call, and the fixed words and padding are folded into the code. Each iteration computes only the
// key word of the digest (the hash's `key` function: the graph drops every round the word does not need) and stores
// the four key words; a second loop tests them against the targets' bitmap (apart from the rounds, its cache misses
// overlap: 3% faster against a 1 MB bitmap) and writes the rare survivors as (lo * 4 + lane, key) for the caller to
// confirm.
// (Two groups of four lanes with their code interleaved, to overlap MD5's long dependency chain, measured no faster
// on the 2-core build machine: one group it is.)

import { emitSections, Graph, type Node } from "../sha256/simd-graph.js";
import {
  encodeModule,
  FunctionBuilder,
  I32,
  i32ConstBytes,
  localGetBytes,
  Op,
  Simd,
  simdLoad,
} from "../sha256/wasm-encoder.js";
import { instantiate, wasmAvailable } from "../sha256/wasm-kernels.js";

export { wasmAvailable };

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** Memory layout of a digit-search kernel (byte addresses). */
export const DigitLayout = {
  /** Call-invariant message words per lane: word w of lane l at high + 16w + 4l. */
  high: 0,
  /** (lo * 4 + lane, key) pairs: at most 1000 x 4 of 8 bytes */
  candidates: 1024,
  table: 40960,
  /** the key words of a call, lane by lane (lo - loStart) * 16 + 4 * lane: at most 1000 x 16 bytes */
  keys: 65536,
  bitmap: 81920,
  /** Inner loop length: the low digits enumerated per call (10^3). */
  maxInner: 1000,
  maxTableStride: 3,
} as const;

/** How a template's digit positions map onto message words; computed from the template by the caller. */
export interface DigitPlan {
  /** The 16 padded message words with every digit position set to "0". */
  readonly template: readonly number[];
  /** Word indices that depend on the high (outer) digits: loaded per call, per lane. */
  readonly highWords: readonly number[];
  /** Word indices that depend on the low (inner) digits, in table order. */
  readonly lowWords: readonly number[];
}

/** The key word of a hash of one padded block, built over graph nodes (the 16 message words as given). */
export type KeyFunction = (g: Graph, block: readonly Node[]) => Node;

/** An instantiated digit kernel. `run` returns the number of candidates written. */
export interface DigitKernel {
  readonly memory: WasmMemory;
  /** Enumerates low values lo in [loStart, loEnd) for the 4 lanes; candidates are (lo * 4 + lane, key). */
  run(loStart: number, loEnd: number, shift: number): number;
}

function buildDigitModule(plan: DigitPlan, key: KeyFunction): Uint8Array {
  const D = DigitLayout;
  const fn = new FunctionBuilder([I32, I32, I32], [I32]);
  const pStart = 0;
  const pEnd = 1;
  const pShift = 2;
  const lo = fn.local(I32);
  const tp = fn.local(I32);
  const cnt = fn.local(I32);
  const x = fn.local(I32);
  const bit = fn.local(I32);
  const stride = plan.lowWords.length * 4;

  const g = new Graph();
  const words: Node[] = plan.template.map((t, w) => {
    const parts: Node[] = [];
    if (plan.highWords.includes(w)) {
      parts.push(g.input(1, simdLoad(Simd.v128Load, i32ConstBytes(0), D.high + 16 * w)));
    } else parts.push(g.const(t));
    const j = plan.lowWords.indexOf(w);
    if (j >= 0) parts.push(g.input(2, simdLoad(Simd.v128Load32Splat, localGetBytes(tp), D.table + 4 * j)));
    return g.sum(...parts);
  });
  const sections = emitSections(fn, [key(g, words)]);
  const f = sections.rootLocals[0] as number;

  fn.append(sections.pre);
  fn.i32Const(0).set(cnt);
  fn.get(pStart).tee(lo).i32Const(stride).emit(Op.i32Mul).set(tp);
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(lo).get(pEnd).emit(Op.i32GeU, Op.brIf, 1);
  fn.append(sections.body);
  // the four key words go to memory; the bitmap is tested after the loop, where its cache misses overlap
  fn.get(lo)
    .get(pStart)
    .emit(Op.i32Sub)
    .i32Const(4)
    .emit(Op.i32Shl)
    .get(f)
    .simdMem(Simd.v128Store, 4, D.keys);
  fn.get(lo).i32Const(1).emit(Op.i32Add).set(lo);
  fn.get(tp).i32Const(stride).emit(Op.i32Add).set(tp);
  fn.emit(Op.br, 0, Op.end, Op.end);
  // i over the keys written, i = (lo - loStart) * 4 + lane, so the candidate's lo * 4 + lane is loStart * 4 + i
  const i = fn.local(I32);
  const n = fn.local(I32);
  fn.get(pEnd).get(pStart).emit(Op.i32Sub).i32Const(2).emit(Op.i32Shl).set(n);
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(i).get(n).emit(Op.i32GeU, Op.brIf, 1);
  fn.get(i).i32Const(2).emit(Op.i32Shl).mem(Op.i32Load, 2, D.keys).set(x);
  // bit = x >>> shift; test bitmap word (bit >>> 5), bit (bit & 31)
  fn.get(x).get(pShift).emit(Op.i32ShrU).tee(bit).i32Const(5).emit(Op.i32ShrU).i32Const(2).emit(Op.i32Shl);
  fn.mem(Op.i32Load, 2, D.bitmap).get(bit).emit(Op.i32ShrU).i32Const(1).emit(Op.i32And);
  fn.emit(Op.if, Op.blockEmpty);
  fn.get(cnt).i32Const(3).emit(Op.i32Shl).get(pStart).i32Const(2).emit(Op.i32Shl).get(i).emit(Op.i32Add);
  fn.mem(Op.i32Store, 2, D.candidates);
  fn.get(cnt)
    .i32Const(3)
    .emit(Op.i32Shl)
    .get(x)
    .mem(Op.i32Store, 2, D.candidates + 4);
  fn.get(cnt).i32Const(1).emit(Op.i32Add).set(cnt);
  fn.emit(Op.end);
  fn.get(i).i32Const(1).emit(Op.i32Add).set(i);
  fn.emit(Op.br, 0, Op.end, Op.end);
  fn.get(cnt);
  return encodeModule(2, [{ name: "search", fn }]);
}

/**
 * Builds and instantiates a kernel for `plan` computing `key`; throws if WebAssembly (SIMD) is unavailable.
 * @example createDigitKernel(plan, (g, block) => compressSymbolic(g, iv, block)[7] as Node)
 */
export function createDigitKernel(plan: DigitPlan, key: KeyFunction): DigitKernel {
  if (plan.lowWords.length > DigitLayout.maxTableStride) throw new Error("too many low digit words");
  const exports = instantiate(buildDigitModule(plan, key));
  return { memory: exports.memory as WasmMemory, run: exports.search as DigitKernel["run"] };
}
