// per-person receipts end to end: releases recorded through the CLI, a receipt written by `ledger receipt` and
// checked by `verify receipt` in a process that has nothing of the operator's (fresh HOME and folder, no keyring,
// no workspace); every altered byte fails; the file names no one else; a tampered set is refused and reported.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadKeyring } from "../src/crypto/keyring.js";
import { signerFrom } from "../src/crypto/signing.js";
import { Ledger } from "../src/ledger/ledger.js";
import { logNoteSigner, logVkey } from "../src/ledger/note/log-key.js";
import type * as Parallel from "../src/ledger/receipts/parallel.js";
import { type Receipt, ReceiptSchema } from "../src/ledger/receipts/receipt.js";
import { arraySource, receiptNodes, receiptsRootOf } from "../src/ledger/receipts/tree.js";
import { verifyReceipt } from "../src/ledger/receipts/verify.js";
import { SubjectDictionary } from "../src/ledger/subjects/dictionary.js";
import { RoaringBitmap32 } from "../src/ledger/subjects/roaring.js";
import { canonicalSetBytes, readSet } from "../src/ledger/subjects/sets.js";
import { nodeSubjectHasher } from "../src/ledger/subjects/subject-hasher.js";
import { verifyLedger } from "../src/ledger/verify.js";
import { type CliRun, exampleWorkspace, ROOT, tempDir } from "./support/cli.js";
import { customers, range, release, storesOver, type TestLedger, testLedger } from "./support/ledger.js";

const MAIN = join(ROOT, "dist", "bin", "jikimi.js");
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY - 3_600_000).toISOString();
const key = (n: number) => `HB${String(n).padStart(10, "0")}`;
const keys = (from: number, to: number) => range(from, to + 1).map(key);

const cleanups: (() => void)[] = [];
afterAll(() => {
  for (const c of cleanups.splice(0)) c();
});

/** Runs the built CLI as a person would: a fresh HOME and working folder, no keyring, no workspace variables. */
function stranger(args: string[]): CliRun {
  const { dir, cleanup } = tempDir("jikimi-person-");
  cleanups.push(cleanup);
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? "", HOME: dir, NO_COLOR: "1" },
    encoding: "utf8",
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace with consent for customers 1..200 and releases of nsf-credit-feed with the given subjects. */
function world(releases: string[][]) {
  const { dir, ws, env, run } = exampleWorkspace(cleanups, { keys: true });
  const consent = join(dir, "consent.csv");
  writeFileSync(
    consent,
    `subject,purpose,action,at,source\n${keys(1, 200)
      .map((k) => `${k},nsf-provision-overseas,grant,2024-01-01T00:00:00Z,app`)
      .join("\n")}\n`,
  );
  expect(run(["consent", "import", consent]).status).toBe(0);
  releases.forEach((subjects, i) => {
    const t = run(["ledger", "template", "nsf-credit-feed", "--at", ago(releases.length - i), "--json"]);
    expect(t.status, t.stderr).toBe(0);
    const m = JSON.parse(t.stdout) as Record<string, unknown>;
    m.records = subjects.length;
    m.operator = "ops@hanbitpay.example";
    writeFileSync(join(dir, "subjects.csv"), `customer_id\n${subjects.join("\n")}\n`);
    writeFileSync(join(dir, "release.yaml"), stringify(m));
    const r = run(["ledger", "record", "-m", join(dir, "release.yaml")]);
    expect(r.status, r.stderr).toBe(0);
  });
  const vkey = run(["ledger", "vkey"]).stdout.trim();
  return { dir, ws, env, run, vkey };
}

// A = customer 1 (releases 0 and 1), B = customer 100 (all three), C = customer 198 (releases 0 and 2)
const A = key(1);
const B = key(100);
let w: ReturnType<typeof world>;
let fileA: string;
let fileB: string;
beforeAll(() => {
  w = world([keys(1, 200), keys(1, 195), keys(6, 200)]);
  fileA = join(w.dir, "a.receipt.json");
  fileB = join(w.dir, "b.receipt.json");
  const a = w.run(["ledger", "receipt", A, "-o", fileA, "--json"]);
  expect(a.status, a.stderr).toBe(0);
  expect(w.run(["ledger", "receipt", B, "-o", fileB]).status).toBe(0);
}, 120_000);

describe("jikimi ledger receipt / verify receipt", () => {
  it("a receipt verifies with the log's vkey alone, in a process with no keyring, database or workspace", () => {
    expect(statSync(fileA).mode & 0o777).toBe(0o600);
    const ok = stranger(["verify", "receipt", fileA, "--vkey", w.vkey, "--subject", A]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(
      /^ok: 2 releases of jikimi\/Hanbit-Pay-Co\.,-Ltd\. proven in its log of 3 entries, bound/,
    );
    expect(ok.stdout).toMatch(
      /Orbit Payments Pte\. Ltd\. \(SG\) {2}purposes: nsf-scoring {2}basis: consent {2}fields: customer_id, phone/,
    );
    const json = JSON.parse(stranger(["verify", "receipt", fileA, "--vkey", w.vkey, "--json"]).stdout) as {
      ok: boolean;
      releases: { seq: number; recipient: string; country: string }[];
    };
    expect(json.ok).toBe(true);
    expect(json.releases.map((r) => r.seq)).toEqual([0, 1]);
    const b = stranger(["verify", "receipt", fileB, "--vkey", w.vkey, "--subject", B, "--json"]);
    expect(b.status).toBe(0);
    expect((JSON.parse(b.stdout) as { releases: { seq: number }[] }).releases.map((r) => r.seq)).toEqual([
      0, 1, 2,
    ]);
  });

  it("a receipt checked with someone else's subject key, or another log's key, fails", () => {
    const other = stranger(["verify", "receipt", fileA, "--vkey", w.vkey, "--subject", B]);
    expect(other.status).toBe(1);
    expect(other.stdout).toMatch(/subject_mismatch/);
    const otherLog = world([]).vkey;
    const wrongLog = stranger(["verify", "receipt", fileA, "--vkey", otherLog]);
    expect(wrongLog.status).toBe(1);
    expect(wrongLog.stdout).toMatch(/checkpoint_unverified|binding_unverified/);
    expect(stranger(["verify", "receipt", join(w.dir, "missing.json"), "--vkey", w.vkey]).status).toBe(2);
  });

  it("names no other member: no subject key, no subject hash, no index; the person's m differs per release", () => {
    const text = readFileSync(fileA, "utf8");
    const receipt = ReceiptSchema.parse(JSON.parse(text));
    // no subject key at all, not even the person's own
    expect(text).not.toMatch(/HB\d{10}/);
    const keyring = loadKeyring(w.env.JIKIMI_KEYRING);
    const secret = Buffer.from(keyring.active("ledger-subjects").secret, "base64");
    const hashes = nodeSubjectHasher("k", secret).hashMany(keys(1, 200));
    for (let i = 0; i < 200; i++) {
      const h = Buffer.from(hashes.subarray(i * 16, i * 16 + 16));
      expect(text).not.toContain(h.toString("hex"));
      expect(text).not.toContain(h.toString("base64").slice(0, 20));
    }
    // the file holds only the schema's fields (strict): nowhere for an index to go
    expect(Object.keys(receipt)).toEqual(["format", "origin", "checkpoint", "salt", "releases", "binding"]);
    const [r0, r1] = receipt.releases as [Receipt["releases"][number], Receipt["releases"][number]];
    expect(r0.member.m).not.toBe(r1.member.m);
    // no member's value repeats across releases: the chunks cannot be linked
    const blocks = (hex: string) => new Set(hex.match(/.{32}/g));
    const seen = blocks(r0.member.bytes);
    for (const b of blocks(r1.member.bytes)) expect(seen.has(b)).toBe(false);
    const b = ReceiptSchema.parse(JSON.parse(readFileSync(fileB, "utf8")));
    expect(new Set(b.releases.map((r) => r.member.m)).size).toBe(3);
  });

  it("every single-byte change fails verification (library); without --subject only the salt is unbound", () => {
    const bytes = readFileSync(fileA);
    const options = { vkeys: [w.vkey], subject: A };
    expect(verifyReceipt(bytes, options).ok).toBe(true);
    const saltAt = bytes.indexOf('"salt": "') + '"salt": "'.length;
    const passed: number[] = [];
    const unboundPassed: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const altered = Buffer.from(bytes);
      // one change per byte: the low bit, which keeps most characters printable (hex stays hex: 0<->1, a<->`)
      altered[i] = (altered[i] as number) ^ 1;
      if (verifyReceipt(altered, options).ok) passed.push(i);
      if (verifyReceipt(altered, { vkeys: [w.vkey] }).ok) unboundPassed.push(i);
    }
    expect(passed).toEqual([]);
    for (const i of unboundPassed) expect(i >= saltAt && i < saltAt + 32, `byte ${i}`).toBe(true);
    // and any other change of any byte (property)
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (i, mask) => {
        const altered = Buffer.from(bytes);
        altered[i] = (altered[i] as number) ^ mask;
        return !verifyReceipt(altered, options).ok;
      }),
      { numRuns: 2000 },
    );
  }, 120_000);

  it("the CLI refuses receipts altered where it matters: the entry, the value m, the root, a signature", () => {
    const text = readFileSync(fileA, "utf8");
    const receipt = JSON.parse(text) as Receipt;
    const first = receipt.releases[0] as Receipt["releases"][number];
    const swapDigit = (s: string, at: number) =>
      `${s.slice(0, at)}${s[at] === "0" ? "1" : "0"}${s.slice(at + 1)}`;
    const cases: [string, string, RegExp][] = [
      ["entry", text.replace('\\"records\\":200', '\\"records\\":201'), /entry_not_included|not_canonical/],
      ["m", text.replace(first.member.m, swapDigit(first.member.m, 5)), /member_not_proven|binding_mismatch/],
      [
        "chunk",
        text.replace(`"chunk": ${first.member.chunk}`, `"chunk": ${first.member.chunk + 1}`),
        /member_not_proven/,
      ],
      [
        "checkpoint root",
        text.replace(/\\n3\\n([A-Za-z0-9+/])/, (_, c: string) => `\\n3\\n${c === "A" ? "B" : "A"}`),
        /checkpoint_unverified/,
      ],
      [
        "binding signature",
        text.replace(
          /(jikimi-receipt\/1\\n[^"]*\u2014 \S+ )([A-Za-z0-9+/])/u,
          (_, p: string, c: string) => `${p}${c === "A" ? "B" : "A"}`,
        ),
        /binding_unverified/,
      ],
    ];
    for (const [what, altered, problem] of cases) {
      expect(altered, what).not.toBe(text);
      const file = join(w.dir, `altered-${what.replace(/ /g, "-")}.json`);
      writeFileSync(file, altered);
      const r = stranger(["verify", "receipt", file, "--vkey", w.vkey, "--subject", A]);
      expect(r.status, what).toBe(1);
      expect(r.stdout, what).toMatch(problem);
    }
  });

  it("a subject never released gets no file and a clear message", () => {
    const file = join(w.dir, "nobody.json");
    const r = w.run(["ledger", "receipt", key(999), "-o", file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/no recorded release contained this subject: no receipt was written/);
    expect(existsSync(file)).toBe(false);
  });

  it("a tampered stored set is refused at receipt time and reported by ledger verify", async () => {
    const t = world([keys(1, 200), keys(1, 200)]);
    const db = new Database(join(t.ws, ".jikimi", "state.db"));
    const row = db.prepare("SELECT data FROM ledger_subject_sets WHERE seq = 0").get() as { data: Buffer };
    const set = readSet(row.data);
    const secret = Buffer.from(loadKeyring(t.env.JIKIMI_KEYRING).active("ledger-subjects").secret, "base64");
    const indexOfA = await storesOver(db).ledger.read((tx) =>
      new SubjectDictionary().lookup(tx, nodeSubjectHasher("k", secret).hashMany([A])),
    );
    // same size, still holding A: one other member swapped for an index no one has
    const swapped = new RoaringBitmap32(set);
    swapped.remove(set.maximum() === indexOfA ? (set.minimum() as number) : (set.maximum() as number));
    swapped.add(5000);
    db.prepare("UPDATE ledger_subject_sets SET data = ? WHERE seq = 0").run(canonicalSetBytes(swapped));
    db.close();
    const file = join(t.dir, "a.json");
    const refused = t.run(["ledger", "receipt", A, "-o", file]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /no longer gives the receipts root the entry signed \(entry 0\): no receipt was written/,
    );
    expect(existsSync(file)).toBe(false);
    const verify = t.run(["ledger", "verify", "--receipts", "all"]);
    expect(verify.status).toBe(1);
    expect(verify.stdout).toMatch(/receipts_changed at entry 0 \[ledger_subject_sets\]/);
  });
});

describe("receipts in the library", () => {
  let t: TestLedger;
  afterEach(async () => t?.cleanup());
  const ORIGIN = "ledger.test.example/receipts";
  const signerOf = (tl: TestLedger) => logNoteSigner(tl.keyring.active("ledger-signing"), ORIGIN);
  const vkeyOf = (tl: TestLedger) => logVkey(tl.keyring.active("ledger-signing").public ?? "", ORIGIN);

  it("skips an entry from before receipts and a pruned chain base, with the reason, and proves the rest", async () => {
    t = testLedger();
    const at = (day: string) => new Date(`${day}T03:00:00Z`);
    await t.ledger.append(release("whole", "2019-06-01"), customers(range(0, 40)), at("2019-06-01"));
    await t.ledger.append(release("whole", "2020-06-01"), customers(range(0, 40)), at("2020-06-01"));
    await t.ledger.append(release("whole", "2026-06-01"), customers(range(0, 40)), at("2026-06-01"));
    await t.ledger.append(release("whole", "2026-06-02"), customers(range(0, 40)), at("2026-06-02"));
    // entry 2 as an entry written before receipts existed (no receipts root in its body)
    const body = JSON.parse(
      t.db.prepare("SELECT body FROM ledger_entries WHERE seq = 2").pluck().get() as string,
    ) as Record<string, unknown>;
    delete body.receipts;
    t.db.prepare("UPDATE ledger_entries SET body = ? WHERE seq = 2").run(JSON.stringify(body));
    await t.ledger.prune("2021-01-01T00:00:00Z", { rule: "3y", days: 3 * 365 }, at("2026-06-03"), "dpo");
    const issued = await t.reopen().receipt(customers([7])[0] ?? "", { origin: ORIGIN, signer: signerOf(t) });
    expect(issued?.skipped).toEqual([
      { seq: 1, reason: expect.stringMatching(/^pruned/) },
      { seq: 2, reason: expect.stringMatching(/before receipts existed/) },
    ]);
    expect(issued?.releases.map((r) => r.seq)).toEqual([3]);
    const report = verifyReceipt(issued?.text ?? "", { vkeys: [vkeyOf(t)], subject: customers([7])[0] });
    expect(report).toMatchObject({ ok: true, checkpoint: { size: 5 }, subject: true });
  });

  it("proves against a given checkpoint of the log (a witnessed one): later releases are skipped", async () => {
    t = testLedger();
    await t.ledger.append(
      release("feed", "2024-06-01"),
      customers(range(0, 100)),
      new Date("2024-06-01T03:00:00Z"),
    );
    const older = await t.ledger.checkpointNote(ORIGIN, signerOf(t));
    await t.ledger.append(
      release("feed", "2024-06-02"),
      customers(range(0, 100)),
      new Date("2024-06-02T03:00:00Z"),
    );
    const subject = customers([42])[0] ?? "";
    const issued = await t
      .reopen()
      .receipt(subject, { origin: ORIGIN, signer: signerOf(t), checkpoint: older });
    expect(issued?.releases.map((r) => r.seq)).toEqual([0]);
    expect(issued?.skipped).toEqual([
      { seq: 1, reason: expect.stringMatching(/after the checkpoint \(size 1\)/) },
    ]);
    expect(verifyReceipt(issued?.text ?? "", { vkeys: [vkeyOf(t)], subject })).toMatchObject({
      ok: true,
      checkpoint: { size: 1 },
    });
    // a witness hook sees the checkpoint note and can fail the receipt
    const seen: string[] = [];
    const hooked = verifyReceipt(issued?.text ?? "", {
      vkeys: [vkeyOf(t)],
      checkNote: (note) => {
        seen.push(note);
        return ["no cosignature from witness.example/w1"];
      },
    });
    expect(seen).toEqual([older]);
    expect(hooked.ok).toBe(false);
    expect(hooked.problems).toEqual([expect.objectContaining({ code: "witness", path: "checkpoint" })]);
    // a checkpoint of another log, or another size's root, is refused
    const other = testLedger();
    try {
      await other.ledger.append(
        release("feed", "2024-06-01"),
        customers(range(5, 9)),
        new Date("2024-06-01T03:00:00Z"),
      );
      const foreign = await other.ledger.checkpointNote(ORIGIN, signerOf(other));
      await expect(
        t.reopen().receipt(subject, { origin: ORIGIN, signer: signerOf(t), checkpoint: foreign }),
      ).rejects.toThrow(/not one of this log/);
    } finally {
      await other.cleanup();
    }
  });

  it("a signed receipts root that is not its set's root is reported by verify and refused at receipt time", async () => {
    t = testLedger();
    await t.ledger.append(
      release("feed", "2024-06-01"),
      customers(range(0, 300)),
      new Date("2024-06-01T03:00:00Z"),
    );
    // an appender whose receipts key for entry 1 is not the ledger's: the root it signs fits no receipt
    const subjectsKey = t.keyring.active("ledger-subjects");
    const real = nodeSubjectHasher(subjectsKey.id, Buffer.from(subjectsKey.secret, "base64"));
    const crooked = new Ledger({
      store: t.state.ledger,
      subjects: new SubjectDictionary(),
      hasher: { ...real, receiptKey: (seq: number) => real.receiptKey(seq + 1) },
      signer: signerFrom(t.keyring.active("ledger-signing")),
      log: "Test Pay Co., Ltd.",
      backdateDays: 100_000,
    });
    await crooked.append(
      release("feed", "2024-06-02"),
      customers(range(0, 300)),
      new Date("2024-06-02T03:00:00Z"),
    );
    const report = await verifyLedger(t.state.ledger, t.trusted, {
      receiptKey: (seq) => real.receiptKey(seq),
      receipts: "all",
    });
    expect(report.ok).toBe(false);
    expect(report.receipts).toEqual({ checked: 2, unchecked: 0 });
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: "receipts_changed", seq: 1, place: "ledger_entries.body" }),
    ]);
    // without the key the roots are counted, not checked
    expect(await verifyLedger(t.state.ledger, t.trusted)).toMatchObject({
      ok: true,
      receipts: { checked: 0, unchecked: 2 },
    });
    await expect(
      t.reopen().receipt(customers([3])[0] ?? "", { origin: ORIGIN, signer: signerOf(t) }),
    ).rejects.toThrow(/no longer gives the receipts root the entry signed \(entry 1\)/);
  });

  it("the built package splits a large release's tree with its worker and gets the same root", async () => {
    const built = (await import(join(ROOT, "dist/ledger/receipts/parallel.js"))) as typeof Parallel;
    const members = new RoaringBitmap32();
    for (let i = 0; i < 400_000; i++) members.add(((i * 2654435761) % 9_000_000) >>> 0);
    const k = Buffer.from("00112233445566778899aabbccddeeff", "hex");
    const all = members.toUint32Array();
    const expected = receiptsRootOf(k, arraySource(all), members.size);
    expect(Buffer.from(built.receiptsRoot(k, members)).equals(Buffer.from(expected))).toBe(true);
    const leaves = built.receiptsLeaves(k, members);
    expect(leaves.length).toBe(Math.ceil(members.size / 64) * 32);
    // the worker itself (a fallback on this thread would hide a broken one): its part's nodes, as tree.ts gives them
    const shared = new Uint32Array(new SharedArrayBuffer(all.length * 4));
    shared.set(all);
    const first = 64 * 4096;
    const out = new SharedArrayBuffer((Math.ceil(all.length / 64) - 4096) * 32);
    const done = new SharedArrayBuffer(4);
    const worker = new Worker(join(ROOT, "dist/ledger/receipts/worker.js"));
    try {
      worker.postMessage({
        key: k,
        indexes: shared.buffer,
        first,
        count: all.length - first,
        chunks: Math.ceil(all.length / 64) - 4096,
        height: 0,
        out,
        done,
      });
      const flag = new Int32Array(done);
      Atomics.wait(flag, 0, 0, 30_000);
      expect(Atomics.load(flag, 0)).toBe(1);
    } finally {
      await worker.terminate();
    }
    const upper = receiptNodes(k, arraySource(all), all.length, 4096, Math.ceil(all.length / 64), 0);
    expect(Buffer.from(out).equals(Buffer.from(upper))).toBe(true);
  });
});
