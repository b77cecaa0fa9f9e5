// A minimal WebAssembly binary encoder: just the sections, opcodes and LEB128 forms the SHA-256 kernels and the
// CSV separator scan use.
//
// No toolchain can be downloaded here, so the kernels are written as TypeScript that emits bytes; the
// module is validated and compiled by the engine at load time (a few milliseconds) and cross-checked in tests.

/** Value types used by the kernels. */
export const I32 = 0x7f;
export const V128 = 0x7b;
type ValType = typeof I32 | typeof V128;

/** Scalar opcodes (single byte). */
export const Op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  return: 0x0f,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i32Load8U: 0x2d,
  i32Store: 0x36,
  i32Store8: 0x3a,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i32Ctz: 0x68,
  i32Popcnt: 0x69,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32RemU: 0x70,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i32Rotr: 0x78,
  blockEmpty: 0x40,
} as const;

/** SIMD opcodes (after the 0xfd prefix, LEB128-encoded). */
export const Simd = {
  v128Load: 0x00,
  v128Load32Splat: 0x09,
  v128Store: 0x0b,
  v128Const: 0x0c,
  i8x16Shuffle: 0x0d,
  i8x16Splat: 0x0f,
  i8x16Eq: 0x23,
  i8x16LtU: 0x26,
  i8x16Bitmask: 0x64,
  i8x16Sub: 0x71,
  i32x4Splat: 0x11,
  i32x4ExtractLane: 0x1b,
  v128And: 0x4e,
  v128Or: 0x50,
  v128Xor: 0x51,
  v128Bitselect: 0x52,
  i32x4Shl: 0xab,
  i32x4ShrU: 0xad,
  i32x4Add: 0xae,
} as const;

/** Appends the unsigned LEB128 form of `n` (0 <= n < 2^32). */
export function uleb(out: number[], n: number): void {
  let v = n >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
}

/** Appends the signed LEB128 form of the 32-bit integer `n`. */
export function sleb(out: number[], n: number): void {
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

/** A function body under construction: locals are declared as they are allocated. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];

  constructor(
    readonly params: readonly ValType[],
    readonly results: readonly ValType[],
  ) {}

  /** Allocates a fresh local of `type` and returns its index. */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  /** Appends raw bytes. */
  emit(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  /** Appends already-built bytes. */
  append(bytes: readonly number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  /** i32.const `n`. */
  i32Const(n: number): this {
    this.code.push(Op.i32Const);
    sleb(this.code, n);
    return this;
  }

  /** local.get `i`. */
  get(i: number): this {
    this.code.push(Op.localGet);
    uleb(this.code, i);
    return this;
  }

  /** local.set `i`. */
  set(i: number): this {
    this.code.push(Op.localSet);
    uleb(this.code, i);
    return this;
  }

  /** local.tee `i`. */
  tee(i: number): this {
    this.code.push(Op.localTee);
    uleb(this.code, i);
    return this;
  }

  /** A scalar memory instruction with alignment log2 `align` and constant `offset`. */
  mem(op: number, align: number, offset: number): this {
    this.code.push(op);
    uleb(this.code, align);
    uleb(this.code, offset);
    return this;
  }

  /** A SIMD instruction without immediates. */
  simd(op: number): this {
    this.code.push(0xfd);
    uleb(this.code, op);
    return this;
  }

  /** A SIMD memory instruction (v128.load/store/load32_splat) with constant `offset`. */
  simdMem(op: number, align: number, offset: number): this {
    this.simd(op);
    uleb(this.code, align);
    uleb(this.code, offset);
    return this;
  }

  /** Encodes locals (run-length by type) followed by the body and the final `end`. */
  encodeBody(): number[] {
    const groups: Array<[number, ValType]> = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const body: number[] = [];
    uleb(body, groups.length);
    for (const [count, t] of groups) {
      uleb(body, count);
      body.push(t);
    }
    for (const b of this.code) body.push(b);
    body.push(Op.end);
    const sized: number[] = [];
    uleb(sized, body.length);
    for (const b of body) sized.push(b);
    return sized;
  }
}

function section(out: number[], id: number, content: number[]): void {
  out.push(id);
  uleb(out, content.length);
  for (const b of content) out.push(b);
}

function name(out: number[], s: string): void {
  uleb(out, s.length);
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
}

/** The bytes of a SIMD load (`op` from Simd) at `offset` after the address in `base`. */
export function simdLoad(op: number, base: number[], offset: number): number[] {
  const out = [...base, 0xfd];
  uleb(out, op);
  uleb(out, op === Simd.v128Load32Splat ? 2 : 4);
  uleb(out, offset);
  return out;
}

/** The bytes of `i32.const n`. */
export function i32ConstBytes(n: number): number[] {
  const out: number[] = [Op.i32Const];
  sleb(out, n);
  return out;
}

/** The bytes of `local.get i`. */
export function localGetBytes(i: number): number[] {
  const out: number[] = [Op.localGet];
  uleb(out, i);
  return out;
}

/** Encodes a module with one exported memory of `memoryPages` 64 KiB pages and the exported functions. */
export function encodeModule(
  memoryPages: number,
  functions: ReadonlyArray<{ name: string; fn: FunctionBuilder }>,
): Uint8Array {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(types, functions.length);
  for (const { fn } of functions) {
    types.push(0x60);
    uleb(types, fn.params.length);
    types.push(...fn.params);
    uleb(types, fn.results.length);
    types.push(...fn.results);
  }
  section(out, 1, types);
  const funcs: number[] = [];
  uleb(funcs, functions.length);
  functions.forEach((_, i) => {
    uleb(funcs, i);
  });
  section(out, 3, funcs);
  const memory: number[] = [1, 0x00];
  uleb(memory, memoryPages);
  section(out, 5, memory);
  const exports: number[] = [];
  uleb(exports, functions.length + 1);
  name(exports, "memory");
  exports.push(0x02, 0x00);
  functions.forEach(({ name: n }, i) => {
    name(exports, n);
    exports.push(0x00);
    uleb(exports, i);
  });
  section(out, 7, exports);
  const code: number[] = [];
  uleb(code, functions.length);
  for (const { fn } of functions) for (const b of fn.encodeBody()) code.push(b);
  section(out, 10, code);
  return Uint8Array.from(out);
}
