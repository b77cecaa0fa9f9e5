// jikimi share through the CLI: a release, a held release (exit 3), a refused agreement (exit 1),
// and nothing a customer wrote in the input ever shows up in what the CLI prints.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { jikimi, recentIso, tempDir, writeConsent } from "./support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** The corrected case workspace with a keyring, `rows` generated customers who all consented, and `run`. */
function consentingWorkspace(rows: number, seed: number, edit: (ws: string) => void = () => {}) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const env = { JIKIMI_KEYRING: join(dir, "k.keyring") };
  const ws = join(dir, "ws");
  const run = (args: string[], input?: string) => jikimi(args, { env, input });
  expect(run(["init", ws, "--example", "nsf-case-corrected"]).status).toBe(0);
  edit(ws);
  expect(run(["keys", "init", "-w", ws]).status).toBe(0);
  const input = join(dir, "customers.csv");
  const args = [
    "generate",
    "customers",
    "--rows",
    String(rows),
    "--seed",
    String(seed),
    "--output",
    input,
    "--threads",
    "1",
  ];
  expect(run(args).status).toBe(0);
  const lines = readFileSync(input, "utf8").trim().split("\n");
  expect(run(["consent", "import", writeConsent(input, join(dir, "consent.csv")), "-w", ws]).status).toBe(0);
  const out = join(dir, "out");
  /** `jikimi share nsf-credit-feed` of `file` into the out folder at `at`. */
  const share = (file: string, at: string) =>
    run(["share", "nsf-credit-feed", "-w", ws, "-i", file, "--out-dir", out, "--at", at]);
  return { dir, ws, input, lines, run, share, out };
}

describe("jikimi share (CLI)", () => {
  it("releases, then holds a fivefold jump with exit 3, and refuses the as-it-happened feed with exit 1", () => {
    const { dir, input, lines, run, share, out } = consentingWorkspace(2000, 9);
    // two days in the back-dating window, one after the other: only the growth guard may hold the second
    const first = share(input, recentIso(2));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/ledger entry 0/);
    const everyone = join(dir, "everyone.csv");
    writeFileSync(everyone, readFileSync(input, "utf8").replaceAll(",false,", ",true,"));
    const held = share(everyone, recentIso(1));
    expect(held.status).toBe(3);
    expect(held.stdout).toMatch(/HELD: .*max_growth/);
    expect(readdirSync(out)).toHaveLength(2);
    const printed = first.stdout + first.stderr + held.stdout + held.stderr;
    for (const line of lines.slice(1, 200))
      for (const value of line.split(",").slice(0, 4)) expect(printed).not.toContain(value);
    const wrong = join(dir, "wrong");
    expect(run(["init", wrong, "--example", "nsf-case"]).status).toBe(0);
    const refused = run(["share", "nsf-credit-feed", "-w", wrong, "-i", input, "--out-dir", out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/check error/);
  });

  it("holds a back-dated or future --at with exit 3 before writing anything, recording each hold", () => {
    const { input, run, share, out, ws } = consentingWorkspace(200, 5);
    const written = () => (existsSync(out) ? readdirSync(out) : []);
    const old = share(input, new Date(Date.now() - 30 * 86_400_000).toISOString());
    expect(old.status, old.stderr).toBe(3);
    expect(old.stdout).toMatch(/HELD: .*more than 7 days before now/);
    expect(written()).toEqual([]);
    const future = share(input, new Date(Date.now() + 3_600_000).toISOString());
    expect(future.status, future.stderr).toBe(3);
    expect(future.stdout).toMatch(/HELD: .*in the future/);
    expect(written()).toEqual([]);
    const log = run(["ledger", "log", "-w", ws, "--format", "json"]);
    expect(log.status, log.stderr).toBe(0);
    // newest first: the future one, then the back-dated one, each a hold with its time rule and no subjects
    const holds = JSON.parse(log.stdout) as { kind: string; subjects: number; holds: { rule?: string }[] }[];
    expect(holds.map((h) => [h.kind, h.subjects, h.holds.map((x) => x.rule)])).toEqual([
      ["hold", 0, ["future"]],
      ["hold", 0, ["back_dated"]],
    ]);
  });
});

describe("jikimi detokenize", () => {
  it("reverses the tokens of a released field with the controller's key, and refuses altered ones", () => {
    const { ws, input, lines, run, share, out } = consentingWorkspace(500, 4, (folder) => {
      const feed = join(folder, "agreements", "nsf-credit-feed.yaml");
      writeFileSync(
        feed,
        readFileSync(feed, "utf8").replace(
          "phone: { transform: pseudonym, normalize: phone_kr }",
          "phone: { transform: token }",
        ),
      );
    });
    const rows = lines.slice(1).map((l) => l.split(","));
    const shared = share(input, recentIso(1));
    expect(shared.status, shared.stderr).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith(".csv")) ?? "";
    const released = readFileSync(join(out, file), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    const tokens = released.map((r) => r[1] ?? "");
    const phones = new Set(rows.map((r) => r[2]));
    for (const t of tokens) expect(phones.has(t)).toBe(false);
    const opened = run(
      ["detokenize", "nsf-credit-feed", "-w", ws, "--field", "phone"],
      `${tokens.join("\n")}\n`,
    );
    expect(opened.status, opened.stderr).toBe(0);
    for (const p of opened.stdout.trim().split("\n")) expect(phones.has(p)).toBe(true);
    const first = tokens[0] ?? "";
    // flip one character in the middle: the SIV must no longer authenticate it
    const mid = Math.floor(first.length / 2);
    const altered = `${first.slice(0, mid)}${first[mid] === "A" ? "B" : "A"}${first.slice(mid + 1)}`;
    // tokens are base64url and may start with "-": they go after "--"
    const refused = run(["detokenize", "nsf-credit-feed", "-w", ws, "--field", "phone", "--", altered]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/does not open/);
    expect(refused.stderr).not.toContain(altered);
  });
});
