// the positions of every ',' and LF in a block of CSV bytes, found 16 bytes at a time by a WebAssembly SIMD
// kernel (i8x16.eq + bitmask + ctz), so that indexing a plain block costs a few steps per field rather than a
// few per byte. Only for blocks without quotes (the caller checks); a JS loop does the same without WebAssembly.
// Why hand-written: CSV libraries (csv-parse and the like) build strings per field and run 5-15x slower; see
// docs/architecture.md and bench/records.mjs.
import { encodeModule, FunctionBuilder, I32, Op, Simd, V128 } from "../../crypto/sha256/wasm-encoder.js";
import { instantiate } from "../../crypto/sha256/wasm-kernels.js";
import { COMMA, CR, LF, QUOTE } from "./csv-syntax.js";

/** Bytes scanned per kernel call; positions go after the input (4 bytes each, so 4 x SEGMENT at most). */
const SEGMENT = 1 << 20;
const OUT = SEGMENT + 64;
/** where the kernel leaves the number of LFs it saw, and whether it saw a quote or a CR */
const LF_COUNT = SEGMENT + 32;
const SPECIAL = SEGMENT + 36;
const PAGES = Math.ceil((OUT + 4 * SEGMENT + 64) / 65_536);

interface Kernel {
  memory: Uint8Array;
  positions: Int32Array;
  run(n: number, out: number, base: number): number;
}

/** The locals `separatorMasks` reads and sets. */
export interface MaskLocals {
  /** the address of the 16 bytes */
  at: number;
  v: number;
  special: number;
  mlf: number;
  m: number;
  lf: number;
}

/**
 * Emits, for the 16 bytes at `at`: mlf = bitmask(v == LF); m = bitmask(v == ',') | mlf; lf += popcnt(mlf);
 * special |= (v == '"') | (v == CR). Shared by this scan and the check kernel's table scan (check-kernel.ts).
 */
export function separatorMasks(fn: FunctionBuilder, l: MaskLocals): void {
  fn.get(l.at).simdMem(Simd.v128Load, 0, 0).set(l.v);
  fn.get(l.v).i32Const(LF).simd(Simd.i8x16Splat).simd(Simd.i8x16Eq).simd(Simd.i8x16Bitmask).set(l.mlf);
  fn.get(l.special);
  fn.get(l.v).i32Const(QUOTE).simd(Simd.i8x16Splat).simd(Simd.i8x16Eq);
  fn.get(l.v).i32Const(CR).simd(Simd.i8x16Splat).simd(Simd.i8x16Eq);
  fn.simd(Simd.v128Or).simd(Simd.v128Or).set(l.special);
  fn.get(l.v).i32Const(COMMA).simd(Simd.i8x16Splat).simd(Simd.i8x16Eq).simd(Simd.i8x16Bitmask);
  fn.get(l.mlf).emit(Op.i32Or).set(l.m);
  fn.get(l.lf).get(l.mlf).emit(Op.i32Popcnt, Op.i32Add).set(l.lf);
}

/**
 * scan(n, out, base): for each ',' or LF at i < n in memory[0..n), stores i + base at out; returns the count and
 * leaves the number of LFs at LF_COUNT.
 */
function buildModule(): Uint8Array {
  const fn = new FunctionBuilder([I32, I32, I32], [I32]);
  const [n, out, base] = [0, 1, 2];
  const i = fn.local(I32);
  const m = fn.local(I32);
  const start = fn.local(I32);
  const lf = fn.local(I32);
  const mlf = fn.local(I32);
  const v = fn.local(V128);
  const special = fn.local(V128);
  fn.get(out).set(start);
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  // if i >= n: leave
  fn.get(i).get(n).emit(Op.i32GeU, Op.brIf, 1);
  separatorMasks(fn, { at: i, v, special, mlf, m, lf });
  fn.emit(Op.block, Op.blockEmpty, Op.loop, Op.blockEmpty);
  fn.get(m).emit(Op.i32Eqz, Op.brIf, 1);
  // store i + ctz(m) + base at out; out += 4; m &= m - 1
  fn.get(out);
  fn.get(i).get(m).emit(Op.i32Ctz, Op.i32Add).get(base).emit(Op.i32Add);
  fn.mem(Op.i32Store, 2, 0);
  fn.get(out).i32Const(4).emit(Op.i32Add).set(out);
  fn.get(m).get(m).i32Const(1).emit(Op.i32Sub, Op.i32And).set(m);
  fn.emit(Op.br, 0, Op.end, Op.end);
  fn.get(i).i32Const(16).emit(Op.i32Add).set(i);
  fn.emit(Op.br, 0, Op.end, Op.end);
  fn.i32Const(LF_COUNT).get(lf).mem(Op.i32Store, 2, 0);
  fn.i32Const(SPECIAL).get(special).simd(Simd.i8x16Bitmask).mem(Op.i32Store, 2, 0);
  fn.get(out).get(start).emit(Op.i32Sub).i32Const(2).emit(Op.i32ShrU);
  return encodeModule(PAGES, [{ name: "scan", fn }]);
}

let kernel: Kernel | null | undefined;

function getKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  try {
    const exports = instantiate(buildModule());
    const memory = exports.memory as { buffer: ArrayBuffer };
    kernel = {
      memory: new Uint8Array(memory.buffer),
      positions: new Int32Array(memory.buffer),
      run: exports.scan as Kernel["run"],
    };
  } catch {
    kernel = null;
  }
  return kernel;
}

/** The separators of a block, how many of them are LFs, and whether the block holds a quote or a CR. */
export interface Separators {
  sep: Int32Array;
  lfs: number;
  special: boolean;
}

/** The same positions by a JS loop (no WebAssembly, and the reference in tests). */
export function separatorsJs(bytes: Uint8Array): Separators {
  let out = new Int32Array(1024);
  let count = 0;
  let lfs = 0;
  let special = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF) lfs++;
    if (b === QUOTE || b === CR) special = true;
    if (b === COMMA || b === LF) {
      if (count === out.length) {
        const next = new Int32Array(out.length * 2);
        next.set(out);
        out = next;
      }
      out[count++] = i;
    }
  }
  return { sep: out.subarray(0, count), lfs, special };
}

/** Positions are written here and handed out as a view: one block at a time per thread, no garbage per block. */
let scratch = new Int32Array(0);

/**
 * Every position of ',' or LF in `bytes`, in order, the number of LFs and whether a quote or CR occurs. The
 * `sep` view is valid until the next call on the same thread.
 * @example separators(new TextEncoder().encode("a,b\n")) // { sep: Int32Array [1, 3], lfs: 1, special: false }
 */
export function separators(bytes: Uint8Array): Separators {
  const k = getKernel();
  if (!k) return separatorsJs(bytes);
  let count = 0;
  let lfs = 0;
  let special = false;
  for (let seg = 0; seg < bytes.length; seg += SEGMENT) {
    const len = Math.min(SEGMENT, bytes.length - seg);
    k.memory.set(bytes.subarray(seg, seg + len), 0);
    k.memory.fill(0, len, len + 16);
    const c = k.run(len, OUT, seg);
    lfs += k.positions[LF_COUNT >> 2] as number;
    if (k.positions[SPECIAL >> 2] !== 0) special = true;
    if (count + c > scratch.length) {
      const next = new Int32Array(Math.max(count + c, scratch.length * 2, 1 << 16));
      next.set(scratch.subarray(0, count));
      scratch = next;
    }
    scratch.set(k.positions.subarray(OUT >> 2, (OUT >> 2) + c), count);
    count += c;
  }
  // the kernel's memory held the input: wipe what it read
  k.memory.fill(0, 0, Math.min(SEGMENT, bytes.length) + 16);
  return { sep: scratch.subarray(0, count), lfs, special };
}
