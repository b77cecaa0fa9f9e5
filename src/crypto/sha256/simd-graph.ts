// A symbolic i32x4 expression graph that emits WebAssembly SIMD: SHA-256 is written once, symbolically.
//
// Every value is a node with a level: 0 = known when the kernel is generated (folded to a constant),
// 1 = fixed for one kernel call (computed once before the loop), 2 = changes every loop iteration.
// Building the rounds over this graph gives, for free: constant folding of padding and fixed message words,
// hoisting of rounds that only see call-invariant words, common-subexpression sharing, and dead-code removal
// (a digest word that needs only the first 61 rounds never emits the last three).

import { type FunctionBuilder, Simd, sleb, uleb, V128 } from "./wasm-encoder.js";

/** 0: generation-time constant; 1: invariant for a call; 2: varies per loop iteration. */
export type Level = 0 | 1 | 2;

type OpName = "const" | "input" | "add" | "xor" | "and" | "or" | "shl" | "shr" | "bitselect" | "shuffle";

/** A node of the graph; `value` is the splatted constant for `const` nodes. */
export interface Node {
  readonly id: number;
  readonly level: Level;
  readonly op: OpName;
  readonly args: readonly Node[];
  readonly value: number;
  readonly imm: readonly number[];
}

const BINARY: Record<"add" | "xor" | "and" | "or", number> = {
  add: Simd.i32x4Add,
  xor: Simd.v128Xor,
  and: Simd.v128And,
  or: Simd.v128Or,
};

/** The graph: construct nodes through its methods, which fold and share as they go. */
export class Graph {
  readonly nodes: Node[] = [];
  private readonly shared = new Map<string, Node>();

  private make(
    op: OpName,
    args: readonly Node[],
    value: number,
    imm: readonly number[],
    level?: Level,
  ): Node {
    const key = `${op}:${args.map((a) => a.id).join(",")}:${value}:${imm.join(",")}`;
    const known = this.shared.get(key);
    if (known !== undefined) return known;
    let lv: Level = level ?? 0;
    for (const a of args) if (a.level > lv) lv = a.level;
    const node: Node = { id: this.nodes.length, level: lv, op, args, value: value | 0, imm };
    this.nodes.push(node);
    this.shared.set(key, node);
    return node;
  }

  /** A splatted constant. */
  const(value: number): Node {
    return this.make("const", [], value | 0, []);
  }

  /** A leaf whose value is pushed by `code` (e.g. a load); leaves with the same code are the same node. */
  input(level: 1 | 2, code: readonly number[]): Node {
    return this.make("input", [], 0, code, level);
  }

  /** Lane-wise 32-bit wrap-around addition. */
  add(a: Node, b: Node): Node {
    if (a.op === "const" && b.op === "const") return this.const(a.value + b.value);
    if (a.op === "const" && a.value === 0) return b;
    if (b.op === "const" && b.value === 0) return a;
    return a.id <= b.id ? this.make("add", [a, b], 0, []) : this.make("add", [b, a], 0, []);
  }

  /** Bitwise xor. */
  xor(a: Node, b: Node): Node {
    if (a.op === "const" && b.op === "const") return this.const(a.value ^ b.value);
    if (a.op === "const" && a.value === 0) return b;
    if (b.op === "const" && b.value === 0) return a;
    if (a === b) return this.const(0);
    return a.id <= b.id ? this.make("xor", [a, b], 0, []) : this.make("xor", [b, a], 0, []);
  }

  /** Bitwise and. */
  and(a: Node, b: Node): Node {
    if (a.op === "const" && b.op === "const") return this.const(a.value & b.value);
    if ((a.op === "const" && a.value === 0) || (b.op === "const" && b.value === 0)) return this.const(0);
    if (a.op === "const" && a.value === -1) return b;
    if (b.op === "const" && b.value === -1) return a;
    if (a === b) return a;
    return a.id <= b.id ? this.make("and", [a, b], 0, []) : this.make("and", [b, a], 0, []);
  }

  /** Bitwise or. */
  or(a: Node, b: Node): Node {
    if (a.op === "const" && b.op === "const") return this.const(a.value | b.value);
    if (a.op === "const" && a.value === 0) return b;
    if (b.op === "const" && b.value === 0) return a;
    if (a === b) return a;
    return a.id <= b.id ? this.make("or", [a, b], 0, []) : this.make("or", [b, a], 0, []);
  }

  /** Lane-wise shift left by a constant. */
  shl(a: Node, n: number): Node {
    if (n === 0) return a;
    if (a.op === "const") return this.const(a.value << n);
    return this.make("shl", [a], n, []);
  }

  /** Lane-wise logical shift right by a constant. */
  shr(a: Node, n: number): Node {
    if (n === 0) return a;
    if (a.op === "const") return this.const(a.value >>> n);
    return this.make("shr", [a], n, []);
  }

  /** Lane-wise rotate right by a constant (wasm SIMD has no rotate: two shifts and an or). */
  rotr(a: Node, n: number): Node {
    return this.or(this.shr(a, n), this.shl(a, 32 - n));
  }

  /** `(a & mask) | (b & ~mask)`, wasm's v128.bitselect. */
  bitselect(a: Node, b: Node, mask: Node): Node {
    if (a.op === "const" && b.op === "const" && mask.op === "const") {
      return this.const((a.value & mask.value) | (b.value & ~mask.value));
    }
    if (mask.op === "const" && mask.value === 0) return b;
    if (mask.op === "const" && mask.value === -1) return a;
    if (a === b) return a;
    return this.make("bitselect", [a, b, mask], 0, []);
  }

  /** i8x16.shuffle: 16 byte indices into the 32 bytes of `a` then `b`. */
  shuffle(a: Node, b: Node, lanes: readonly number[]): Node {
    return this.make("shuffle", [a, b], 0, lanes);
  }

  /**
   * Selects 32-bit lanes (0-3 from `a`, 4-7 from `b`), optionally byte-swapping each selected word
   * (how big-endian message words are read from, and digests written to, little-endian memory).
   */
  shuffle32(a: Node, b: Node, words: readonly number[], byteSwap: boolean): Node {
    const lanes: number[] = [];
    for (const w of words) {
      for (let i = 0; i < 4; i++) lanes.push(w * 4 + (byteSwap ? 3 - i : i));
    }
    return this.shuffle(a, b, lanes);
  }

  /**
   * Sum with reassociation by level: constants fold into one, call-invariant terms are added first (so
   * their partial sum is hoisted out of the loop), and the per-iteration terms follow in the given order.
   */
  sum(...terms: Node[]): Node {
    let constant = 0;
    let invariant: Node | undefined;
    const varying: Node[] = [];
    for (const t of terms) {
      if (t.op === "const") constant = (constant + t.value) | 0;
      else if (t.level <= 1) invariant = invariant === undefined ? t : this.add(invariant, t);
      else varying.push(t);
    }
    let acc: Node | undefined =
      invariant === undefined
        ? undefined
        : constant === 0
          ? invariant
          : this.add(invariant, this.const(constant));
    const head = varying[0];
    if (head === undefined) return acc ?? this.const(constant);
    let v = head;
    for (let i = 1; i < varying.length; i++) v = this.add(v, varying[i] as Node);
    if (acc === undefined && constant !== 0) acc = this.const(constant);
    return acc === undefined ? v : this.add(acc, v);
  }
}

/** Transposes 4 vectors of 4 words (row r lane c -> row c lane r), optionally byte-swapping every word. */
export function transpose4(g: Graph, rows: readonly Node[], byteSwap: boolean): Node[] {
  const [r0, r1, r2, r3] = rows as [Node, Node, Node, Node];
  const x0 = g.shuffle32(r0, r1, [0, 4, 1, 5], false);
  const x1 = g.shuffle32(r0, r1, [2, 6, 3, 7], false);
  const y0 = g.shuffle32(r2, r3, [0, 4, 1, 5], false);
  const y1 = g.shuffle32(r2, r3, [2, 6, 3, 7], false);
  return [
    g.shuffle32(x0, y0, [0, 1, 4, 5], byteSwap),
    g.shuffle32(x0, y0, [2, 3, 6, 7], byteSwap),
    g.shuffle32(x1, y1, [0, 1, 4, 5], byteSwap),
    g.shuffle32(x1, y1, [2, 3, 6, 7], byteSwap),
  ];
}

/** Where the emitted code puts things: `pre` runs once per call, `body` once per iteration. */
export interface EmittedSections {
  readonly pre: number[];
  readonly body: number[];
  /** The local holding each root (in the order given), valid after `body` ran. */
  readonly rootLocals: number[];
}

/**
 * Emits code computing `roots` (level-2 or lower nodes) into `fn`: level-1 nodes needed by the loop are
 * computed once in `pre`, nodes used more than once get a local, single-use nodes are inlined as stack trees.
 */
export function emitSections(fn: FunctionBuilder, roots: readonly Node[]): EmittedSections {
  const uses = new Map<number, number>();
  const loopUsed = new Set<number>();
  const reachable: Node[] = [];
  const seen = new Set<number>();
  const stack: Node[] = [...roots];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    reachable.push(n);
    for (const a of n.args) stack.push(a);
  }
  for (const n of reachable) {
    for (const a of n.args) {
      uses.set(a.id, (uses.get(a.id) ?? 0) + 1);
      if (n.level === 2) loopUsed.add(a.id);
    }
  }
  for (const r of roots) {
    uses.set(r.id, (uses.get(r.id) ?? 0) + 2);
    loopUsed.add(r.id);
  }
  const locals = new Map<number, number>();
  const materialized = (n: Node): boolean =>
    n.op !== "const" && ((uses.get(n.id) ?? 0) >= 2 || (n.level === 1 && loopUsed.has(n.id)));
  reachable.sort((a, b) => a.id - b.id);
  for (const n of reachable) if (materialized(n)) locals.set(n.id, fn.local(V128));

  const emitRef = (out: number[], n: Node): void => {
    const local = locals.get(n.id);
    if (local !== undefined) {
      out.push(0x20);
      uleb(out, local);
    } else emitDef(out, n);
  };
  const emitDef = (out: number[], n: Node): void => {
    switch (n.op) {
      case "const": {
        out.push(0xfd);
        uleb(out, Simd.v128Const);
        for (let i = 0; i < 4; i++) {
          const v = n.value;
          out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
        }
        return;
      }
      case "input":
        for (const b of n.imm) out.push(b);
        return;
      case "shl":
      case "shr":
        emitRef(out, n.args[0] as Node);
        out.push(0x41);
        sleb(out, n.value);
        out.push(0xfd);
        uleb(out, n.op === "shl" ? Simd.i32x4Shl : Simd.i32x4ShrU);
        return;
      case "bitselect":
        for (const a of n.args) emitRef(out, a);
        out.push(0xfd);
        uleb(out, Simd.v128Bitselect);
        return;
      case "shuffle":
        emitRef(out, n.args[0] as Node);
        emitRef(out, n.args[1] as Node);
        out.push(0xfd);
        uleb(out, Simd.i8x16Shuffle);
        for (const b of n.imm) out.push(b);
        return;
      default:
        emitRef(out, n.args[0] as Node);
        emitRef(out, n.args[1] as Node);
        out.push(0xfd);
        uleb(out, BINARY[n.op]);
    }
  };
  const pre: number[] = [];
  const body: number[] = [];
  for (const n of reachable) {
    const local = locals.get(n.id);
    if (local === undefined || n.level === 0) continue;
    const out = n.level === 1 ? pre : body;
    emitDef(out, n);
    out.push(0x21);
    uleb(out, local);
  }
  const rootLocals = roots.map((r) => {
    const local = locals.get(r.id);
    if (local !== undefined) return local;
    const fresh = fn.local(V128);
    emitDef(body, r);
    body.push(0x21);
    uleb(body, fresh);
    return fresh;
  });
  return { pre, body, rootLocals };
}
