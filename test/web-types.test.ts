// the dashboard reads the API's answers through its own narrow types (web/src/types.ts): each must be a part of
// what the server gives, or typecheck fails here.
import { describe, expectTypeOf, it } from "vitest";
import type { InspectionData } from "../src/report/inspection/inspection.js";
import type { WebInspection } from "../web/src/types.js";

describe("the dashboard's types", () => {
  it("are a part of the inspection report's data", () => {
    expectTypeOf<InspectionData>().toExtend<WebInspection>();
  });
});
