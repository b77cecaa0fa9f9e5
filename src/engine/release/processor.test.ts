import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JikimiError } from "../../errors.js";
import { tableOfCsvBlock } from "../../io/records/csv-table.js";
import { checkPlanColumns, compilePlan, type PlannedField, type ReleasePlan } from "./processor.js";

const columns = ["customer_id", "phone", "balance"];

function planned(name: string, column: number): PlannedField {
  return { name, column, transform: "keep", options: {}, keys: {}, type: "string" };
}

function plan(fields: PlannedField[], subjectColumn = 0, extra: Partial<ReleasePlan> = {}): ReleasePlan {
  return {
    columns,
    checks: {
      customer_id: { type: "string", nullable: false },
      balance: { type: "integer", nullable: false },
    },
    subjectColumn,
    subjectKey: new Uint8Array(32).fill(7),
    fields,
    sample: 5,
    ...extra,
  };
}

const block = new TextEncoder().encode("c1,010-1234-5678,10\nc2,010-9999-0000,20\n");

describe("release plans and columns", () => {
  it("releases the planned columns of every row", () => {
    const run = compilePlan(plan([planned("customer_id", 0), planned("balance", 2)]));
    const result = run(tableOfCsvBlock(block, columns));
    expect(new TextDecoder().decode(result.out)).toBe("c1,10\nc2,20\n");
    expect(result.released).toBe(2);
    // the same block indexed in the check kernel's memory, and one that is not plain (a quoted field)
    const inKernel = run.csvTable(block);
    expect(inKernel.sep.buffer).not.toBe(tableOfCsvBlock(block, columns).sep.buffer);
    expect(run(inKernel)).toEqual(result);
    const quoted = new TextEncoder().encode('c1,"010-1234-5678",10\n');
    expect(new TextDecoder().decode(run(run.csvTable(quoted)).out)).toBe("c1,10\n");
  });

  it("refuses a field planned at column -1 (a failed header lookup), naming the field, before reading a row", () => {
    // read as offsets, column -1 of row 1 is the last column of row 0: a neighbour's value would leave
    const bad = plan([planned("balance", 2), planned("constructor", -1)]);
    expect(() => compilePlan(bad)).toThrow(JikimiError);
    expect(() => compilePlan(bad)).toThrow(
      expect.objectContaining({
        code: "plan_column_missing",
        message: expect.stringContaining('"constructor"'),
      }),
    );
    expect(() => compilePlan(plan([planned("balance", 3)]))).toThrow(
      expect.objectContaining({ code: "plan_column_missing" }),
    );
  });

  it("refuses a subject key planned at no column", () => {
    for (const subject of [-1, 3, 0.5])
      expect(() => compilePlan(plan([planned("balance", 2)], subject)), String(subject)).toThrow(
        expect.objectContaining({
          code: "plan_column_missing",
          message: expect.stringContaining("subject key"),
        }),
      );
  });

  it("refuses quasi-identifiers and probes that name no planned field", () => {
    const fields = [planned("balance", 2)];
    expect(() => checkPlanColumns(plan(fields, 0, { quasiIdentifiers: [-1] }))).toThrow(
      expect.objectContaining({ code: "plan_field_missing" }),
    );
    expect(() => checkPlanColumns(plan(fields, 0, { probe: [1] }))).toThrow(
      expect.objectContaining({ code: "plan_field_missing" }),
    );
    expect(() => checkPlanColumns(plan(fields, 0, { quasiIdentifiers: [0], probe: [0] }))).not.toThrow();
  });

  it("gives a pseudonym's value, written from the field's bytes, to the line, the sample and the quasi-identifiers", () => {
    const key = new Uint8Array(32).fill(9);
    const phone: PlannedField = {
      name: "phone",
      column: 1,
      transform: "pseudonym",
      options: { transform: "pseudonym", normalize: "phone_kr", bytes: 16 },
      keys: { pseudonym: key },
      type: "string",
    };
    const run = compilePlan(plan([planned("customer_id", 0), phone], 0, { quasiIdentifiers: [1] }));
    const result = run(tableOfCsvBlock(block, columns));
    const pseudonym = (digits: string) =>
      createHmac("sha256", key).update(digits).digest().subarray(0, 16).toString("base64url");
    const [a, b] = [pseudonym("01012345678"), pseudonym("01099990000")];
    expect(new TextDecoder().decode(result.out)).toBe(`c1,${a}\nc2,${b}\n`);
    expect(result.sample).toEqual([
      ["c1", a],
      ["c2", b],
    ]);
    expect(result.qi).toEqual([a, b]);
  });
});
