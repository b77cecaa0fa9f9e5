// the guards and gates measure against their limits and return data; describeHold words each from the catalogue.
import { describe, expect, it } from "vitest";
import type { RiskReport } from "../../../risk/index.js";
import { describeHold } from "./hold.js";
import { maxGrowthGuard } from "./max-growth.js";
import { maxSubjectsGuard } from "./max-subjects.js";
import { minKGate } from "./min-k.js";
import { perDayGuard } from "./per-day.js";
import { uniqueShareGate } from "./unique-share.js";

const report = (k: number, uniqueShare: number): RiskReport => ({
  records: 10,
  classes: 3,
  k,
  uniqueShare,
  prosecutorMax: 1 / Math.max(1, k),
  prosecutorAvg: 0.3,
  marketer: 0.3,
  riskiest: [],
});

describe("share gates", () => {
  it("hold at the limit's edge and not below it, with what was measured", () => {
    expect(maxSubjectsGuard(1000, 1000)).toBeUndefined();
    expect(maxSubjectsGuard(1001, 1000)).toEqual({ code: "max_subjects", measured: 1001, limit: 1000 });
    expect(maxGrowthGuard(600, 100, 0.5)).toMatchObject({ code: "max_growth", measured: 5, limit: 0.5 });
    expect(maxGrowthGuard(150, 100, 0.5)).toBeUndefined();
    expect(maxGrowthGuard(600, undefined, 0.5)).toBeUndefined();
    expect(perDayGuard(2, "2024-05-31", 2)).toMatchObject({ measured: 2, limit: 2, day: "2024-05-31" });
    expect(perDayGuard(1, "2024-05-31", 2)).toBeUndefined();
  });

  it("measure the released file's figures against min_k and max_unique_share", () => {
    const limits = { quasi_identifiers: ["age", "region"], min_k: 5, max_unique_share: 0.01 };
    expect(minKGate(limits, report(4, 0))).toMatchObject({ code: "min_k", measured: 4, limit: 5 });
    expect(minKGate(limits, report(5, 0))).toBeUndefined();
    expect(minKGate(limits, { ...report(1, 0), records: 0 })).toBeUndefined();
    expect(uniqueShareGate(limits, report(5, 0.02))).toMatchObject({ measured: 0.02, limit: 0.01 });
  });

  it("are worded in one place, from the measured figures", () => {
    expect(describeHold({ code: "max_subjects", measured: 1001, limit: 1000 })).toBe(
      "1001 subjects exceed max_subjects 1000",
    );
    const growth = maxGrowthGuard(600, 100, 0.5);
    expect(growth && describeHold(growth)).toMatch(/600 .*500%.*100.*50%/);
    const k = minKGate({ quasi_identifiers: ["age", "region"], min_k: 5 }, report(1, 0));
    expect(k && describeHold(k)).toMatch(/age, region holds 1 record; min_k is 5/);
  });
});
