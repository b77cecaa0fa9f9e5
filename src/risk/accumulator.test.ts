// a release measured in parts: accumulators over consecutive parts of a table, sent as bytes (toBytes, fromBytes)
// and merged in order, report what one accumulator over the whole table does; merge refuses other QIs or
// sensitive attributes, and fromBytes refuses truncated, damaged or foreign bytes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thrown } from "../../test/support/errors.js";
import { withLanguage } from "../i18n/index.js";
import { RiskAccumulator } from "./accumulator.js";
import { ByteWriter, crc32 } from "./bytes.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const QIS = ["age", "zip", "sex", "city"];

interface Table {
  qi: string[];
  sensitive: boolean;
  /** QI values then, with a sensitive attribute, the sensitive value (undefined: left out) */
  rows: { values: string[]; sensitive: string | undefined }[];
}

// few QIs over small alphabets (Hangul and the empty value among them), so that classes repeat
const value = fc.constantFrom("", "0", "1", "2", "서울", "부산", "a,b", "x".repeat(30));
const table: fc.Arbitrary<Table> = fc
  .record({ q: fc.integer({ min: 1, max: 4 }), sensitive: fc.boolean() })
  .chain(({ q, sensitive }) =>
    fc.record({
      qi: fc.constant(QIS.slice(0, q)),
      sensitive: fc.constant(sensitive),
      rows: fc.array(
        fc.record({
          values: fc.array(value, { minLength: q, maxLength: q }),
          sensitive: fc.option(fc.constantFrom("flu", "cold", "암", ""), { nil: undefined }),
        }),
        { maxLength: 80 },
      ),
    }),
  );

/** Cut points splitting `n` records into consecutive parts (some possibly empty). */
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 });
function parts<T>(rows: readonly T[], at: readonly number[]): T[][] {
  const bounds = at.map((x) => Math.floor(x * rows.length)).sort((a, b) => a - b);
  const out: T[][] = [];
  let from = 0;
  for (const b of [...bounds, rows.length]) {
    out.push(rows.slice(from, b));
    from = b;
  }
  return out;
}

function accumulate(t: Table, rows = t.rows): RiskAccumulator {
  const acc = new RiskAccumulator(t.qi, t.sensitive ? { sensitive: "disease" } : {});
  for (const r of rows) acc.add(r.values, r.sensitive);
  return acc;
}

const reports = (acc: RiskAccumulator) => ({
  size: acc.size,
  report: acc.report(),
  subsets: acc.report({ subsets: true }),
});

/** `bytes` with its CRC-32 made right again (to reach the checks behind it). */
function resealed(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  const end = out.length - 4;
  new DataView(out.buffer).setUint32(end, crc32(out, 0, end), true);
  return out;
}

const TABLE: Table = {
  qi: ["age", "zip"],
  sensitive: true,
  rows: [
    { values: ["30", "100"], sensitive: "flu" },
    { values: ["30", "100"], sensitive: "cold" },
    { values: ["40", "서울"], sensitive: "암" },
    { values: ["40", "200"], sensitive: undefined },
  ],
};

describe("RiskAccumulator merged from parts", () => {
  it("parts accumulated apart, sent as bytes and merged in order report as the whole table", () => {
    fc.assert(
      fc.property(table, cuts, (t, at) => {
        const whole = accumulate(t);
        const pieces = parts(t.rows, at).map((rows) =>
          RiskAccumulator.fromBytes(accumulate(t, rows).toBytes()),
        );
        const [first, ...rest] = pieces;
        const merged = first as RiskAccumulator;
        for (const p of rest) merged.merge(p);
        expect(reports(merged)).toEqual(reports(whole));
        // the same rows in the same order: the same state, byte for byte
        expect(merged.toBytes()).toEqual(whole.toBytes());
        // and into an empty accumulator, without the trip through bytes
        const fresh = new RiskAccumulator(t.qi, t.sensitive ? { sensitive: "disease" } : {});
        for (const rows of parts(t.rows, at)) fresh.merge(accumulate(t, rows));
        expect(reports(fresh)).toEqual(reports(whole));
      }),
      { numRuns: 300 },
    );
  });

  it("a state read back reports what the accumulator did", () => {
    fc.assert(
      fc.property(table, (t) => {
        const acc = accumulate(t);
        const back = RiskAccumulator.fromBytes(acc.toBytes());
        expect(reports(back)).toEqual(reports(acc));
        expect(back.qi).toEqual(acc.qi);
        expect(back.sensitiveColumn).toBe(acc.sensitiveColumn);
      }),
    );
  });

  it("merging an accumulator into itself doubles every count", () => {
    const acc = accumulate(TABLE);
    acc.merge(acc);
    expect(reports(acc)).toEqual(reports(accumulate(TABLE, [...TABLE.rows, ...TABLE.rows])));
  });

  it("carries no population records: they are added after the merges", () => {
    const part = accumulate(TABLE);
    part.addPopulation(["30", "100"]);
    const back = RiskAccumulator.fromBytes(part.toBytes());
    expect(back.populationSize).toBe(0);
    expect(back.report().journalistMax).toBeUndefined();
    back.addPopulation(["30", "100"]);
    expect(back.report()).toEqual(part.report());
  });

  it("keeps a class's count an int32: a merge beyond 2^31 - 1 records in a class is refused, unchanged", () => {
    const big = new RiskAccumulator(["age"]);
    big.add(["30"]);
    // the state of one class ("30") of 2^31 - 1 records, written by hand
    const max = 2 ** 31 - 1;
    const w = new ByteWriter();
    for (const b of [0x4a, 0x4b, 0x52, 0x41, 1, 0]) w.u8(b);
    w.varint(1);
    w.bytes(utf8("age"));
    w.varint(max);
    w.varint(1);
    w.bytes(utf8("30"));
    w.varint(1);
    w.varint(0);
    w.varint(max);
    const full = RiskAccumulator.fromBytes(w.finishWithCrc());
    expect(full.report().k).toBe(max);
    const before = full.toBytes();
    expect(thrown(() => full.merge(big)).code).toBe("risk_class_overflow");
    expect(full.toBytes()).toEqual(before);
    const other = new RiskAccumulator(["age"]);
    other.add(["40"]);
    full.merge(other);
    expect(full.report()).toMatchObject({ records: 2 ** 31, classes: 2, k: 1 });
  });
});

describe("RiskAccumulator.merge refuses", () => {
  const a = accumulate(TABLE);
  it("other quasi-identifiers, or the same in another order", () => {
    for (const qi of [["age"], ["age", "city"], ["zip", "age"], ["age", "zip", "sex"]]) {
      const e = thrown(() => a.merge(new RiskAccumulator(qi, { sensitive: "disease" })));
      expect(e.code).toBe("risk_merge_mismatch");
      expect(e.kind).toBe("input");
      expect(e.message).toContain("age, zip");
    }
  });

  it("another sensitive attribute, or none", () => {
    for (const options of [{}, { sensitive: "income" }]) {
      const e = thrown(() => a.merge(new RiskAccumulator(["age", "zip"], options)));
      expect(e.code).toBe("risk_merge_mismatch");
      expect(e.message).toContain("disease");
    }
    expect(thrown(() => new RiskAccumulator(["age", "zip"]).merge(a)).message).toContain("(none)");
  });

  it("in Korean too", () => {
    const e = withLanguage("ko", () => thrown(() => a.merge(new RiskAccumulator(["age"]))));
    expect(e.message).toContain("병합할 수 없습니다");
  });
});

describe("RiskAccumulator.fromBytes refuses", () => {
  const bytes = accumulate(TABLE).toBytes();
  const reason = (b: Uint8Array): string => {
    const e = thrown(() => RiskAccumulator.fromBytes(b));
    expect(e.code).toBe("bad_risk_state");
    return String(e.details?.reason);
  };

  it("every truncation", () => {
    for (let n = 0; n < bytes.length; n++) reason(bytes.subarray(0, n));
  });

  it("every change of a byte, and every byte added", () => {
    for (let at = 0; at < bytes.length; at++)
      for (const flip of [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xff]) {
        const bad = bytes.slice();
        bad[at] = (bad[at] as number) ^ flip;
        reason(bad);
      }
    for (let extra = 0; extra < 256; extra++) reason(new Uint8Array([...bytes, extra]));
  });

  it("other formats and versions, and broken contents behind a right checksum", () => {
    expect(reason(utf8('{"qi":["age"],"classes":[]}'))).toBe("not_a_state");
    const v2 = bytes.slice();
    v2[4] = 2;
    expect(reason(resealed(v2))).toBe("version");
    const extra = new Uint8Array([...bytes.subarray(0, bytes.length - 4), 0, 0, 0, 0, 0]);
    expect(reason(resealed(extra))).toBe("trailing_bytes");
    // two records claimed where there are four
    const records = bytes.indexOf(4, 6);
    const fewer = bytes.slice();
    fewer[records] = 2;
    expect(reason(resealed(fewer))).toBe("records");
    // a QI named twice
    const twice = new RiskAccumulator(["age", "zip"]).toBytes();
    twice.set(utf8("age"), 6 + 1 + 1 + 3 + 1);
    expect(reason(resealed(twice))).toBe("names");
  });

  it("with a message in English and in Korean", () => {
    const cut = bytes.subarray(0, 10);
    const en = withLanguage("en", () => thrown(() => RiskAccumulator.fromBytes(cut)));
    const ko = withLanguage("ko", () => thrown(() => RiskAccumulator.fromBytes(cut)));
    expect(en.message).toMatch(/^not a risk measure state .* \(at byte \d+\)$/);
    expect(ko.message).toContain("위험 측정 상태가 아닙니다");
    expect(ko.details).toEqual(en.details);
  });
});
