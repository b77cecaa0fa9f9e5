// the release's files: modes, atomic placement that never follows a symlink, the manifest naming the file written,
// temporaries kept out of the output folder, the journal that finishes (or undoes) a release killed after its
// ledger append, and the input caps (a 200 MB line refused in well under a second).
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { initKeyring } from "../src/crypto/keyring.js";
import { signerFrom } from "../src/crypto/signing.js";
import { journalPath, recoverRelease, writeJournal } from "../src/engine/release/journal.js";
import { share } from "../src/engine/share.js";
import { folderSink } from "../src/io/folder-sink.js";
import { fileSource } from "../src/io/record-source.js";
import { placeFile, privateTmp, writeManifest } from "../src/io/release-files.js";
import { processLocks } from "../src/io/run-locks.js";
import { shareWorkspace } from "./support/share-workspace.js";

const AT = new Date("2024-05-31T02:00:00Z");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup() {
  const { dir, ws, workspace, keyring, hasher, subjects, ledger, consent, input, out } = await shareWorkspace(
    "nsf-case-corrected",
    2000,
    dirs,
  );
  const base = {
    workspace,
    agreement: "nsf-credit-feed",
    source: fileSource(input),
    sink: folderSink(out, workspace.root),
    locks: processLocks(workspace.root),
    at: AT,
    operator: "test",
    keyring,
    ledger,
    consent,
    subjects,
    hasher,
    threads: 0,
    // the clock: releases at AT and the day after fall inside the back-dating window
    now: new Date("2024-06-02T00:00:00Z"),
  };
  return { dir, ws, out, input, ledger, keyring, base };
}

const modeOf = (p: string) => statSync(p).mode & 0o777;

describe("released files", () => {
  it("are 0600, named by agreement, day and run id, with a manifest naming that file; nothing hidden is left", async () => {
    const s = await setup();
    const r = await share(s.base);
    const output = r.output ?? "";
    expect(basename(output)).toMatch(/^nsf-credit-feed-2024-05-31-[0-9a-f]{8}\.csv$/);
    const manifest = JSON.parse(readFileSync(`${output}.manifest.json`, "utf8")) as {
      entry: number;
      file: { name: string; sha256: string };
    };
    expect(manifest.file.name).toBe(basename(output));
    expect(manifest.entry).toBe(r.entry?.seq);
    expect(existsSync(join(s.out, manifest.file.name))).toBe(true);
    for (const f of readdirSync(s.out)) expect(modeOf(join(s.out, f)), f).toBe(0o600);
    expect(readdirSync(s.out).filter((f) => f.startsWith("."))).toEqual([]);
    expect(readdirSync(privateTmp(s.ws))).toEqual([]);
    expect(modeOf(privateTmp(s.ws))).toBe(0o700);
  });

  it("take a configured mode", async () => {
    const s = await setup();
    const r = await share({ ...s.base, outputMode: 0o640 });
    expect(modeOf(r.output ?? "")).toBe(0o640);
    expect(modeOf(`${r.output}.manifest.json`)).toBe(0o640);
    await expect(share({ ...s.base, outputMode: 0o200 })).rejects.toThrow(/output_mode 200/);
  });

  it("a dry run and a held run leave no temporary anywhere", async () => {
    const s = await setup();
    await share({ ...s.base, dryRun: true });
    expect(readdirSync(s.out)).toEqual([]);
    expect(existsSync(privateTmp(s.ws)) ? readdirSync(privateTmp(s.ws)) : []).toEqual([]);
  });
});

describe("placing a file", () => {
  it("refuses a symlink at the manifest's name, naming the path, and never writes through it", () => {
    const dir = mkdtempSync(join(tmpdir(), "jikimi-place-"));
    dirs.push(dir);
    const out = join(dir, "out");
    const tmp = join(dir, "tmp");
    mkdirSync(out);
    mkdirSync(tmp);
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "keep me\n");
    const name = "a-2024-05-31-0000abcd.csv";
    symlinkSync(victim, join(out, `${name}.manifest.json`));
    const signer = signerFrom(initKeyring(join(dir, "k"), AT, {}).active("ledger-signing"));
    const m = {
      seq: 0,
      root: "00".repeat(32),
      file: { name, bytes: 1, sha256: "ab".repeat(32) },
      agreement: "a",
      time: AT.toISOString(),
      subjects: 1,
      records: 1,
      signer,
    };
    expect(() => writeManifest(m, { outDir: out, tmpDir: tmp })).toThrow(
      new RegExp(`${join(out, `${name}.manifest.json`)} already exists`),
    );
    expect(readFileSync(victim, "utf8")).toBe("keep me\n");
    expect(lstatSync(join(out, `${name}.manifest.json`)).isSymbolicLink()).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
    // a dangling symlink or a plain file is refused the same way, by the link itself
    const t = join(tmp, "x.tmp");
    writeFileSync(t, "x");
    symlinkSync(join(dir, "nowhere"), join(out, "dangling"));
    expect(() => placeFile(t, join(out, "dangling"))).toThrow(/already exists/);
    expect(existsSync(join(dir, "nowhere"))).toBe(false);
  });
});

describe("the release journal", () => {
  it("finishes a release killed after its append: the file and an identical manifest are put back", async () => {
    const s = await setup();
    const r = await share(s.base);
    const output = r.output ?? "";
    const manifest = readFileSync(`${output}.manifest.json`, "utf8");
    const m = JSON.parse(manifest) as { file: { name: string; bytes: number; sha256: string } };
    // the state a SIGKILL between the append and the placement leaves: the temporary and the journal
    const tmpDir = privateTmp(s.ws);
    const temp = join(tmpDir, "nsf-credit-feed.deadbeef.csv.tmp");
    copyFileSync(output, temp);
    chmodSync(temp, 0o600);
    rmSync(output);
    rmSync(`${output}.manifest.json`);
    writeJournal(s.ws, {
      format: "jikimi-pending/1",
      agreement: "nsf-credit-feed",
      outDir: s.out,
      tmpDir,
      mode: 0o600,
      time: AT.toISOString(),
      subjects: r.counts.subjects,
      records: r.counts.released,
      file: m.file,
      files: [{ temp, final: output }],
    });
    const signer = () => signerFrom(s.keyring.active("ledger-signing"));
    const done = await recoverRelease(s.ws, "nsf-credit-feed", s.ledger, signer);
    expect(done).toMatchObject({ action: "completed", seq: r.entry?.seq, missing: [] });
    expect(readFileSync(`${output}.manifest.json`, "utf8")).toBe(manifest);
    expect(existsSync(output)).toBe(true);
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(journalPath(s.ws, "nsf-credit-feed"))).toBe(false);
    // a journal whose file was never recorded: its temporaries go, nothing is placed
    writeFileSync(temp, "x");
    writeJournal(s.ws, {
      format: "jikimi-pending/1",
      agreement: "nsf-credit-feed",
      outDir: s.out,
      tmpDir,
      mode: 0o600,
      time: AT.toISOString(),
      subjects: 1,
      records: 1,
      file: { name: "nsf-credit-feed-2024-05-31-00000000.csv", bytes: 1, sha256: "cd".repeat(32) },
      files: [{ temp, final: join(s.out, "nsf-credit-feed-2024-05-31-00000000.csv") }],
    });
    // the next share of the agreement does it first, under its lock, and says so
    const next = await share({ ...s.base, at: new Date("2024-06-01T02:00:00Z") });
    expect(next.recovered).toMatchObject({ action: "discarded" });
    expect(existsSync(temp)).toBe(false);
    expect(existsSync(join(s.out, "nsf-credit-feed-2024-05-31-00000000.csv"))).toBe(false);
  });
});

describe("input caps", () => {
  it("refuses a 200 MB CSV line in well under a second, naming its row and line and the fix", async () => {
    const s = await setup();
    const lines = readFileSync(s.input, "utf8").split("\n");
    const big = join(s.dir, "big.csv");
    writeFileSync(big, `${lines.slice(0, 4).join("\n")}\n`);
    const line = Buffer.alloc(200 << 20, "a".charCodeAt(0));
    writeFileSync(big, line, { flag: "a" });
    const started = performance.now();
    const e = await share({ ...s.base, source: fileSource(big) }).catch((x: Error) => x);
    const ms = performance.now() - started;
    expect((e as Error).message).toMatch(/row 4 \(line 5\) is longer than 32 MiB/);
    expect((e as Error).message).toMatch(/maxLineBytes/);
    expect(ms).toBeLessThan(1500);
    expect(readdirSync(s.out)).toEqual([]);
    expect(readdirSync(privateTmp(s.ws))).toEqual([]);
    expect(await s.ledger.size()).toBe(0);
  });
});
