// the share gateway on the case example: the corrected feed releases only in-scope, consenting customers
// under keyed pseudonyms and records the release; the as-it-happened feed is refused; a fivefold jump is held.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterEach, describe, expect, it } from "vitest";
import { ConsentRegistry } from "../src/consent/index.js";
import type { Keyring } from "../src/crypto/keyring.js";
import { signerFrom } from "../src/crypto/signing.js";
import { share } from "../src/engine/share.js";
import { JikimiError } from "../src/errors.js";
import { generate } from "../src/generate/index.js";
import { folderSink } from "../src/io/folder-sink.js";
import { takeLock } from "../src/io/lock.js";
import { fileSource } from "../src/io/record-source.js";
import { processLocks } from "../src/io/run-locks.js";
import { diskReader } from "../src/io/workspace-reader.js";
import { Ledger } from "../src/ledger/ledger.js";
import { SubjectDictionary } from "../src/ledger/subjects/dictionary.js";
import { fastSubjectHasher } from "../src/ledger/subjects/subject-hasher.js";
import { loadWorkspace } from "../src/model/load.js";
import { shareWorkspace } from "./support/share-workspace.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup(example = "nsf-case-corrected") {
  const { dir, ws, workspace, keyring, store, hasher, subjects, ledger, consent, input, out } =
    await shareWorkspace(example, 3000, dirs);
  const rows = readFileSync(input, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","));
  // customers with an odd number consented to the overseas provision in 2023
  const consenting = rows.map((r) => r[0] ?? "").filter((id) => Number(id.slice(2)) % 2 === 1);
  consent.record(
    consenting.map((subject) => ({
      subject,
      purpose: "nsf-provision-overseas",
      action: "grant",
      at: "2023-01-01T00:00:00Z",
      source: "app-v3",
    })),
    new Date("2024-01-01T00:00:00Z"),
  );
  const base = {
    workspace,
    source: fileSource(input),
    sink: folderSink(out, workspace.root),
    locks: processLocks(workspace.root),
    operator: "test",
    keyring,
    ledger,
    consent,
    subjects,
    hasher,
    // the clock: the case's releases of 2024-05-31 and 06-01 fall inside the 7-day back-dating window
    now: new Date("2024-06-02T00:00:00Z"),
  };
  return { dir, ws, input, out, rows, consenting: new Set(consenting), base, store, ledger };
}

const AT = new Date("2024-05-31T02:00:00Z");

describe("jikimi share on the NSF case", () => {
  it("releases only in-scope, consenting customers under keyed pseudonyms, and records the release", async () => {
    const s = await setup();
    const r = await share({ ...s.base, agreement: "nsf-credit-feed", at: AT });
    const header = s.rows.length > 0 ? (readFileSync(s.input, "utf8").split("\n")[0]?.split(",") ?? []) : [];
    const linked = header.indexOf("appstore_linked");
    const expected = s.rows.filter((row) => row[linked] === "true" && s.consenting.has(row[0] ?? ""));
    expect(r.held).toEqual([]);
    expect(r.counts).toMatchObject({ read: 3000, released: expected.length, subjects: expected.length });
    expect(r.counts.outOfScope + r.counts.noConsent + r.counts.released).toBe(3000);
    expect(r.entry?.seq).toBe(0);
    const output = readFileSync(r.output ?? "", "utf8")
      .trim()
      .split("\n");
    expect(output[0]).toBe(
      "customer_id,phone,email,join_date,dormant,balance,topup_count,topup_amount,withdrawal_count,withdrawal_amount,payment_count,payment_amount,transfer_count,transfer_amount,card_count",
    );
    expect(output).toHaveLength(expected.length + 1);
    const text = output.join("\n");
    for (const row of expected.slice(0, 50)) {
      expect(text).not.toContain(row[0]);
      expect(text).not.toContain(row[2]);
    }
    expect(output[1]?.split(",")[3]).toMatch(/^\d{4}-\d{2}$/);
    expect(existsSync(`${r.output}.manifest.json`)).toBe(true);
    const entry = (await s.ledger.entry(0))?.body;
    if (entry?.kind !== "release") throw new Error("entry 0 is not a release");
    expect(entry.subjects.count).toBe(expected.length);
    expect(entry.fields.find((f) => f.name === "phone")?.key_id).toMatch(/^master-/);
    // the entry commits to the consent it applied and the scope phase it used
    expect(entry.consent).toMatchObject({ purpose: expect.any(String), count: expect.any(Number) });
    expect(entry.scope?.where).toBeTruthy();
    // and what the run read and where each row went, as the result counted it
    expect(entry.rows).toEqual({
      read: r.counts.read,
      bad: r.counts.bad,
      out_of_scope: r.counts.outOfScope,
      no_consent: r.counts.noConsent,
      released: r.counts.released,
    });
    const someone = expected[0]?.[0] ?? "";
    expect((await s.ledger.subjectHistory(someone)).map((h) => h.agreement)).toEqual(["nsf-credit-feed"]);
  });

  it("holds a release five times larger than the previous one: nothing written, the hold recorded and signed", async () => {
    const s = await setup();
    await share({ ...s.base, agreement: "nsf-credit-feed", at: AT });
    // an upstream bug marks every customer as linked to the app store
    const everyone = readFileSync(s.input, "utf8").replaceAll(",false,", ",true,");
    const bad = join(s.dir, "everyone.csv");
    writeFileSync(bad, everyone);
    const before = readdirSync(s.out).length;
    const r = await share({
      ...s.base,
      source: fileSource(bad),
      agreement: "nsf-credit-feed",
      at: new Date("2024-06-01T02:00:00Z"),
    });
    expect(r.held.join(" ")).toMatch(/max_growth/);
    expect(r.entry).toBeUndefined();
    expect(readdirSync(s.out)).toHaveLength(before);
    // the hold is entry 1: its reason as measured, the run's counts, no subject set; the next release still
    // measures its growth against release 0, never against the hold
    expect(r.hold?.seq).toBe(1);
    expect(await s.ledger.size()).toBe(2);
    const [hold] = await s.ledger.entries({ limit: 1 });
    const body = hold?.body;
    if (body?.kind !== "hold") throw new Error(`entry 1 is ${body?.kind}`);
    const growth = body.holds.find((h) => h.code === "max_growth");
    expect(growth).toMatchObject({
      subjects: r.counts.subjects,
      previous: (await s.ledger.releases())[0]?.subjects.count,
    });
    expect(body).toMatchObject({
      agreement: { id: "nsf-credit-feed" },
      released_at: "2024-06-01T02:00:00.000Z",
      subjects: r.counts.subjects,
      rows: { read: r.counts.read, released: r.counts.released, no_consent: r.counts.noConsent },
    });
    const header = readFileSync(s.input, "utf8").split("\n")[0]?.split(",") ?? [];
    const linked = header.indexOf("appstore_linked");
    const onlyHeld =
      s.rows.find((row) => row[linked] === "false" && s.consenting.has(row[0] ?? ""))?.[0] ?? "";
    expect(onlyHeld).not.toBe("");
    expect(await s.ledger.subjectHistory(onlyHeld)).toEqual([]);
    expect((await s.ledger.releases()).map((e) => e.seq)).toEqual([0]);
  });

  it("refuses the agreement as it happened, because check finds errors in it", async () => {
    const s = await setup("nsf-case");
    await expect(share({ ...s.base, agreement: "nsf-credit-feed", at: AT })).rejects.toThrow(/check error/);
    expect(readdirSync(s.out)).toEqual([]);
  });

  it("a dry run counts and samples but writes and records nothing", async () => {
    const s = await setup();
    const r = await share({ ...s.base, agreement: "nsf-credit-feed", at: AT, dryRun: true });
    expect(r.counts.released).toBeGreaterThan(0);
    expect(r.sample.length).toBeGreaterThan(0);
    expect(readdirSync(s.out)).toEqual([]);
    expect(await s.ledger.size()).toBe(0);
  });
});

describe("share under contention and bad rows", () => {
  it("refuses a second run of the same agreement while one holds the lock", async () => {
    const s = await setup();
    const base = join(s.ws, ".jikimi", "locks", "nsf-credit-feed");
    const held = takeLock(base, () => new JikimiError("share_running", "busy"));
    await expect(share({ ...s.base, agreement: "nsf-credit-feed", at: AT })).rejects.toThrow(
      new RegExp(`another release of "nsf-credit-feed" is running \\(process ${process.pid} since `),
    );
    held.release();
    // a lock file an older jikimi left (a pid in a file) does not block: only a live holder's OS lock does
    writeFileSync(`${base}.lock`, "999999999");
    const r = await share({ ...s.base, agreement: "nsf-credit-feed", at: AT });
    expect(r.entry?.seq).toBe(0);
    expect(existsSync(`${base}.lock`), "the owner file is removed with the lock").toBe(false);
  });

  it("rejects a run with a bad row by default, naming the row and field but not the value", async () => {
    const s = await setup();
    const lines = readFileSync(s.input, "utf8").split("\n");
    const cols = (lines[5] ?? "").split(",");
    const secret = cols[10];
    cols[10] = "lots";
    lines[5] = cols.join(",");
    const bad = join(s.dir, "bad.csv");
    writeFileSync(bad, lines.join("\n"));
    const error = await share({
      ...s.base,
      source: fileSource(bad),
      agreement: "nsf-credit-feed",
      at: AT,
    }).catch((e: Error) => e);
    expect(String(error)).toMatch(/row 5, field "balance"/);
    expect(String(error)).not.toContain("lots");
    expect(String(error)).not.toContain(cols[0]);
    expect(String(error)).not.toContain(secret);
    expect(readdirSync(s.out)).toEqual([]);
    expect(await s.ledger.size()).toBe(0);
  });

  it("quarantines bad rows to a report of row, field and code beside the output, and releases the rest", async () => {
    const s = await setup();
    const agreement = join(s.ws, "agreements", "nsf-credit-feed.yaml");
    writeFileSync(agreement, `${readFileSync(agreement, "utf8")}on_bad_row: quarantine\n`);
    const loaded = loadWorkspace(diskReader(s.ws));
    if (!loaded.ok) throw new Error("edited example did not load");
    const lines = readFileSync(s.input, "utf8").split("\n");
    const values: string[] = [];
    for (const [at, column, value] of [
      [3, 10, "lots"],
      [7, 5, "2024-02-30"],
    ] as const) {
      const cols = (lines[at] ?? "").split(",");
      values.push(cols[0] ?? "", cols[column] ?? "");
      cols[column] = value;
      lines[at] = cols.join(",");
    }
    lines[9] = `${lines[9]},extra`;
    const bad = join(s.dir, "bad.csv");
    writeFileSync(bad, lines.join("\n"));
    const r = await share({
      ...s.base,
      workspace: loaded.workspace,
      source: fileSource(bad),
      agreement: "nsf-credit-feed",
      at: AT,
    });
    expect(r.quarantined).toEqual([
      { row: 3, field: "balance", code: "wrong_type" },
      { row: 7, field: "join_date", code: "wrong_type" },
      { row: 9, code: "field_count" },
    ]);
    const { read, bad: badCount, outOfScope, noConsent, released } = r.counts;
    expect(badCount).toBe(3);
    expect(read).toBe(3000);
    expect(badCount + outOfScope + noConsent + released).toBe(read);
    const report = readFileSync(r.quarantine ?? "", "utf8");
    expect(report).toBe("row,field,code\n3,balance,wrong_type\n7,join_date,wrong_type\n9,,field_count\n");
    for (const v of values) expect(report).not.toContain(v);
    expect(r.quarantine).toBe(`${r.output}.quarantine.csv`);
  });

  it("releases the same bytes from Parquet and JSON Lines as from CSV", async () => {
    const s = await setup();
    const csv = await share({ ...s.base, agreement: "nsf-credit-feed", at: AT, dryRun: true });
    const [header, ...rows] = readFileSync(s.input, "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(","));
    const names = header ?? [];
    const parquet = join(s.dir, "customers.parquet");
    writeFileSync(
      parquet,
      new Uint8Array(
        parquetWriteBuffer({
          columnData: names.map((name, i) => ({ name, data: rows.map((r) => r[i] ?? ""), type: "STRING" })),
        }),
      ),
    );
    const jsonl = join(s.dir, "customers.jsonl");
    writeFileSync(
      jsonl,
      rows.map((r) => JSON.stringify(Object.fromEntries(names.map((n, i) => [n, r[i] ?? ""])))).join("\n"),
    );
    const released: string[] = [];
    for (const [input, day] of [
      [s.input, "2024-05-29"],
      [parquet, "2024-05-30"],
      [jsonl, "2024-05-31"],
    ] as const) {
      const r = await share({
        ...s.base,
        source: fileSource(input),
        agreement: "nsf-credit-feed",
        at: new Date(`${day}T02:00:00Z`),
      });
      expect(r.counts).toEqual(csv.counts);
      released.push(readFileSync(r.output ?? "", "utf8"));
    }
    expect(released[1]).toBe(released[0]);
    expect(released[2]).toBe(released[0]);
  });

  it("holds a release whose file would single people out on its declared quasi-identifiers (exit 3 figures)", async () => {
    const s = await setup();
    const file = join(s.ws, "agreements", "nsf-credit-feed.yaml");
    const text = readFileSync(file, "utf8");
    const declare = (risk: string) => {
      writeFileSync(file, `${text}${risk}`);
      const loaded = loadWorkspace(diskReader(s.ws));
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      return loaded.workspace;
    };
    // the released rows, by hand: in scope (app store linked) and consenting, join month and dormancy
    const header = readFileSync(s.input, "utf8").split("\n")[0]?.split(",") ?? [];
    const col = (name: string) => header.indexOf(name);
    const released = s.rows.filter(
      (r) => r[col("appstore_linked")] === "true" && s.consenting.has(r[0] ?? ""),
    );
    const classes = new Map<string, number>();
    for (const r of released) {
      const key = `${r[col("join_date")]?.slice(0, 7)}|${r[col("dormant")]}`;
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    const k = Math.min(...classes.values());
    const unique = [...classes.values()].filter((c) => c === 1).length / released.length;
    const gated = declare(`risk:\n  quasi_identifiers: [join_date, dormant]\n  min_k: ${k + 1}\n`);
    const held = await share({ ...s.base, workspace: gated, agreement: "nsf-credit-feed", at: AT });
    expect(held.risk?.k).toBe(k);
    expect(held.risk?.uniqueShare).toBeCloseTo(unique, 12);
    expect(held.held).toHaveLength(1);
    expect(held.held[0]).toMatch(new RegExp(`holds ${k} record.*min_k is ${k + 1}`));
    expect(held.output).toBeUndefined();
    // only the hold is recorded, with what was measured: k against min_k over the quasi-identifiers
    expect(await s.ledger.size()).toBe(1);
    const hold = (await s.ledger.entry(0))?.body;
    expect(hold).toMatchObject({
      kind: "hold",
      holds: [{ code: "min_k", measured: k, limit: k + 1, quasi_identifiers: ["join_date", "dormant"] }],
    });
    expect(readdirSync(s.out)).toEqual([]);
    // the same file passes when the limits hold
    const ok = declare(
      `risk:\n  quasi_identifiers: [join_date, dormant]\n  min_k: ${k}\n  max_unique_share: 1\n`,
    );
    const passed = await share({ ...s.base, workspace: ok, agreement: "nsf-credit-feed", at: AT });
    expect(passed.held).toEqual([]);
    expect(passed.entry?.seq).toBe(1);
    // a quasi-identifier that is not released is a declaration error
    writeFileSync(file, `${text}risk:\n  quasi_identifiers: [name]\n  min_k: 2\n`);
    const bad = loadWorkspace(diskReader(s.ws));
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.issues.map((i) => i.message).join("\n")).toMatch(
        /quasi-identifier "name" is not a released field/,
      );
  });

  it("holds a release with a kept column of bare SHA-256 digests of phone numbers, which the hash audit reverses", async () => {
    const s = await setup();
    const file = join(s.ws, "agreements", "nsf-credit-feed.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("  dormant: keep\n", "  dormant: keep\n  os: keep\n"),
    );
    const loaded = loadWorkspace(diskReader(s.ws));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    // upstream "encrypted" the device column: plain SHA-256 of each customer's phone number, without hyphens
    const lines = readFileSync(s.input, "utf8").trimEnd().split("\n");
    const header = (lines[0] ?? "").split(",");
    const [os, phone] = [header.indexOf("os"), header.indexOf("phone")];
    const hashed = [
      lines[0],
      ...lines.slice(1).map((l) => {
        const c = l.split(",");
        c[os] = createHash("sha256")
          .update((c[phone] ?? "").replaceAll("-", ""))
          .digest("hex");
        return c.join(",");
      }),
    ].join("\n");
    const input = join(s.dir, "hashed.csv");
    writeFileSync(input, `${hashed}\n`);
    const r = await share({
      ...s.base,
      source: fileSource(input),
      workspace: loaded.workspace,
      agreement: "nsf-credit-feed",
      at: AT,
    });
    expect(r.digests).toHaveLength(1);
    expect(r.digests?.[0]).toMatchObject({ field: "os", algorithm: "sha256" });
    expect(r.digests?.[0]?.reversed).toBe(r.digests?.[0]?.sampled);
    expect(r.held.join("\n")).toMatch(/field "os" holds sha256 digests a recipient can reverse/);
    expect(r.output).toBeUndefined();
    expect(await s.ledger.size()).toBe(1);
    expect((await s.ledger.entry(0))?.body).toMatchObject({
      kind: "hold",
      holds: [
        { code: "reversible_digests", field: "os", algorithm: "sha256", measured: r.digests?.[0]?.reversed },
      ],
    });
    // keyed pseudonyms are never sampled: the plain feed releases with no digest finding
    const plain = await share({ ...s.base, agreement: "nsf-credit-feed", at: AT });
    expect(plain.digests).toBeUndefined();
    expect(plain.held).toEqual([]);
  }, 120_000);

  it("sets aside a released row whose value its transform cannot take, naming the field and the code", async () => {
    const s = await setup();
    const agreement = join(s.ws, "agreements", "nsf-credit-feed.yaml");
    writeFileSync(agreement, `${readFileSync(agreement, "utf8")}on_bad_row: quarantine\n`);
    const loaded = loadWorkspace(diskReader(s.ws));
    if (!loaded.ok) throw new Error("edited example did not load");
    const lines = readFileSync(s.input, "utf8").split("\n");
    const header = (lines[0] ?? "").split(",");
    // the first released customer (in scope, consenting) gets a phone with no digit: phone_kr leaves nothing
    const at = s.rows.findIndex(
      (r) => r[header.indexOf("appstore_linked")] === "true" && s.consenting.has(r[0] ?? ""),
    );
    const cols = (lines[at + 1] ?? "").split(",");
    cols[header.indexOf("phone")] = "unknown";
    lines[at + 1] = cols.join(",");
    const bad = join(s.dir, "bad-phone.csv");
    writeFileSync(bad, lines.join("\n"));
    const r = await share({
      ...s.base,
      workspace: loaded.workspace,
      source: fileSource(bad),
      agreement: "nsf-credit-feed",
      at: AT,
    });
    expect(r.quarantined).toEqual([{ row: at + 1, field: "phone", code: "normalised_empty" }]);
    const eligible = s.rows.filter(
      (row) => row[header.indexOf("appstore_linked")] === "true" && s.consenting.has(row[0] ?? ""),
    ).length;
    expect(r.counts).toMatchObject({ bad: 1, released: eligible - 1, subjects: eligible - 1 });
  });

  it("stops when interrupted, leaving no output and no entry", async () => {
    const s = await setup();
    const controller = new AbortController();
    controller.abort();
    await expect(
      share({ ...s.base, agreement: "nsf-credit-feed", at: AT, signal: controller.signal }),
    ).rejects.toThrow(/interrupted/);
    expect(readdirSync(s.out)).toEqual([]);
    expect(await s.ledger.size()).toBe(0);
  });
});

describe("jikimi share with its subjects staged on disk", () => {
  /**
   * One release of `agreement` on a fresh copy of the NSF workspace, under the keys of `like` when given (so two
   * copies give comparable digests), its distinct subjects held in memory or staged past `inMemory`.
   */
  async function released(
    agreement: "nsf-credit-feed" | "overseas-settlement-feed",
    inMemory: number | undefined,
    like?: { keyring: Keyring },
  ) {
    const w = await shareWorkspace("nsf-case-corrected", 3000, dirs);
    const keyring = like?.keyring ?? w.keyring;
    const sk = keyring.active("ledger-subjects");
    const hasher = fastSubjectHasher(sk.id, Buffer.from(sk.secret, "base64"));
    const subjects = new SubjectDictionary();
    const ledger = new Ledger({
      store: w.store.ledger,
      subjects,
      hasher,
      signer: signerFrom(keyring.active("ledger-signing")),
      log: "Hanbit Pay",
    });
    const consent = new ConsentRegistry(w.store.consent, subjects, hasher);
    let input = w.input;
    if (agreement === "overseas-settlement-feed") {
      // no consent asked: the release's subjects are the first the dictionary gets
      input = join(w.dir, "payments.csv");
      await generate({ kind: "payments", rows: 4000, seed: 9, format: "csv", out: input, threads: 1 });
    } else
      consent.record(
        Array.from({ length: 3000 }, (_, i) => ({
          subject: `HB${String(i + 1).padStart(10, "0")}`,
          purpose: "nsf-provision-overseas",
          action: "grant" as const,
          at: "2023-01-01T00:00:00Z",
          source: "app-v3",
        })),
        new Date("2024-01-01T00:00:00Z"),
      );
    const before = await w.store.ledger.read((r) => r.dictionarySize());
    const r = await share({
      workspace: w.workspace,
      source: fileSource(input),
      sink: folderSink(w.out, w.workspace.root),
      locks: processLocks(w.workspace.root),
      operator: "test",
      keyring,
      ledger,
      consent,
      hasher,
      now: new Date("2024-06-02T00:00:00Z"),
      agreement,
      at: AT,
      ...(inMemory === undefined ? {} : { subjectsInMemory: inMemory }),
    });
    const entry = (await ledger.entry(0))?.body;
    if (entry?.kind !== "release") throw new Error("entry 0 is not a release");
    const someone = readFileSync(input, "utf8").split("\n")[1]?.split(",");
    const key = agreement === "nsf-credit-feed" ? someone?.[0] : someone?.[2];
    return {
      keyring,
      before,
      release: {
        output: readFileSync(r.output ?? "", "utf8"),
        counts: r.counts,
        entry: { subjects: entry.subjects, dictionary: entry.dictionary, receipts: entry.receipts },
        history: (await ledger.subjectHistory(key ?? "")).map((h) => [h.agreement, h.seq]),
        // nothing staged is left in the workspace or the output folder
        leftovers: readdirSync(w.dir, { recursive: true }).filter((f) => String(f).includes("staged")),
      },
    };
  }

  it("records a first release staged on disk as the one held in memory (a new dictionary numbered from disk)", async () => {
    const memory = await released("overseas-settlement-feed", undefined);
    const disk = await released("overseas-settlement-feed", 64, memory);
    expect(disk.before).toBe(0);
    expect(memory.release.counts.subjects).toBeGreaterThan(64 * 4);
    expect(memory.release.history).toEqual([["overseas-settlement-feed", 0]]);
    expect(disk.release).toEqual(memory.release);
    expect(disk.release.leftovers).toEqual([]);
  });

  it("records a release into a dictionary the consent registry filled the same staged or held", async () => {
    const memory = await released("nsf-credit-feed", undefined);
    const disk = await released("nsf-credit-feed", 50, memory);
    expect(disk.before).toBe(3000);
    expect(memory.release.counts.subjects).toBeGreaterThan(50 * 4);
    expect(disk.release).toEqual(memory.release);
  });
});
