// the built consent import reads a large CSV on worker threads in record-aligned blocks taken in file order: the
// batch (columns, names, evidence, subject hashes) equals one thread's, and a file with bad rows gives one thread's
// problems, row by row, because a block with a problem sends the read back to one pass.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type * as Consent from "../src/consent/index.js";
import type * as Hasher from "../src/ledger/subjects/subject-hasher.js";
import { ROOT, tempDir } from "./support/cli.js";

const tmp = tempDir("jikimi-consent-threads-");
afterAll(tmp.cleanup);

const built = async () => ({
  consent: (await import(join(ROOT, "dist/consent/index.js"))) as typeof Consent,
  hasher: (await import(join(ROOT, "dist/ledger/subjects/subject-hasher.js"))) as typeof Hasher,
});
const NOW = new Date("2025-06-01T00:00:00Z");
const parallel = { threads: 3, internals: { blockBytes: 16 << 10, parallelFrom: 0 } };
const secret = randomBytes(32);

/** `rows` events over three purposes and sources, quoted evidence with commas and quotes, CRLF and a BOM. */
function writeConsents(file: string, rows: number, bad: (i: number) => boolean = () => false): void {
  const lines = ["subject,purpose,action,at,source,evidence"];
  for (let i = 0; i < rows; i++) {
    const at = new Date(Date.UTC(2024, 0, 1) + i * 61_000).toISOString();
    const evidence = i % 5 === 0 ? "" : i % 5 === 1 ? `"form ${i}, page ""2"""` : `rec-${i}`;
    lines.push(
      `C${(i * 7919) % 50_000},${["nsf-provision", "marketing", "partner-offers"][i % 3]},${i % 11 === 0 ? "withdraw" : "grant"},${bad(i) ? "2024-13-01T00:00:00Z" : at},${["app", "desk", "web"][i % 3]},${evidence}`,
    );
  }
  writeFileSync(file, `\uFEFF${lines.join("\r\n")}\r\n`);
}

async function read(file: string, options: Consent.ImportOptions) {
  const { consent, hasher } = await built();
  const batch = new consent.EventBatch(hasher.fastSubjectHasher("k", secret));
  const out = await consent.readConsentFile(file, batch, { now: NOW, ...options }).then(
    (r) => ({ rows: r.rows, threads: r.threads }),
    (e: { code?: string; problems?: unknown; total?: number }) => ({
      code: e.code,
      problems: e.problems,
      total: e.total,
    }),
  );
  batch.finish();
  const n = batch.count;
  return {
    out,
    count: n,
    at: [...batch.at.subarray(0, n)],
    granted: [...batch.granted.subarray(0, n)],
    purposes: [...batch.purpose.subarray(0, n)].map((p) => batch.purposes[p]),
    sources: [...batch.source.subarray(0, n)].map((s) => batch.sources[s]),
    evidence: batch.evidence,
    hashes: Buffer.from(batch.hashes.subarray(0, n * 16)).toString("base64"),
  };
}

describe("consent import on worker threads", () => {
  it("gives one thread's batch: columns, names, evidence and subject hashes in file order", async () => {
    const file = join(tmp.dir, "consents.csv");
    writeConsents(file, 30_000);
    const one = await read(file, { threads: 1 });
    const many = await read(file, parallel);
    expect(one.out).toEqual({ rows: 30_000, threads: 1 });
    expect(many.out).toEqual({ rows: 30_000, threads: 3 });
    expect(one.count).toBe(30_000);
    expect(new Set(one.evidence).has('form 1, page "2"')).toBe(true);
    expect({ ...many, out: one.out }).toEqual(one);
  });

  it("names the same problems by row as one thread, and keeps no event of the file", async () => {
    const file = join(tmp.dir, "bad.csv");
    writeConsents(file, 30_000, (i) => i === 17_000 || i === 29_999);
    const one = await read(file, { threads: 1 });
    const many = await read(file, parallel);
    expect(one.out).toMatchObject({ code: "consent_input_invalid", total: 2 });
    expect(many.out).toEqual(one.out);
    expect(many.count).toBe(one.count);
    expect(many.hashes).toBe(one.hashes);
  });
});
