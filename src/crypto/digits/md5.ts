// MD5 (RFC 1321) written once over simd-graph nodes, for the digit-search kernel: the 64 steps of one block, folded
// and hoisted by the graph. The search keys MD5 digests by word 0 (A, bytes 0..3 little-endian), which is final after
// step 60, so the kernel runs 61 of the 64 steps per candidate.

import type { Graph, Node } from "../sha256/simd-graph.js";

/** The initial state A, B, C, D. */
export const MD5_IV: readonly number[] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];

/** K[i] = floor(|sin(i + 1)| * 2^32). */
export const MD5_K: readonly number[] = [
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8,
  0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340,
  0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87,
  0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
  0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039,
  0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92,
  0xffeff47d, 0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
  0xeb86d391,
];

/** Left-rotation amounts per step. */
const S: readonly number[] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/**
 * The four digest words of MD5 over one block of 16 little-endian message words, from `state`.
 * @example md5Symbolic(g, MD5_IV.map((v) => g.const(v)), block)[0] // word A, the search key
 */
export function md5Symbolic(g: Graph, state: readonly Node[], block: readonly Node[]): Node[] {
  let [a, b, c, d] = state as [Node, Node, Node, Node];
  const ones = g.const(-1);
  for (let i = 0; i < 64; i++) {
    const round = i >> 4;
    let f: Node;
    let m: number;
    if (round === 0) {
      f = g.bitselect(c, d, b); // (b & c) | (~b & d)
      m = i;
    } else if (round === 1) {
      f = g.bitselect(b, c, d); // (d & b) | (~d & c)
      m = (5 * i + 1) & 15;
    } else if (round === 2) {
      f = g.xor(g.xor(b, c), d);
      m = (3 * i + 5) & 15;
    } else {
      f = g.xor(c, g.or(b, g.xor(d, ones)));
      m = (7 * i) & 15;
    }
    const s = S[4 * round + (i & 3)] as number;
    // f last: it waits on the previous step, a + K + M does not
    const sum = g.add(g.sum(a, g.const(MD5_K[i] as number), block[m] as Node), f);
    const next = g.add(b, g.rotr(sum, 32 - s));
    a = d;
    d = c;
    c = b;
    b = next;
  }
  const fin = [a, b, c, d];
  return state.map((s, i) => g.add(s, fin[i] as Node));
}
