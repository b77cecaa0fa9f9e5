// the hash audit: digest shapes, reversal of a known set (mobile numbers in three formats, dates of birth,
// candidates) under MD5, SHA-1 and SHA-256 in every encoding, SHA-512 (no mobile kernel), and keyed pseudonyms that
// must come out as not reversible. Under vitest the
// worker file does not exist as .js, so the mobile search runs on the calling thread over a part of the space
// (auditDigestsWith's mobileRange); test/hash-audit-cli.test.ts runs the whole space on worker threads.
import { createHash, createHmac, randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rng } from "../../test/support/random.js";
import {
  type AuditResult,
  auditDigests,
  auditDigestsWith,
  type DigestAlgorithm,
  type DigestShape,
  digestShape,
  hasShape,
} from "./hash-audit.js";

const ALGS: DigestAlgorithm[] = ["md5", "sha1", "sha256", "sha512"];

function digest(alg: DigestAlgorithm, text: string, encoding: DigestShape["encoding"] | "HEX"): string {
  const d = createHash(alg).update(text, "utf8").digest();
  if (encoding === "HEX") return d.toString("hex").toUpperCase();
  return d.toString(encoding);
}

const phone = (n: number, form: "plain" | "hyphenated" | "international"): string => {
  const s = String(n).padStart(8, "0");
  if (form === "plain") return `010${s}`;
  if (form === "hyphenated") return `010-${s.slice(0, 4)}-${s.slice(4)}`;
  return `+8210${s}`;
};

/** The part of the mobile space searched in these tests: 010-1234-0000 .. 010-1243-9999. */
const RANGE: [number, number] = [12_340_000, 12_440_000];

/** `n` distinct numbers in RANGE. */
function numbers(next: () => number, n: number): number[] {
  const out = new Set<number>();
  while (out.size < n) out.add(RANGE[0] + (next() % (RANGE[1] - RANGE[0])));
  return [...out];
}

/** `n` distinct dates of birth 1930..2009 as [year, month, day]. */
function dates(next: () => number, n: number): [string, string, string][] {
  const out = new Map<string, [string, string, string]>();
  while (out.size < n) {
    const d = new Date(Date.UTC(1930, 0, 1) + (next() % (80 * 365)) * 86_400_000);
    const y = String(d.getUTCFullYear());
    const m = String(d.getUTCMonth() + 1).padStart(2, "0");
    const day = String(d.getUTCDate()).padStart(2, "0");
    out.set(`${y}${m}${day}`, [y, m, day]);
  }
  return [...out.values()];
}

function expectNoValues(result: AuditResult, secrets: readonly string[]): void {
  const text = JSON.stringify(result);
  for (const s of secrets) expect(text.includes(s), "a value or digest leaked into the result").toBe(false);
}

describe("digestShape", () => {
  it("recognises every algorithm in hex (either case), base64 (padded or not) and base64url", () => {
    const next = rng(1);
    for (const alg of ALGS) {
      const texts = Array.from({ length: 200 }, (_, i) => `value ${i} ${next()}`);
      expect(digestShape(texts.map((t) => digest(alg, t, "hex")))).toEqual({
        algorithm: alg,
        encoding: "hex",
      });
      expect(digestShape(texts.map((t) => digest(alg, t, "HEX")))).toEqual({
        algorithm: alg,
        encoding: "hex",
      });
      expect(digestShape(texts.map((t) => digest(alg, t, "base64")))).toEqual({
        algorithm: alg,
        encoding: "base64",
      });
      expect(digestShape(texts.map((t) => digest(alg, t, "base64").replace(/=+$/, "")))).toEqual({
        algorithm: alg,
        encoding: "base64",
      });
      expect(digestShape(texts.map((t) => digest(alg, t, "base64url")))).toEqual({
        algorithm: alg,
        encoding: "base64url",
      });
    }
  });

  it("tolerates up to 10% of other values and blanks, and trims", () => {
    const hexes = Array.from({ length: 90 }, (_, i) => ` ${digest("sha256", String(i), "hex")} `);
    const other = Array.from({ length: 10 }, (_, i) => `n/a ${i}`);
    expect(digestShape([...hexes, ...other, "", "  "])).toEqual({ algorithm: "sha256", encoding: "hex" });
    expect(digestShape([...hexes.slice(0, 89), ...other])).toBeUndefined();
  });

  it("refuses values that are not digests", () => {
    const next = rng(2);
    const n = 200;
    const cases: Record<string, string[]> = {
      empty: [],
      blanks: ["", " ", ""],
      phones: Array.from({ length: n }, (_, i) => phone(i * 4973, "plain")),
      emails: Array.from({ length: n }, (_, i) => `user${i}@example.co.kr`),
      "32-digit numbers": Array.from({ length: n }, () =>
        Array.from({ length: 32 }, () => String(next() % 10)).join(""),
      ),
      "hyphenless UUIDs": Array.from({ length: n }, () => crypto.randomUUID().replaceAll("-", "")),
      UUIDs: Array.from({ length: n }, () => crypto.randomUUID()),
      "base62 tokens of 22 characters": Array.from({ length: n }, () =>
        Array.from(
          { length: 22 },
          () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[next() % 62],
        ).join(""),
      ),
      "hex of 36 characters": Array.from({ length: n }, () => randomBytes(18).toString("hex")),
      "mixed shapes": [
        ...Array.from({ length: n / 2 }, (_, i) => digest("md5", String(i), "hex")),
        ...Array.from({ length: n / 2 }, (_, i) => digest("sha1", String(i), "hex")),
      ],
    };
    for (const [name, values] of Object.entries(cases)) expect(digestShape(values), name).toBeUndefined();
  });

  it("hasShape tells which values are audited", () => {
    const shape: DigestShape = { algorithm: "sha1", encoding: "base64url" };
    expect(hasShape(digest("sha1", "x", "base64url"), shape)).toBe(true);
    expect(hasShape(digest("sha1", "x", "hex"), shape)).toBe(false);
    expect(hasShape("not a digest", shape)).toBe(false);
  });
});

describe("auditDigests: a known set is reversed, with counts only", () => {
  const next = rng(3);
  const [plain, hyphenated, international] = [100, 100, 100].map(() => numbers(next, 100)) as [
    number[],
    number[],
    number[],
  ];
  const births = dates(next, 50);
  const given = Array.from({ length: 20 }, (_, i) => `customer.${i}@example.co.kr`);
  const lowered = Array.from({ length: 20 }, (_, i) => `Kim.${i}@Example.COM`);
  const texts = [
    ...plain.map((n) => phone(n, "plain")),
    ...hyphenated.map((n) => phone(n, "hyphenated")),
    ...international.map((n) => phone(n, "international")),
    ...births.map(([y, m, d]) => `${y}${m}${d}`),
    ...births.map(([y, m, d]) => `${y.slice(2)}${m}${d}`),
    ...births.map(([y, m, d]) => `${y}-${m}-${d}`),
    ...given,
    ...lowered.map((e) => e.toLowerCase()),
  ];
  const candidates = [...given, ...lowered.map((e) => `  ${e} `), "nobody@example.org"];
  const expected = {
    "mobile 010########": 100,
    "mobile 010-####-####": 100,
    "mobile +8210########": 100,
    "birthdate YYYYMMDD": 50,
    "birthdate YYMMDD": 50,
    "birthdate YYYY-MM-DD": 50,
    candidate: 20,
    "candidate trimmed": 0,
    "candidate lower-case": 20,
    "candidate upper-case": 0,
  };

  for (const [alg, encoding] of (["md5", "sha1", "sha256"] as const).flatMap((a) =>
    (["hex", "HEX", "base64", "base64url"] as const).map((e) => [a, e] as const),
  )) {
    it(`${alg} ${encoding}: every phone number, date of birth and candidate is recovered`, async () => {
      // each digest twice, plus 10 digests of values nobody enumerates
      const noise = Array.from({ length: 10 }, () => randomBytes(16).toString("hex"));
      const values = [...texts, ...texts, ...noise].map((t) => digest(alg, t, encoding));
      const shape = digestShape(values);
      expect(shape).toEqual({ algorithm: alg, encoding: encoding === "HEX" ? "hex" : encoding });
      if (shape === undefined) return;
      const r = await auditDigestsWith(values, shape, { candidates }, { mobileRange: RANGE, chunk: 40_000 });
      expect(r).toMatchObject({ values: values.length, distinct: texts.length + 10, reversed: texts.length });
      expect(r.byForm).toEqual(expected);
      expect(r.share).toBeCloseTo(texts.length / (texts.length + 10), 10);
      // cheapest first: the candidates, dates of birth, then the mobile space
      expect(r.tried).toEqual([
        "41 candidates (as given, trimmed, lower-case, upper-case)",
        `birthdate YYYYMMDD 1900-${new Date().getUTCFullYear()}`,
        `birthdate YYMMDD 1900-${new Date().getUTCFullYear()}`,
        `birthdate YYYY-MM-DD 1900-${new Date().getUTCFullYear()}`,
        "mobile 010######## (100,000 of 10^8)",
        "mobile 010-####-#### (100,000 of 10^8)",
        "mobile +8210######## (100,000 of 10^8)",
      ]);
      expect(r.stoppedEarly).toBe(false);
      expect(r.mobileSearched).toBe(true);
      expect(r.verdict).toMatch(
        /^not pseudonymised: anyone can recover 98\.\d% of the values \(490 of 500 distinct digests: phone numbers 300, dates of birth 150, candidate values 40\) in \d+\.\d s$/,
      );
      expectNoValues(r, [...texts, ...values.slice(0, 50), ...noise]);
    });
  }

  it("SHA-512 of candidates and dates is recovered; the mobile space is said to be skipped", async () => {
    const subset = [...given, ...births.map(([y, m, d]) => `${y}-${m}-${d}`), phone(plain[0] ?? 0, "plain")];
    const values = subset.map((t) => digest("sha512", t, "hex"));
    const shape = digestShape(values);
    expect(shape).toEqual({ algorithm: "sha512", encoding: "hex" });
    if (shape === undefined) return;
    const r = await auditDigests(values, shape, { candidates: given });
    expect(r).toMatchObject({ distinct: 71, reversed: 70, mobileSearched: false });
    expect(r.byForm).toMatchObject({ "birthdate YYYY-MM-DD": 50, candidate: 20 });
    expect(r.tried.at(-1)).toMatch(
      /^mobile numbers not enumerated: the 10\^8 space runs for MD5, SHA-1, SHA-256 only \(SHA-512 through node:crypto would take minutes\)$/,
    );
    expect(r.verdict).toMatch(/^not pseudonymised: anyone can recover 98\.6% of the values/);
    expectNoValues(r, [...subset, ...values]);
  });

  it("MD5 and SHA-1 of one phone number among candidates and dates: the mobile space recovers it too", async () => {
    for (const alg of ["md5", "sha1"] as const) {
      const subset = [
        ...given,
        ...births.map(([y, m, d]) => `${y}-${m}-${d}`),
        phone(plain[0] ?? 0, "plain"),
      ];
      const values = subset.map((t) => digest(alg, t, "base64"));
      const r = await auditDigestsWith(
        values,
        { algorithm: alg, encoding: "base64" },
        { candidates: given },
        { mobileRange: RANGE, chunk: 50_000 },
      );
      expect(r, alg).toMatchObject({ distinct: 71, reversed: 71, share: 1, mobileSearched: true });
      expect(r.byForm["mobile 010########"], alg).toBe(1);
      expect(r.verdict).toMatch(/^not pseudonymised: anyone can recover 100\.0% of the values/);
      expectNoValues(r, [...subset, ...values]);
    }
  });

  it("SHA-512 with nothing recovered does not claim the column is pseudonymised", async () => {
    const values = Array.from({ length: 30 }, (_, i) =>
      digest("sha512", phone(plain[i] ?? 0, "plain"), "hex"),
    );
    const r = await auditDigests(values, { algorithm: "sha512", encoding: "hex" });
    expect(r.reversed).toBe(0);
    expect(r.verdict).toMatch(
      /only enumerated for MD5, SHA-1, SHA-256, not SHA-512.*does not show the column is pseudonymised/,
    );
  });

  it("spaces: birthdate only skips the mobile space", async () => {
    const values = texts.map((t) => digest("sha256", t, "hex"));
    const r = await auditDigests(values, { algorithm: "sha256", encoding: "hex" }, { spaces: ["birthdate"] });
    expect(r.reversed).toBe(150);
    expect(Object.keys(r.byForm)).toEqual(["birthdate YYYYMMDD", "birthdate YYMMDD", "birthdate YYYY-MM-DD"]);
  });
});

describe("auditDigests: keyed pseudonyms are not reversible", () => {
  it("HMAC-SHA256 under a random key of numbers in the searched space, dates and candidates: nothing recovered", async () => {
    const next = rng(4);
    const key = randomBytes(32);
    const texts = [
      ...numbers(next, 200).map((n) => phone(n, "plain")),
      ...dates(next, 50).map(([y, m, d]) => `${y}${m}${d}`),
      ...Array.from({ length: 20 }, (_, i) => `customer.${i}@example.co.kr`),
    ];
    const mac = (t: string) => createHmac("sha256", key).update(t, "utf8").digest();
    // jikimi share writes base64url (32 bytes) or hex; 16 bytes of hex has the MD5 shape
    for (const [values, shape] of [
      [texts.map((t) => mac(t).toString("base64url")), { algorithm: "sha256", encoding: "base64url" }],
      [texts.map((t) => mac(t).toString("hex")), { algorithm: "sha256", encoding: "hex" }],
      [texts.map((t) => mac(t).subarray(0, 16).toString("hex")), { algorithm: "md5", encoding: "hex" }],
    ] as const) {
      expect(digestShape(values)).toEqual(shape);
      const r = await auditDigestsWith(
        values,
        shape,
        { candidates: texts.slice(250) },
        { mobileRange: RANGE, chunk: 50_000 },
      );
      expect(r).toMatchObject({ values: 270, distinct: 270, reversed: 0, share: 0, mobileSearched: true });
      expect(r.verdict).toBe("no value was recovered: consistent with a keyed pseudonym");
      expectNoValues(r, [...texts, ...values]);
    }
  });
});

describe("auditDigests: edge cases", () => {
  it("an aborted signal stops the audit", async () => {
    const values = [digest("sha256", "x", "hex")];
    await expect(
      auditDigests(values, { algorithm: "sha256", encoding: "hex" }, { signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });

  it("no value of the shape: nothing to audit", async () => {
    const r = await auditDigests(["a", ""], { algorithm: "sha256", encoding: "hex" });
    expect(r).toMatchObject({ values: 0, distinct: 0, reversed: 0, share: 0, tried: [] });
    expect(r.verdict).toMatch(/nothing to audit/);
  });

  it("hex targets: the values of the shape (trimmed, any case, not all digits) and their distinct digests", async () => {
    // what the hex path must agree with: hasShape on each value, distinct by lower-case digest
    const hexChar = fc.constantFrom(..."0123456789abcdefABCDEF".split(""));
    const value = fc.oneof(
      fc
        .constantFrom("md5", "sha1", "sha256")
        .chain((alg) =>
          fc
            .tuple(
              fc.integer({ min: 0, max: 30 }),
              fc.constantFrom("hex", "HEX") as fc.Arbitrary<"hex" | "HEX">,
            )
            .map(([n, enc]) => digest(alg as DigestAlgorithm, `v${n}`, enc)),
        ),
      fc.string({ unit: hexChar, minLength: 64, maxLength: 64 }),
      fc.string({ unit: fc.constantFrom(..."0123456789".split("")), minLength: 64, maxLength: 64 }),
      fc
        .tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom(" ", "\t", "  ", "\u3000"))
        .map(([n, pad]) => `${pad}${digest("sha256", `v${n}`, "hex")}${pad}`),
      fc
        .tuple(
          fc.integer({ min: 0, max: 30 }),
          fc.integer({ min: 0, max: 63 }),
          fc.constantFrom("g", "-", " ", "é"),
        )
        .map(([n, at, c]) => {
          const d = digest("sha256", `v${n}`, "hex");
          return d.slice(0, at) + c + d.slice(at + 1);
        }),
      fc.string({ maxLength: 70 }),
    );
    const shape: DigestShape = { algorithm: "sha256", encoding: "hex" };
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 60 }), async (values) => {
        const kept = values.filter((v) => hasShape(v, shape));
        const r = await auditDigestsWith(values, shape, { spaces: [] }, { mobileRange: RANGE });
        expect(r.values).toBe(kept.length);
        expect(r.distinct).toBe(new Set(kept.map((v) => v.trim().toLowerCase())).size);
      }),
      { numRuns: 200 },
    );
  });
});
