import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { thrown } from "../../test/support/errors.js";
import { compileTransform, detokenize, type RowProblem, TRANSFORMS, transformNamed } from "./index.js";

const PKEY = new Uint8Array(32).fill(0x33);
const TKEY = new Uint8Array(64).fill(0x44);

function def(name: string) {
  const d = transformNamed(name);
  if (!d) throw new Error(`no transform ${name}`);
  return d;
}

describe("compileTransform", () => {
  const values = ["010-1234-5678", "", "+82 10-1234-5678"];

  it("runs every runnable transform over a column", () => {
    const run = (name: string, options: unknown, type: "string" | "date" = "string"): string[] => {
      const out: string[] = [];
      compileTransform(def(name), options, { pseudonym: PKEY, token: TKEY }, type, { field: "phone" })(
        values,
        out,
      );
      return out;
    };
    expect(run("keep", { transform: "keep" })).toEqual(values);
    expect(run("constant", { transform: "constant", value: null })).toEqual(["", "", ""]);
    expect(run("constant", { transform: "constant", value: 7 })).toEqual(["7", "7", "7"]);
    expect(run("mask", { transform: "mask", keep_end: 4 })).toEqual([
      "*********5678",
      "",
      "************5678",
    ]);
    const p = run("pseudonym", { transform: "pseudonym", normalize: "phone_kr", encoding: "hex" });
    const expected = createHmac("sha256", PKEY).update("01012345678").digest("hex");
    expect(p).toEqual([expected, "", expected]);
    const t = run("token", { transform: "token" });
    expect(t[1]).toBe("");
    expect(detokenize(TKEY, t[2] as string)).toBe(values[2]);
    const g = run("generalise", { transform: "generalise", to: "prefix", length: 3 });
    expect(g).toEqual(["010", "", "+82"]);
  });

  it("never runs the legacy hash", () => {
    const e = thrown(() =>
      compileTransform(def("hash"), { transform: "hash", algorithm: "sha256" }, {}, "string"),
    );
    expect(e.code).toBe("transform_not_runnable");
    expect(e.message).toMatch(/the hash transform only describes a legacy feed; use pseudonym/);
  });

  it("checks field types, options and keys, without printing keys", () => {
    expect(thrown(() => compileTransform(def("mask"), { transform: "mask" }, {}, "integer")).code).toBe(
      "transform_type_mismatch",
    );
    expect(
      thrown(() =>
        compileTransform(def("generalise"), { transform: "generalise", to: "month" }, {}, "string"),
      ).code,
    ).toBe("transform_type_mismatch");
    expect(
      thrown(() => compileTransform(def("mask"), { transform: "mask", char: "**" }, {}, "string")).code,
    ).toBe("transform_options");
    expect(
      thrown(() => compileTransform(def("pseudonym"), { transform: "pseudonym" }, {}, "string")).code,
    ).toBe("transform_key_missing");
    const e = thrown(() =>
      compileTransform(
        def("token"),
        { transform: "token" },
        { token: new Uint8Array(40).fill(0x41) },
        "string",
      ),
    );
    expect(e.code).toBe("token_key_length");
    expect(e.message).not.toMatch(/AAAA|65/);
  });

  it("passes row problems to the sink with the field name", () => {
    const problems: RowProblem[] = [];
    const out: string[] = [];
    compileTransform(def("generalise"), { transform: "generalise", to: "year" }, {}, "date", {
      field: "birth_date",
      problems: (p) => problems.push(p),
    })(["1990-05-01", "soon"], out);
    expect(out).toEqual(["1990", ""]);
    expect(problems).toEqual([{ row: 1, field: "birth_date", code: "not_a_date" }]);
  });

  it("gives back its input for every passthrough transform, which the gateway copies as bytes instead", () => {
    const passthrough = TRANSFORMS.filter((d) => d.passthrough === true);
    expect(passthrough.length).toBeGreaterThan(0);
    const column = ["010-1234-5678", "", "홍길동", 'a,"b"'];
    for (const d of passthrough) {
      const out: string[] = [];
      compileTransform(d, { transform: d.name }, {}, "string")(column, out);
      expect(out, d.name).toEqual(column);
    }
  });

  it("asks keyed transforms for their key by its use, and only those", () => {
    for (const d of TRANSFORMS.filter((x) => x.key !== undefined && x.compile !== undefined)) {
      const e = thrown(() => compileTransform(d, { transform: d.name }, {}, "string"));
      expect(e.code, d.name).toBe("transform_key_missing");
    }
    // an unkeyed transform compiles with no keys at all
    expect(() => compileTransform(def("mask"), { transform: "mask" }, {}, "string")).not.toThrow();
  });

  it("covers every registered transform", () => {
    expect(TRANSFORMS.map((t) => t.name).sort()).toEqual(
      ["constant", "generalise", "hash", "keep", "mask", "pseudonym", "token"].sort(),
    );
  });
});
