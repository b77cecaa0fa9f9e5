import { describe, expect, it } from "vitest";
import { agreement, baseFiles, type Files, mustLoad } from "../../../test/support/workspace.js";
import { checkWorkspace } from "../check.js";

const hits = (files: Files, at = "2024-05-31") =>
  checkWorkspace(mustLoad(files), { at }).filter((f) => f.code === "unscoped_population");
const scoped = (where: string, condition = "linked") =>
  ((x: Files) => {
    agreement(x).scope = { phases: [{ name: "scoring", from: "2020-01-01", where }] };
    (x.purposes[0] as { per_subject: { condition: string } }).per_subject.condition = condition;
  }) satisfies (x: Files) => void;
const bend = (change: (f: Files) => void): Files => {
  const f = baseFiles();
  change(f);
  return f;
};

describe("unscoped_population compares conditions by meaning", () => {
  it("accepts every spelling of the purpose's condition in the phase", () => {
    for (const where of [
      "linked",
      "linked == true",
      "true == linked",
      "!(linked == false)",
      "linked != false",
      "!!linked",
      "age >= 19 && linked == true",
      "(true == linked) && 19 <= age",
    ])
      expect(hits(bend(scoped(where))), where).toEqual([]);
  });

  it("accepts every spelling of the condition in the purpose, conjunctions in any order", () => {
    for (const condition of [
      "linked == true && age >= 19",
      "19 <= age && linked != false",
      "age >= 19 && linked",
    ])
      expect(hits(bend(scoped("age >= 19 && linked", condition))), condition).toEqual([]);
    // a phase that requires one alternative of the condition requires the condition
    expect(hits(bend(scoped("age >= 19 && linked == true", "age >= 65 || linked")))).toEqual([]);
  });

  it("still warns when a spelling means something else", () => {
    for (const where of ["linked == false", "linked != true", "!linked", "age >= 19", "linked || age >= 19"])
      expect(hits(bend(scoped(where))), where).toMatchObject([
        { severity: "warning", path: "scope.phases[0].where" },
      ]);
    expect(hits(bend(scoped("linked", "linked && age >= 19")))[0]?.trace).toContain(
      "purpose condition: age >= 19 && linked",
    );
  });

  it("sees every spelling of everyone as everyone", () => {
    for (const where of ["true", "!false", "linked || !linked", "true || linked", "linked == true || true"])
      expect(hits(bend(scoped(where))), where).toMatchObject([{ severity: "error" }]);
  });
});

describe("unscoped_population judges the phase in force on the day checked", () => {
  const phases = (x: Files) => {
    agreement(x).scope = {
      phases: [
        { name: "build", from: "2018-01-01", until: "2019-01-01", model_building: true },
        { name: "daily", from: "2019-01-01", where: "true" },
      ],
    };
  };
  it("reports nothing inside the dated model-building phase", () => {
    expect(hits(bend(phases), "2018-06-01")).toEqual([]);
    expect(hits(bend(phases), "2018-12-31")).toEqual([]);
  });
  it("reports the daily phase once it is in force", () => {
    expect(hits(bend(phases), "2019-01-01")).toMatchObject([
      {
        severity: "error",
        path: "scope.phases[1].where",
        trace: expect.arrayContaining([expect.stringMatching(/in force on 2019-01-01/)]),
      },
    ]);
  });
  it("judges every phase on a day no phase covers", () => {
    const [hit] = hits(bend(phases), "2017-06-01");
    expect(hit).toMatchObject({ path: "scope.phases[1].where" });
    expect(hit?.trace[0]).toMatch(/no phase is in force/);
  });
  it("flags a model-building phase without an end while it is in force", () => {
    const endless = bend((x) => {
      agreement(x).scope = { phases: [{ name: "build", from: "2018-01-01", model_building: true }] };
    });
    expect(hits(endless, "2018-06-01")[0]?.message).toMatch(/no end date/);
  });
});
