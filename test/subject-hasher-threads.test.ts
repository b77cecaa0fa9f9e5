// the built package's subject hasher splits large batches with a worker thread: same bytes as node:crypto.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type * as Hashers from "../src/ledger/subjects/subject-hasher.js";
import { ROOT } from "./support/cli.js";

describe("parallel subject hashing", () => {
  it("gives node:crypto's hashes for a batch large enough to use the worker", async () => {
    const built = (await import(join(ROOT, "dist/ledger/subjects/subject-hasher.js"))) as typeof Hashers;
    const keys = Array.from({ length: 250_001 }, (_, i) =>
      i % 1000 === 7 ? `고객${i}` : `HB${String(i).padStart(10, "0")}`,
    );
    const secret = Buffer.from("0123456789abcdef0123456789abcdef");
    const fast = built.fastSubjectHasher("k", secret).hashMany(keys);
    const reference = built.nodeSubjectHasher("k", secret).hashMany(keys);
    expect(Buffer.from(fast).equals(Buffer.from(reference))).toBe(true);
  });
});
