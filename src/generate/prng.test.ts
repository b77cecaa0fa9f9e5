import { describe, expect, it } from "vitest";
import { orderPermutation } from "./payments.js";
import { Sfc32, splitSeed } from "./prng.js";
import { dayString, epochDay, pad10, pad12, WeightedPick } from "./tables.js";

const draw = (rng: Sfc32, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe("Sfc32", () => {
  it("gives the same stream for the same (seed, kind, chunk) and a different one otherwise", () => {
    const seed = splitSeed(42);
    const base = draw(new Sfc32(seed, 1, 7), 64);
    expect(draw(new Sfc32(seed, 1, 7), 64)).toEqual(base);
    expect(draw(new Sfc32(seed, 2, 7), 64)).not.toEqual(base);
    expect(draw(new Sfc32(seed, 1, 8), 64)).not.toEqual(base);
    expect(draw(new Sfc32(splitSeed(43), 1, 7), 64)).not.toEqual(base);
    expect(draw(new Sfc32(splitSeed(42 + 2 ** 32), 1, 7), 64)).not.toEqual(base);
  });

  it("stays in range and is roughly uniform", () => {
    const rng = new Sfc32(splitSeed(1), 1, 0);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = rng.int(10);
      expect(x >= 0 && x < 10).toBe(true);
      buckets[x] = (buckets[x] ?? 0) + 1;
      const f = rng.float53();
      expect(f >= 0 && f < 1).toBe(true);
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});

describe("tables", () => {
  it("pads ids to fixed widths", () => {
    expect(pad10(1)).toBe("0000000001");
    expect(pad10(9_999_999_999)).toBe("9999999999");
    expect(pad10(1_234_567_890)).toBe("1234567890");
    expect(pad12(12_345)).toBe("000000012345");
    expect(pad12(999_999_999_999)).toBe("999999999999");
  });

  it("maps epoch days to ISO dates", () => {
    expect(dayString(epochDay("2024-02-29"))).toBe("2024-02-29");
    expect(dayString(epochDay("1938-06-02"))).toBe("1938-06-02");
  });

  it("picks by weight", () => {
    const pick = new WeightedPick([70, 20, 10, 0]);
    const rng = new Sfc32(splitSeed(9), 1, 0);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) {
      const k = pick.pick(rng);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[3]).toBe(0);
    expect((counts[0] ?? 0) / 100_000).toBeCloseTo(0.7, 1);
    expect((counts[2] ?? 0) / 100_000).toBeCloseTo(0.1, 1);
  });
});

describe("order ids", () => {
  it("are a seeded bijection: distinct inputs give distinct 12-digit ids", () => {
    const order = orderPermutation(splitSeed(5));
    const seen = new Set<number>();
    for (let n = 1; n <= 50_000; n++) {
      const id = order(n);
      expect(Number.isInteger(id) && id >= 0 && id < 1e12).toBe(true);
      seen.add(id);
    }
    expect(seen.size).toBe(50_000);
    expect(orderPermutation(splitSeed(6))(1)).not.toBe(order(1));
  });
});
