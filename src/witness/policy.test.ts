import { describe, expect, it } from "vitest";
import { seedOf, TestLog } from "../../test/support/witness-log.js";
import { cosignerFromSeed } from "./cosignature.js";
import { checkPolicy, resolvePolicy } from "./policy.js";

const w1 = cosignerFromSeed("witness.example/w1", seedOf("w1"));
const w2 = cosignerFromSeed("witness.example/w2", seedOf("w2"));

describe("witness policies", () => {
  it("resolves endpoints under the submission prefix and defaults the timeout", () => {
    const p = resolvePolicy({
      witnesses: [
        { name: w1.name, url: "https://w1.example/witness/", vkey: w1.vkey },
        { name: w2.name, url: "http://127.0.0.1:7380", vkey: w2.vkey },
      ],
      quorum: 2,
    });
    expect(p.witnesses.map((w) => w.endpoint)).toEqual([
      "https://w1.example/witness/add-checkpoint",
      "http://127.0.0.1:7380/add-checkpoint",
    ]);
    expect(p.witnesses[0]?.key.id).toBe(w1.id);
    expect(p.timeoutMs).toBe(10_000);
  });

  it("reports every issue at once, with its path", () => {
    const issues = checkPolicy({
      witnesses: [
        { name: w1.name, url: "ftp://w1.example", vkey: w1.vkey },
        { name: w1.name, url: "http://x?y=1", vkey: w2.vkey },
        { name: "w3", url: "http://w3", vkey: new TestLog("ledger.example/a").vkey },
      ],
      quorum: 4,
      timeoutMs: 0,
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["url_invalid", "witnesses[0].url"],
      ["name_mismatch", "witnesses[1].name"],
      ["duplicate_witness", "witnesses[1].name"],
      ["url_invalid", "witnesses[1].url"],
      ["vkey_invalid", "witnesses[2].vkey"],
      ["quorum_out_of_range", "quorum"],
      ["timeout_out_of_range", "timeoutMs"],
    ]);
    expect(() => resolvePolicy({ witnesses: [], quorum: 1 })).toThrow(/at least one witness/);
    expect(
      checkPolicy({ witnesses: [{ name: w1.name, url: "http://w1", vkey: w1.vkey }], quorum: 0 }),
    ).toEqual([]);
    expect(
      checkPolicy({ witnesses: [{ name: w1.name, url: "http://w1", vkey: w1.vkey }], quorum: 1.5 })[0]?.code,
    ).toBe("quorum_out_of_range");
  });
});
