// The WebAssembly SIMD kernels: 4-lane HMAC-SHA256 of short messages, and the symbolic SHA-256 that the
// digit-space search (../digits/kernel.ts) also builds on.
//
// Both are generated from the symbolic SHA-256 below (simd-graph.ts does the folding and hoisting), encoded
// by wasm-encoder.ts, and compiled synchronously on first use. Each lane is one independent message; the
// four lanes share the instruction stream, so four hashes cost roughly one scalar hash's instruction count.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtFile } from "../../built.js";
import { SHA256_K } from "./sha256.js";
import { emitSections, type Graph as G, Graph, type Node, transpose4 } from "./simd-graph.js";
import {
  encodeModule,
  FunctionBuilder,
  I32,
  i32ConstBytes,
  localGetBytes,
  Op,
  Simd,
  simdLoad,
} from "./wasm-encoder.js";

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
}

const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** Whether kernels can be built at all (some embedded runtimes have no WebAssembly). */
export const wasmAvailable: boolean = wasmApi !== undefined;

/** Compiles and instantiates a module without imports; throws where WebAssembly is unavailable. */
export function instantiate(bytes: Uint8Array): Record<string, unknown> {
  if (wasmApi === undefined) throw new Error("WebAssembly is not available");
  return new wasmApi.Instance(new wasmApi.Module(bytes), {}).exports;
}

const rotr = (g: G, x: Node, n: number): Node => g.rotr(x, n);

/**
 * SHA-256 compression over nodes: returns the 8 digest words `state[i] + final[i]`. Only what the
 * eventual roots reach is ever emitted, so asking for digest word 7 alone stops after round 60.
 */
export function compressSymbolic(g: G, state: readonly Node[], block: readonly Node[]): Node[] {
  // The schedule word is built right before its round, so emission order keeps few words alive at once.
  const w: Node[] = [...block];
  let [a, b, c, d, e, f, h6, h] = state as [Node, Node, Node, Node, Node, Node, Node, Node];
  for (let t = 0; t < 64; t++) {
    if (t >= 16) {
      const x = w[t - 15] as Node;
      const y = w[t - 2] as Node;
      const s0 = g.xor(g.xor(rotr(g, x, 7), rotr(g, x, 18)), g.shr(x, 3));
      const s1 = g.xor(g.xor(rotr(g, y, 17), rotr(g, y, 19)), g.shr(y, 10));
      w[t] = g.sum(w[t - 16] as Node, s0, w[t - 7] as Node, s1);
    }
    const bigS1 = g.xor(g.xor(rotr(g, e, 6), rotr(g, e, 11)), rotr(g, e, 25));
    const ch = g.bitselect(f, h6, e);
    const t1 = g.sum(h, g.const(SHA256_K[t] as number), w[t] as Node, ch, bigS1);
    const bigS0 = g.xor(g.xor(rotr(g, a, 2), rotr(g, a, 13)), rotr(g, a, 22));
    const maj = g.bitselect(c, b, g.xor(a, b));
    const t2 = g.add(bigS0, maj);
    h = h6;
    h6 = f;
    f = e;
    e = g.add(d, t1);
    d = c;
    c = b;
    b = a;
    a = g.add(t1, t2);
  }
  const fin = [a, b, c, d, e, f, h6, h];
  return state.map((s, i) => g.add(s, fin[i] as Node));
}

// ---------------------------------------------------------------------------------------------------------
// HMAC kernel

/** Memory layout of the HMAC kernel (byte addresses). */
export const HmacLayout = {
  innerState: 0,
  outerState: 32,
  mask: 1024,
  pad: 1024 + 56 * 64,
  offsets: 8192,
  out: 32768,
  messages: 32768 + 4096 * 32,
  /** Inner digests between the two passes: 8 lane-interleaved vectors (128 bytes) per group of 4. */
  inner: 32768 + 4096 * 32 + 256 * 1024 + 4096,
  /** Messages per kernel call. */
  chunk: 4096,
  /** Bytes of message data per kernel call (the kernel reads up to 64 bytes past a message start). */
  messageCapacity: 256 * 1024,
  pages: 9,
  /** Longest message the kernel handles (one inner block with padding). */
  maxShort: 55,
} as const;

/** An instantiated HMAC kernel: fill the memory, then `run(n, base)`. */
export interface HmacKernel {
  readonly memory: Uint8Array;
  readonly words: Uint32Array;
  /** HMACs messages `0..n-1` described by `offsets` (absolute, minus `base`) into `out`. */
  run(n: number, base: number): void;
}

/** Emits `block; loop; if (counter >= limit) break; ...body...; counter += step; br loop; end; end`. */
function countedLoop(
  fn: FunctionBuilder,
  counter: number,
  limit: number,
  step: number,
  body: () => void,
): void {
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(counter).get(limit).emit(Op.i32GeU, Op.brIf, 1);
  body();
  fn.get(counter).i32Const(step).emit(Op.i32Add).set(counter);
  fn.emit(Op.br, 0, Op.end, Op.end);
}

/**
 * Two passes over the chunk, each a loop over groups of 4 messages: (1) build the padded inner blocks and
 * compress them from the ipad state, storing the inner digests; (2) compress those from the opad state and
 * store the MACs. Two half-size loop bodies stay in the instruction caches; one unrolled body with both
 * compressions (about 35 KB of machine code) does not: 4.4 against 6.6 M HMAC/s per core, measured.
 */
/** The build's copy of the HMAC kernel's module (scripts/bundle.mjs writes it from buildHmacModule). */
export const HMAC_MODULE_FILE = "crypto/sha256/hmac-kernel.wasm";

/**
 * The HMAC kernel's module: the build's copy when there is one, else generated here. Generating it is 40-100 ms of
 * every process and worker thread that hashes; test/built.test.ts keeps the copy equal to what this code generates.
 */
function hmacModule(): Uint8Array {
  try {
    return readFileSync(fileURLToPath(builtFile(HMAC_MODULE_FILE)));
  } catch {
    return buildHmacModule();
  }
}

/** Generates the HMAC kernel's module bytes. */
export function buildHmacModule(): Uint8Array {
  const L = HmacLayout;
  const fn = new FunctionBuilder([I32, I32], []);
  const pN = 0;
  const pBase = 1;
  const g4 = fn.local(I32);
  const ptr = fn.local(I32);
  const outp = fn.local(I32);
  const idx = fn.local(I32);
  const valid = fn.local(I32);
  const off = fn.local(I32);
  const len = fn.local(I32);
  const addr = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];
  const maskOff = [fn.local(I32), fn.local(I32), fn.local(I32), fn.local(I32)];

  // Pass 1: inner compression.
  const g1 = new Graph();
  const inner = Array.from({ length: 8 }, (_, i) =>
    g1.input(1, simdLoad(Simd.v128Load32Splat, i32ConstBytes(0), L.innerState + 4 * i)),
  );
  // Per lane and quad: (16 message bytes & mask[len]) | pad[len], then a transpose with byte swap.
  const quads: Node[][] = [0, 1, 2, 3].map((lane) =>
    [0, 1, 2, 3].map((q) => {
      const msg = g1.input(2, simdLoad(Simd.v128Load, localGetBytes(addr[lane] as number), q * 16));
      const mask = g1.input(
        2,
        simdLoad(Simd.v128Load, localGetBytes(maskOff[lane] as number), L.mask + q * 16),
      );
      const pad = g1.input(
        2,
        simdLoad(Simd.v128Load, localGetBytes(maskOff[lane] as number), L.pad + q * 16),
      );
      return g1.or(g1.and(msg, mask), pad);
    }),
  );
  const block: Node[] = [];
  for (let q = 0; q < 4; q++) {
    block.push(
      ...transpose4(
        g1,
        [0, 1, 2, 3].map((lane) => (quads[lane] as Node[])[q] as Node),
        true,
      ),
    );
  }
  const innerSections = emitSections(fn, compressSymbolic(g1, inner, block));

  // Pass 2: outer compression over the stored inner digests (padding words are constants).
  const g2 = new Graph();
  const outer = Array.from({ length: 8 }, (_, i) =>
    g2.input(1, simdLoad(Simd.v128Load32Splat, i32ConstBytes(0), L.outerState + 4 * i)),
  );
  const digest = Array.from({ length: 8 }, (_, i) =>
    g2.input(2, simdLoad(Simd.v128Load, localGetBytes(ptr), 16 * i)),
  );
  const outerBlock = [
    ...digest,
    g2.const(0x80000000),
    ...Array.from({ length: 6 }, () => g2.const(0)),
    g2.const(768),
  ];
  const mac = compressSymbolic(g2, outer, outerBlock);
  const outerSections = emitSections(fn, [
    ...transpose4(g2, mac.slice(0, 4), true),
    ...transpose4(g2, mac.slice(4, 8), true),
  ]);

  fn.append(innerSections.pre);
  fn.i32Const(0).set(g4);
  fn.i32Const(L.inner).set(ptr);
  countedLoop(fn, g4, pN, 4, () => {
    for (let lane = 0; lane < 4; lane++) {
      fn.get(g4).i32Const(lane).emit(Op.i32Add).tee(idx).get(pN).emit(Op.i32LtU).set(valid);
      fn.get(idx).i32Const(2).emit(Op.i32Shl).tee(off);
      fn.mem(Op.i32Load, 2, L.offsets + 4);
      fn.get(off).mem(Op.i32Load, 2, L.offsets).tee(off).emit(Op.i32Sub).set(len);
      // addr = valid ? messages + off - base : messages (stale offsets past n must never be dereferenced)
      fn.get(off).get(pBase).emit(Op.i32Sub).i32Const(L.messages).emit(Op.i32Add);
      fn.i32Const(L.messages)
        .get(valid)
        .emit(Op.select)
        .set(addr[lane] as number);
      // len = valid && len <= 55 ? len : 0 (longer messages are redone by the caller)
      fn.get(len)
        .i32Const(0)
        .get(len)
        .i32Const(L.maxShort + 1)
        .emit(Op.i32LtU)
        .get(valid);
      fn.emit(Op.i32And, Op.select)
        .i32Const(6)
        .emit(Op.i32Shl)
        .set(maskOff[lane] as number);
    }
    fn.append(innerSections.body);
    innerSections.rootLocals.forEach((local, i) => {
      fn.get(ptr)
        .get(local)
        .simdMem(Simd.v128Store, 4, 16 * i);
    });
    fn.get(ptr).i32Const(128).emit(Op.i32Add).set(ptr);
  });

  fn.append(outerSections.pre);
  fn.i32Const(0).set(g4);
  fn.i32Const(L.inner).set(ptr);
  fn.i32Const(L.out).set(outp);
  countedLoop(fn, g4, pN, 4, () => {
    fn.append(outerSections.body);
    // Group g's MACs go to out + 32 * (4g + lane) = outp + 32 lane (+ 16 for words 4..7).
    for (let lane = 0; lane < 4; lane++) {
      for (const half of [0, 1]) {
        fn.get(outp).get(outerSections.rootLocals[4 * half + lane] as number);
        fn.simdMem(Simd.v128Store, 4, 32 * lane + 16 * half);
      }
    }
    fn.get(ptr).i32Const(128).emit(Op.i32Add).set(ptr);
    fn.get(outp).i32Const(128).emit(Op.i32Add).set(outp);
  });
  return encodeModule(L.pages, [{ name: "hmac", fn }]);
}

let hmacKernel: HmacKernel | null | undefined;

/** The HMAC kernel, built on first use; `null` where WebAssembly SIMD is unavailable. */
export function getHmacKernel(): HmacKernel | null {
  if (hmacKernel !== undefined) return hmacKernel;
  hmacKernel = null;
  if (!wasmAvailable) return null;
  try {
    const exports = instantiate(hmacModule());
    const memory = exports.memory as WasmMemory;
    const run = exports.hmac as (n: number, base: number) => void;
    const bytes = new Uint8Array(memory.buffer);
    const L = HmacLayout;
    for (let len = 0; len <= L.maxShort; len++) {
      bytes.fill(0xff, L.mask + len * 64, L.mask + len * 64 + len);
      bytes[L.pad + len * 64 + len] = 0x80;
      const bits = (64 + len) * 8;
      bytes[L.pad + len * 64 + 62] = bits >>> 8;
      bytes[L.pad + len * 64 + 63] = bits & 0xff;
    }
    hmacKernel = { memory: bytes, words: new Uint32Array(memory.buffer), run };
  } catch {
    hmacKernel = null;
  }
  return hmacKernel;
}
