// `jikimi share --out-dir -` and the stream sink: the released file reaches stdout only after the gates pass and
// the ledger append, byte for byte what the folder sink writes; everything printed goes to stderr; a held, refused,
// dry or bad run writes zero bytes; a reader that goes away leaves a recorded release whose file is kept (0600) in
// the workspace, and a run killed while streaming is finished by `jikimi ledger repair`, which keeps the file.
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { signerFrom } from "../src/crypto/signing.js";
import { journalPath, recoverRelease, writeJournal } from "../src/engine/release/journal.js";
import { share } from "../src/engine/share.js";
import type { JikimiError } from "../src/errors.js";
import { fileSource } from "../src/io/record-source.js";
import { privateTmp } from "../src/io/release-files.js";
import { processLocks } from "../src/io/run-locks.js";
import { streamedFolder, streamSink } from "../src/io/stream-sink.js";
import { ROOT, recentIso, tempDir } from "./support/cli.js";
import { shareWorkspace } from "./support/share-workspace.js";
import { consentingTemplate } from "./support/template.js";

const MAIN = join(ROOT, "dist", "bin", "jikimi.js");
const AGREEMENT = "nsf-credit-feed";
/** enough rows that the released file (~340 KB) is far larger than a pipe's buffer */
const ROWS = 10_000;

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const modeOf = (p: string) => statSync(p).mode & 0o777;
const listed = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

let root: { dir: string; cleanup: () => void };
/** a consenting workspace, keyring and input every case copies (the same keys: the same pseudonyms) */
let template: string;
beforeAll(() => {
  root = tempDir("jikimi-stdout-");
  template = join(root.dir, "template");
  consentingTemplate(template, ROWS, 3);
}, 90_000);
afterAll(() => root?.cleanup());

const cleanups: (() => void)[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const c of cleanups.splice(0)) c();
});

interface Run {
  status: number;
  /** stdout as bytes: the released file */
  stdout: Buffer;
  stderr: string;
}

/** A copy of the template: its workspace, input, and `run` of the built CLI on it. */
function newCase() {
  const { dir, cleanup } = tempDir("jikimi-stdout-case-");
  cleanups.push(cleanup);
  cpSync(template, dir, { recursive: true });
  const ws = join(dir, "ws");
  const env = {
    ...process.env,
    NO_COLOR: "1",
    LANG: "en_US.UTF-8",
    LC_ALL: "",
    JIKIMI_KEYRING: join(dir, "k.keyring"),
    JIKIMI_KEYRING_PASSPHRASE: "",
  };
  const run = (args: string[], input?: Buffer): Run => {
    const r = spawnSync(process.execPath, [MAIN, ...args], { env, input, maxBuffer: 64 << 20 });
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString() };
  };
  const share = (input: string, at: string, extra: string[] = []) =>
    run(["share", AGREEMENT, "-w", ws, "-i", input, "--at", at, ...extra], undefined);
  const entries = () => {
    const r = run(["ledger", "log", "-w", ws, "--format", "json"]);
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout.toString()) as {
      seq: number;
      kind: string;
      files: { name: string; sha256: string }[];
    }[];
  };
  /** starts the CLI as a child process with its pipes open */
  const start = (args: string[]) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    children.push(child);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
      (resolve) => child.on("close", (code, signal) => resolve({ code, signal, stderr })),
    );
    return { child, done };
  };
  return { dir, ws, input: join(dir, "customers.csv"), run, share, entries, start };
}

describe("jikimi share --out-dir - (CLI)", () => {
  it("streams exactly the folder sink's bytes, prints only to stderr, keeps the manifest in the workspace", () => {
    const folder = newCase();
    const at = recentIso(2);
    const out = join(folder.dir, "out");
    const placed = folder.share(folder.input, at, ["--out-dir", out]);
    expect(placed.status, placed.stderr).toBe(0);
    const [file] = readdirSync(out).filter((f) => f.endsWith(".csv"));
    const expected = readFileSync(join(out, file ?? ""));

    const piped = newCase();
    const r = piped.share(piped.input, at, ["--out-dir", "-"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(64 << 10);
    expect(r.stdout.equals(expected)).toBe(true);
    // the summary is on stderr, naming stdout and the manifest kept in the workspace
    expect(r.stderr).toMatch(/ledger entry 0/);
    expect(r.stderr).toMatch(/output\s+stdout/);
    const [entry] = piped.entries();
    expect(entry?.files[0]?.sha256).toBe(sha256(r.stdout));
    const kept = streamedFolder(piped.ws);
    const manifest = join(kept, `${entry?.files[0]?.name}.manifest.json`);
    expect(r.stderr).toContain(manifest);
    expect(listed(kept)).toEqual([`${entry?.files[0]?.name}.manifest.json`]);
    expect(JSON.parse(readFileSync(manifest, "utf8"))).toMatchObject({
      entry: 0,
      file: { sha256: sha256(r.stdout) },
    });
    expect(modeOf(manifest)).toBe(0o600);
    expect(modeOf(kept)).toBe(0o700);
    expect(listed(privateTmp(piped.ws))).toEqual([]);
    // .jikimi/ (and so the kept files) is what `jikimi init` tells git to ignore
    expect(readFileSync(join(piped.ws, ".gitignore"), "utf8")).toMatch(/^\.jikimi\/$/m);

    // the input from stdin as well: the same bytes again (a third copy, so no per-day guard applies)
    const stdin = newCase();
    const both = stdin.run(
      [
        "share",
        AGREEMENT,
        "-w",
        stdin.ws,
        "-i",
        "-",
        "--input-format",
        "csv",
        "--out-dir",
        "-",
        "--at",
        at,
        "--format",
        "json",
      ],
      readFileSync(stdin.input),
    );
    expect(both.status, both.stderr).toBe(0);
    expect(both.stdout.equals(expected)).toBe(true);
    // --format json: the summary is a JSON document on stderr
    const summary = JSON.parse(both.stderr) as { output: string; manifest: string; entry: { seq: number } };
    expect(summary).toMatchObject({ output: "stdout", entry: { seq: 0 } });
    expect(existsSync(summary.manifest)).toBe(true);
  });

  it("writes zero bytes to stdout for a held, refused, dry or bad run, with today's exit codes", () => {
    const c = newCase();
    // held by the time rules before a row is read, in JSON: the document goes to stderr
    const old = c.share(c.input, new Date(Date.now() - 30 * 86_400_000).toISOString(), [
      "--out-dir",
      "-",
      "--format",
      "json",
    ]);
    expect(old.status, old.stderr).toBe(3);
    expect(old.stdout.length).toBe(0);
    expect(JSON.parse(old.stderr).held[0]).toMatch(/more than 7 days before now/);
    const first = c.share(c.input, recentIso(3), ["--out-dir", "-"]);
    expect(first.status, first.stderr).toBe(0);
    // held after every row was read (a fivefold jump in subjects): exit 3, nothing streamed or kept
    const everyone = join(c.dir, "everyone.csv");
    writeFileSync(everyone, readFileSync(c.input, "utf8").replaceAll(",false,", ",true,"));
    const held = c.share(everyone, recentIso(2), ["--out-dir", "-"]);
    expect(held.status, held.stderr).toBe(3);
    expect(held.stderr).toMatch(/HELD: .*max_growth/);
    expect(held.stdout.length).toBe(0);
    const dry = c.share(c.input, recentIso(2), ["--out-dir", "-", "--dry-run"]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout.length).toBe(0);
    expect(dry.stderr).toMatch(/dry run of/);
    // bad input: a missing file, and the error's JSON document stays off stdout too
    const missing = c.share(join(c.dir, "nope.csv"), recentIso(2), ["--out-dir", "-", "--format", "json"]);
    expect(missing.status).toBe(2);
    expect(missing.stdout.length).toBe(0);
    expect(missing.stderr).toMatch(/"code": "file_not_found"/);
    // an argument commander refuses before the command runs: its JSON error document stays off stdout too
    const typo = c.share(c.input, recentIso(2), ["--out-dir", "-", "--format", "json", "--no-such-flag"]);
    expect(typo.status).toBe(2);
    expect(typo.stdout.length).toBe(0);
    expect(typo.stderr).toMatch(/"code": "unknown_option"/);
    // a refused agreement (the uncorrected case): exit 1
    const wrong = join(c.dir, "wrong");
    expect(c.run(["init", wrong, "--example", "nsf-case"]).status).toBe(0);
    const refused = c.run(["share", AGREEMENT, "-w", wrong, "-i", c.input, "--out-dir", "-"]);
    expect(refused.status).toBe(1);
    expect(refused.stdout.length).toBe(0);
    expect(refused.stderr).toMatch(/check error/);
    // only the first release is recorded, beside the two holds; only its manifest is kept
    expect(c.entries().map((e) => e.kind)).toEqual(["hold", "release", "hold"]);
    expect(listed(streamedFolder(c.ws)).filter((f) => !f.endsWith(".manifest.json"))).toEqual([]);
    expect(listed(privateTmp(c.ws))).toEqual([]);
  });

  it.runIf(existsSync("/usr/bin/script"))(
    "refuses to print a release onto a terminal, recording nothing",
    () => {
      const c = newCase();
      // script(1) gives the CLI a pseudo-terminal as stdout
      const command = [
        process.execPath,
        MAIN,
        "share",
        AGREEMENT,
        "-w",
        c.ws,
        "-i",
        c.input,
        "--at",
        recentIso(2),
      ]
        .concat(["--out-dir", "-"])
        .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
        .join(" ");
      const r = spawnSync("/usr/bin/script", ["-qec", command, "/dev/null"], {
        env: {
          ...process.env,
          NO_COLOR: "1",
          LANG: "en_US.UTF-8",
          LC_ALL: "",
          JIKIMI_KEYRING: join(c.dir, "k.keyring"),
        },
        encoding: "utf8",
      });
      expect(r.status, r.stdout).toBe(2);
      expect(r.stdout).toMatch(/would print the released records on this terminal/);
      expect(c.entries()).toHaveLength(0);
    },
  );

  it("a reader that goes away: recorded, not delivered, exit 2 naming the kept file; no crash trace", async () => {
    const c = newCase();
    const run = c.start([
      "share",
      AGREEMENT,
      "-w",
      c.ws,
      "-i",
      c.input,
      "--out-dir",
      "-",
      "--at",
      recentIso(2),
    ]);
    // the reader of stdout is gone before a byte is streamed: the first write fails with EPIPE
    run.child.stdout.destroy();
    const r = await run.done;
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /release 0 of "nsf-credit-feed" is recorded in the ledger but did not reach stdout whole \(EPIPE\)/,
    );
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    const [entry] = c.entries();
    const kept = join(streamedFolder(c.ws), entry?.files[0]?.name ?? "");
    expect(r.stderr).toContain(`kept at ${kept} (0600)`);
    expect(modeOf(kept)).toBe(0o600);
    expect(sha256(readFileSync(kept))).toBe(entry?.files[0]?.sha256);
    expect(existsSync(`${kept}.manifest.json`)).toBe(true);
    expect(existsSync(journalPath(c.ws, AGREEMENT))).toBe(false);
    expect(listed(privateTmp(c.ws))).toEqual([]);
    // nothing is left to repair: the release is complete, only undelivered
    const repaired = c.run(["ledger", "repair", "-w", c.ws]);
    expect(repaired.stdout.toString()).toContain("nothing to repair");
  }, 60_000);

  it("a run killed while streaming is finished by `jikimi ledger repair`, which keeps the file and says so", async () => {
    const c = newCase();
    const run = c.start([
      "share",
      AGREEMENT,
      "-w",
      c.ws,
      "-i",
      c.input,
      "--out-dir",
      "-",
      "--at",
      recentIso(2),
    ]);
    // the reader takes the first bytes and then stops reading: the run blocks with the pipe full, mid-stream
    await new Promise((resolve) => run.child.stdout.once("readable", resolve));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(run.child.exitCode, "the run finished streaming before the kill").toBeNull();
    run.child.kill("SIGKILL");
    const r = await run.done;
    expect(r.signal).toBe("SIGKILL");
    const [entry] = c.entries();
    expect(entry?.seq).toBe(0);
    expect(existsSync(journalPath(c.ws, AGREEMENT))).toBe(true);
    const kept = join(streamedFolder(c.ws), entry?.files[0]?.name ?? "");
    expect(existsSync(kept)).toBe(false);

    const repaired = c.run(["ledger", "repair", "-w", c.ws]);
    expect(repaired.status, repaired.stderr).toBe(0);
    const said = repaired.stdout.toString();
    expect(said).toContain(`finished the interrupted release of "${AGREEMENT}" (ledger entry 0)`);
    expect(said).toContain(
      `it was going to stdout, which may not have received it whole: the released file is kept at ${kept} (0600)`,
    );
    expect(sha256(readFileSync(kept))).toBe(entry?.files[0]?.sha256);
    expect(modeOf(kept)).toBe(0o600);
    const manifest = JSON.parse(readFileSync(`${kept}.manifest.json`, "utf8")) as { entry: number };
    expect(manifest.entry).toBe(0);
    expect(modeOf(`${kept}.manifest.json`)).toBe(0o600);
    expect(existsSync(journalPath(c.ws, AGREEMENT))).toBe(false);
    expect(listed(privateTmp(c.ws))).toEqual([]);
    const verified = c.run(["ledger", "verify", "-w", c.ws]);
    expect(verified.status, verified.stderr).toBe(0);
  }, 60_000);
});

describe("streamSink (in process)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  async function setup() {
    // 5,000 customers: a released file of several chunks
    const s = await shareWorkspace("nsf-case-corrected", 5000, dirs);
    // every customer consented to the overseas provision in 2023
    const ids = readFileSync(s.input, "utf8").trim().split("\n").slice(1);
    s.consent.record(
      ids.map((l) => ({
        subject: l.split(",")[0] ?? "",
        purpose: "nsf-provision-overseas",
        action: "grant" as const,
        at: "2023-01-01T00:00:00Z",
        source: "app-v3",
      })),
      new Date("2024-01-01T00:00:00Z"),
    );
    const base = {
      workspace: s.workspace,
      agreement: AGREEMENT,
      source: fileSource(s.input),
      locks: processLocks(s.workspace.root),
      at: new Date("2024-05-31T02:00:00Z"),
      operator: "test",
      keyring: s.keyring,
      ledger: s.ledger,
      consent: s.consent,
      hasher: s.hasher,
      threads: 0,
      now: new Date("2024-06-02T00:00:00Z"),
    };
    /** the file the latest entry names */
    const lastFile = async () => {
      const f = (await s.ledger.releases({ limit: 1 }))[0]?.files?.[0];
      return { name: f?.name ?? "", bytes: f?.bytes ?? 0, sha256: f?.sha256 ?? "" };
    };
    return { ...s, base, lastFile };
  }

  /** A stream that takes chunks until it holds `limit` bytes, then fails as a closed pipe does; `taken` holds what it took. */
  function failingAfter(limit: number) {
    const taken: Buffer[] = [];
    let size = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (size >= limit) return done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
        size += chunk.length;
        taken.push(chunk);
        done();
      },
    });
    return { out, taken };
  }

  it("hands the whole file to the stream after the append and names the stream as the output", async () => {
    const s = await setup();
    const { out, taken } = failingAfter(Number.POSITIVE_INFINITY);
    const r = await share({ ...s.base, sink: streamSink(out, s.ws, { name: "download" }) });
    expect(r.output).toBe("download");
    const bytes = Buffer.concat(taken);
    expect(r.entry?.seq).toBe(0);
    expect(bytes.length).toBeGreaterThan(64 << 10);
    expect(sha256(bytes)).toBe((await s.lastFile()).sha256);
    expect(out.writableEnded).toBe(false);
    expect(listed(privateTmp(s.ws))).toEqual([]);
  });

  it("a stream that fails mid-file: share throws release_undelivered, the release is recorded and kept whole", async () => {
    const s = await setup();
    const { out, taken } = failingAfter(1);
    const e = (await share({ ...s.base, sink: streamSink(out, s.ws, { name: "download" }) }).catch(
      (x: unknown) => x,
    )) as JikimiError;
    expect(e.code).toBe("release_undelivered");
    expect(e.kind).toBe("unavailable");
    const file = await s.lastFile();
    const kept = String(e.details?.kept);
    expect(kept).toBe(join(streamedFolder(s.ws), file.name));
    expect(e.details).toMatchObject({ seq: 0, manifest: `${kept}.manifest.json` });
    // the stream took a part; the kept file is the whole release
    const part = Buffer.concat(taken);
    const whole = readFileSync(kept);
    expect(part.length).toBeGreaterThan(0);
    expect(part.length).toBeLessThan(whole.length);
    expect(whole.subarray(0, part.length).equals(part)).toBe(true);
    expect(sha256(whole)).toBe(file.sha256);
    expect(existsSync(journalPath(s.ws, AGREEMENT))).toBe(false);
  });

  it("a delivery that does not advance stops on the sink's signal, keeping the file", async () => {
    const s = await setup();
    const stop = new AbortController();
    // a reader that never reads: no write is ever taken
    const out = new Writable({
      write() {
        stop.abort();
      },
    });
    const e = (await share({
      ...s.base,
      sink: streamSink(out, s.ws, { name: "download", signal: stop.signal }),
    }).catch((x: unknown) => x)) as JikimiError;
    expect(e.code).toBe("release_undelivered");
    expect(e.summary).toMatch(/\(interrupted\)/);
    expect(existsSync(String(e.details?.kept))).toBe(true);
  });

  it("recovery of a streamed release whose temporary is gone counts it delivered, not missing", async () => {
    const s = await setup();
    const { out } = failingAfter(Number.POSITIVE_INFINITY);
    const r = await share({ ...s.base, sink: streamSink(out, s.ws, { name: "stdout" }) });
    const file = await s.lastFile();
    const final = join(streamedFolder(s.ws), file.name);
    rmSync(`${final}.manifest.json`);
    // killed after the whole file was streamed and its temporary removed, before the journal was cleared
    writeJournal(s.ws, {
      format: "jikimi-pending/1",
      agreement: AGREEMENT,
      outDir: streamedFolder(s.ws),
      tmpDir: privateTmp(s.ws),
      stream: "stdout",
      mode: 0o600,
      time: s.base.at.toISOString(),
      subjects: r.counts.subjects,
      records: r.counts.released,
      file,
      files: [{ temp: join(privateTmp(s.ws), `${AGREEMENT}.dead.csv.tmp`), final }],
    });
    const done = await recoverRelease(s.ws, AGREEMENT, s.ledger, () =>
      signerFrom(s.keyring.active("ledger-signing")),
    );
    expect(done).toMatchObject({ action: "completed", missing: [], stream: { name: "stdout" } });
    expect(done?.stream?.kept).toBeUndefined();
    expect(existsSync(final)).toBe(false);
    expect(existsSync(`${final}.manifest.json`)).toBe(true);
  });
});
