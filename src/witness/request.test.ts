import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../test/support/cli.js";
import { formatAddCheckpoint, MAX_PROOF_LINES, parseAddCheckpoint } from "./request.js";

const enc = (s: string) => new TextEncoder().encode(s);
const fixture = (name: string) => readFileSync(join(ROOT, "test", "fixtures", "c2sp", name), "utf8");
const NOTE = fixture("tlog-checkpoint.note");
const HASH = Buffer.alloc(32, 1).toString("base64");

describe("add-checkpoint request bodies (c2sp.org/tlog-witness)", () => {
  it("parses the spec's example request and formats it back byte for byte", () => {
    const body = fixture("tlog-witness-request.txt");
    const r = parseAddCheckpoint(enc(body));
    expect(r.oldSize).toBe(20852014);
    expect(r.proof.map((h) => Buffer.from(h).toString("base64"))).toEqual([
      "PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=",
      "jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=",
      "5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=",
      "/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=",
    ]);
    expect(r.note.startsWith("example.com/behind-the-sofa\n20852163\n")).toBe(true);
    expect(formatAddCheckpoint(r)).toBe(body);
  });

  it.each([
    ["no old line", NOTE, /starts with "old/],
    ["a leading zero", `old 07\n\n${NOTE}`, /starts with "old/],
    ["a negative size", `old -1\n\n${NOTE}`, /starts with "old/],
    ["a size past 2^53", `old 9007199254740993\n\n${NOTE}`, /2\^53/],
    ["two spaces", `old  1\n\n${NOTE}`, /starts with "old/],
    ["no empty line", `old 1\n${HASH}\n`, /empty line/],
    ["a short hash", `old 1\n${Buffer.alloc(31).toString("base64")}\n\n${NOTE}`, /line 1 is not base64/],
    ["non-canonical base64", `old 1\n${HASH.replace("=", "")}\n\n${NOTE}`, /line 1 is not base64/],
    ["64 proof lines", `old 1\n${`${HASH}\n`.repeat(MAX_PROOF_LINES + 1)}\n${NOTE}`, /at most 63/],
    ["no note", `old 1\n${HASH}\n\n`, /ends before/],
  ])("refuses %s", (_, body, message) => {
    expect(() => parseAddCheckpoint(enc(body))).toThrow(message);
  });

  it("refuses a body that is not UTF-8, and accepts 63 proof lines", () => {
    expect(() =>
      parseAddCheckpoint(new Uint8Array([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff])),
    ).toThrow(/UTF-8/);
    expect(
      parseAddCheckpoint(enc(`old 1\n${`${HASH}\n`.repeat(MAX_PROOF_LINES)}\n${NOTE}`)).proof,
    ).toHaveLength(63);
  });

  it("parses what it formats, for any size, proof and note", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: MAX_PROOF_LINES }),
        fc.string({ minLength: 1 }).filter((s) => !s.startsWith("\n")),
        (oldSize, proof, note) => {
          const r = parseAddCheckpoint(enc(formatAddCheckpoint({ oldSize, proof, note })));
          expect(r.oldSize).toBe(oldSize);
          expect(r.proof.map((h) => Buffer.from(h).toString("hex"))).toEqual(
            proof.map((h) => Buffer.from(h).toString("hex")),
          );
          expect(r.note).toBe(note);
        },
      ),
    );
  });
});
