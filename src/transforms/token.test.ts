import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrown } from "../../test/support/errors.js";
import { compileToken, detokenize, detokenizer, TOKEN_LABEL, tokenize } from "./token.js";

const KEY = new Uint8Array(64).map((_, i) => i * 7 + 1);
const OTHER = new Uint8Array(64).map((_, i) => i * 7 + 2);
const KEY32 = KEY.slice(0, 32);

const text = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }),
  fc.string({
    unit: fc.constantFrom("홍", "길", "동", "김", "민", "지", " ", "0", "-"),
    minLength: 1,
    maxLength: 30,
  }),
);

function column(values: readonly string[], key = KEY): string[] {
  const out: string[] = [];
  compileToken({ transform: "token" }, key)(values, out);
  return out;
}

describe("token apply (AES-SIV)", () => {
  it("round trips arbitrary strings, Hangul included, under 64- and 32-byte keys", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), fc.boolean(), (values, short) => {
        const key = short ? KEY32 : KEY;
        const open = detokenizer(key);
        const tokens = column(values, key);
        tokens.forEach((t, i) => {
          expect(t).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(open(t)).toBe(values[i]);
        });
      }),
      { numRuns: 300 },
    );
    expect(detokenize(KEY, tokenize(KEY, "홍길동 010-1234-5678"))).toBe("홍길동 010-1234-5678");
  });

  it("is deterministic: one value, one token, within a batch, across batches and one at a time", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const [ta, tb, ta2] = column([a, b, a]);
        expect(ta2).toBe(ta);
        expect(tokenize(KEY, a)).toBe(ta);
        if (a !== b) expect(tb).not.toBe(ta);
        expect(tokenize(OTHER, a)).not.toBe(ta);
      }),
    );
  });

  it("token length is base64url of 16 + UTF-8 length, unpadded", () => {
    fc.assert(
      fc.property(text, (v) => {
        const n = 16 + Buffer.byteLength(v, "utf8");
        expect(tokenize(KEY, v)).toHaveLength(Math.ceil((4 * n) / 3));
      }),
    );
  });

  it("rejects tampered, truncated and extended tokens, other keys and labels, without echoing them", () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (v, p, c) => {
        const t = tokenize(KEY, v);
        const i = p % t.length;
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let ch = alphabet[c % 64] as string;
        if (ch === t[i]) ch = alphabet[(c + 1) % 64] as string;
        const bad = [
          `${t.slice(0, i)}${ch}${t.slice(i + 1)}`,
          t.slice(0, -1),
          `${t}A`,
          `${t.slice(0, i)}.${t.slice(i + 1)}`,
        ];
        for (const b of bad) {
          const e = thrown(() => detokenize(KEY, b));
          expect(e.code).toBe("bad_token");
          expect(e.message).not.toContain(b);
        }
        expect(thrown(() => detokenize(OTHER, t)).code).toBe("bad_token");
        expect(thrown(() => detokenize(KEY, t, `${TOKEN_LABEL}x`)).code).toBe("bad_token");
      }),
      { numRuns: 200 },
    );
    expect(thrown(() => detokenize(KEY, "short")).code).toBe("bad_token");
  });

  it("'' stays '' both ways; a large column runs in chunks", () => {
    expect(column(["", "a", ""])).toEqual(["", tokenize(KEY, "a"), ""]);
    expect(detokenize(KEY, "")).toBe("");
    const values = Array.from({ length: 70_001 }, (_, i) =>
      i % 1000 === 0 ? "" : randomBytes(i % 40).toString("hex"),
    );
    const tokens = column(values);
    const open = detokenizer(KEY);
    for (let i = 0; i < values.length; i += 997) expect(open(tokens[i] as string)).toBe(values[i]);
    expect(open(tokens[values.length - 1] as string)).toBe(values[values.length - 1]);
  });

  it("refuses keys of other sizes", () => {
    expect(thrown(() => tokenize(new Uint8Array(16), "x")).code).toBe("token_key_length");
  });
});
