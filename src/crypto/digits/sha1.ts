// SHA-1 (FIPS 180-4) written once over simd-graph nodes, for the digit-search kernel: the 80 rounds of one block,
// folded and hoisted by the graph. The search keys SHA-1 digests by word 4 (E, bytes 16..19 big-endian), which is
// rotl30 of the value A takes in round 75, so the kernel runs 76 of the 80 rounds per candidate.

import type { Graph, Node } from "../sha256/simd-graph.js";

/** The initial state H0..H4. */
export const SHA1_IV: readonly number[] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

const K = [0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6] as const;

/**
 * The five digest words of SHA-1 over one block of 16 big-endian message words, from `state`.
 * @example sha1Symbolic(g, SHA1_IV.map((v) => g.const(v)), block)[4] // word E, the search key
 */
export function sha1Symbolic(g: Graph, state: readonly Node[], block: readonly Node[]): Node[] {
  const rotl = (x: Node, n: number): Node => g.rotr(x, 32 - n);
  // The schedule word is built right before its round, so emission order keeps few words alive at once.
  const w: Node[] = [...block];
  let [a, b, c, d, e] = state as [Node, Node, Node, Node, Node];
  for (let t = 0; t < 80; t++) {
    if (t >= 16)
      w[t] = rotl(
        g.xor(g.xor(w[t - 3] as Node, w[t - 8] as Node), g.xor(w[t - 14] as Node, w[t - 16] as Node)),
        1,
      );
    const round = Math.floor(t / 20);
    const f =
      round === 0
        ? g.bitselect(c, d, b) // Ch: (b & c) | (~b & d)
        : round === 2
          ? g.bitselect(d, b, g.xor(b, c)) // Maj: b where b = c, else d
          : g.xor(g.xor(b, c), d);
    const temp = g.sum(e, g.const(K[round] as number), w[t] as Node, rotl(a, 5), f);
    e = d;
    d = c;
    c = rotl(b, 30);
    b = a;
    a = temp;
  }
  const fin = [a, b, c, d, e];
  return state.map((s, i) => g.add(s, fin[i] as Node));
}
