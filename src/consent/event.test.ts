// the event check without zod: it may leave an event to zod, but what it accepts zod accepts, with the same result.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventChecksForTest, validateEvent } from "./event.js";
import { ProblemList } from "./problems.js";

const { withoutZod, zod } = eventChecksForTest;

/** Texts near every edge of the schema: lengths, spaces, control and other odd characters. */
const text = (max: number) =>
  fc.oneof(
    fc.string({ minLength: 0, maxLength: 8 }),
    fc.string({ unit: "grapheme", minLength: 0, maxLength: 8 }),
    fc.constantFrom(
      "",
      " ",
      "a ",
      " a",
      "a\tb",
      "a\u0000",
      "a\u007f",
      "a\u0085",
      "\u00a0a",
      "한글",
      "a\u2028b",
    ),
    fc.integer({ min: max - 2, max: max + 2 }).map((n) => "x".repeat(Math.max(0, n))),
  );
const instantText = fc.oneof(
  fc.constantFrom(
    "2024-01-10T09:00:00+09:00",
    "2024-01-10T00:00:00Z",
    "2024-01-10T00:00:00.123Z",
    "2024-01-10",
    "2024-01-10T00:00:00",
    "2024-13-10T00:00:00Z",
    " 2024-01-10T00:00:00Z",
    "",
  ),
  text(64),
);
const value = (valid: fc.Arbitrary<string>, other: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 12, arbitrary: valid },
    { weight: 3, arbitrary: other },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 7, true, ["a"], { a: 1 }) },
  );

const fields = {
  subject: value(fc.constantFrom("HB0000000001", "ㄱ", "a b"), text(256)),
  purpose: value(
    fc.constantFrom("nsf-provision", "a_b-1"),
    fc.oneof(fc.constantFrom("Nsf", "-x", "a b"), text(64)),
  ),
  action: value(fc.constantFrom("grant", "withdraw"), fc.constantFrom("Grant", "revoke", "")),
  at: value(fc.constantFrom("2024-01-10T09:00:00+09:00", "2024-01-10T00:00:00.123Z"), instantText),
  source: value(fc.constantFrom("app-signup-v3", "콜센터"), text(200)),
  evidence: value(fc.constantFrom("proof/1", ""), text(1000)),
};
/** Mostly events with their five required fields, some with any of the fields or an extra one. */
const eventLike = fc.oneof(
  fc.record(fields, { requiredKeys: ["subject", "purpose", "action", "at", "source"] }),
  fc.record({ ...fields, extra: fc.string() }, { requiredKeys: [] }),
);

describe("the event check without zod", () => {
  it("accepts only what the schema accepts, with the same event", () => {
    let accepted = 0;
    fc.assert(
      fc.property(eventLike, (input) => {
        const fast = withoutZod(input);
        if (fast === undefined) return;
        accepted++;
        expect(zod(input)).toEqual(fast);
      }),
      { numRuns: 20_000 },
    );
    // and it does accept events: otherwise every row would still go through zod
    expect(accepted).toBeGreaterThan(50);
  });

  it("accepts a well-formed event and leaves the others to the schema's problems", () => {
    const good = {
      subject: "HB0000000001",
      purpose: "nsf-provision",
      action: "grant",
      at: "2024-01-10T09:00:00+09:00",
      source: "app-signup-v3",
      evidence: "",
    };
    expect(withoutZod(good)).toEqual({ ...good });
    expect(withoutZod({ ...good, extra: "x" })).toBeUndefined();
    expect(withoutZod(Object.assign(Object.create({ inherited: 1 }), good))).toBeUndefined();
    expect(withoutZod({ ...good, subject: " HB1" })).toBeUndefined();
    const problems = new ProblemList();
    expect(validateEvent({ ...good, action: "revoke" }, 4, "row", Date.now(), problems)).toBeUndefined();
    expect(problems.total).toBe(1);
    const parsed = validateEvent(good, 1, "row", Date.now(), new ProblemList());
    expect(parsed).toEqual({
      subject: "HB0000000001",
      purpose: "nsf-provision",
      granted: true,
      at: Date.parse("2024-01-10T00:00:00Z"),
      source: "app-signup-v3",
      evidence: undefined,
    });
  });
});
