// the README's walkthrough runs as written: every line of its `sh` blocks, in order, in an empty folder, with
// `jikimi` on the PATH as the built CLI; a command exits 0 unless its comment says `# exits N`.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "./support/cli.js";

/** One command of the walkthrough: its README line, the shell text without its comment, the exit it expects. */
interface WalkthroughCommand {
  line: number;
  command: string;
  exits: number;
}

/** The text before a `#` that starts a comment (at the start or after a space, outside quotes), and the comment. */
function splitComment(text: string): { code: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1] ?? "")))
      return { code: text.slice(0, i).trimEnd(), comment: text.slice(i + 1).trim() };
  }
  return { code: text.trimEnd(), comment: "" };
}

/**
 * The commands of the README's "## Walkthrough" section: each line of its ```sh blocks (a line ending in `\`
 * continues on the next), blank and comment-only lines skipped; `# exits N: why` sets the expected exit code.
 */
function walkthroughCommands(readme: string): WalkthroughCommand[] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => /^## Walkthrough\s*$/.test(l));
  if (start < 0) throw new Error('README.md has no "## Walkthrough" section');
  const after = lines.findIndex((l, i) => i > start && /^## /.test(l));
  const end = after < 0 ? lines.length : after;
  const out: WalkthroughCommand[] = [];
  let inSh = false;
  let pending: WalkthroughCommand | undefined;
  for (let i = start + 1; i < end; i++) {
    const raw = lines[i] ?? "";
    if (!inSh) {
      if (/^```sh\s*$/.test(raw)) inSh = true;
      continue;
    }
    if (/^```\s*$/.test(raw)) {
      if (pending) throw new Error(`README.md:${pending.line}: the command continues past its block`);
      inSh = false;
      continue;
    }
    const { code, comment } = splitComment(raw);
    const exits = /^exits (\d+)\b/.exec(comment);
    const continues = code.endsWith("\\");
    const text = continues ? code.slice(0, -1).trimEnd() : code;
    if (pending) {
      pending.command += ` ${text.trim()}`;
      if (exits) pending.exits = Number(exits[1]);
    } else if (text.trim() !== "") {
      pending = { line: i + 1, command: text.trim(), exits: exits ? Number(exits[1]) : 0 };
    }
    if (!continues && pending) {
      out.push(pending);
      pending = undefined;
    }
  }
  if (inSh) throw new Error("README.md: a ```sh block of the walkthrough is not closed");
  return out;
}

/** A printed output the README shows: the walkthrough command it is of, its lines ("..." lines left out). */
interface ShownOutput {
  line: number;
  command: string;
  lines: string[];
}

/** The blocks after a `<!-- output of \`COMMAND\` -->` comment: what the README says that command prints. */
function shownOutputs(readme: string): ShownOutput[] {
  const lines = readme.split("\n");
  const out: ShownOutput[] = [];
  lines.forEach((l, i) => {
    const m = /^<!-- output of `([^`]+)`/.exec(l);
    if (!m) return;
    const open = lines.findIndex((x, k) => k > i && /^```/.test(x));
    const close = lines.findIndex((x, k) => k > open && /^```\s*$/.test(x));
    if (open < 0 || close < 0 || lines.slice(i + 1, open).some((x) => x.trim() !== ""))
      throw new Error(`README.md:${i + 1}: an output comment must be followed by a fenced block`);
    out.push({
      line: open + 2,
      command: m[1] ?? "",
      lines: lines.slice(open + 1, close).filter((x) => x.trim() !== "..."),
    });
  });
  return out;
}

describe("walkthroughCommands", () => {
  const readme = [
    "# Title",
    "```sh",
    "jikimi outside   # not in the walkthrough",
    "```",
    "## Walkthrough",
    "```sh",
    "jikimi init ./a        # a comment with # inside",
    "",
    "# a comment line",
    'echo "a # b" \\',
    "  more   # exits 3: held",
    "```",
    "```console",
    "$ jikimi not-run",
    "```",
    "```sh",
    "jikimi check -w ./a   # exits 1: findings",
    "```",
    "## Next",
    "```sh",
    "jikimi after",
    "```",
  ].join("\n");

  it("takes the sh blocks of the section only, strips comments, joins continued lines and reads `exits N`", () => {
    expect(walkthroughCommands(readme)).toEqual([
      { line: 7, command: "jikimi init ./a", exits: 0 },
      { line: 10, command: 'echo "a # b" more', exits: 3 },
      { line: 17, command: "jikimi check -w ./a", exits: 1 },
    ]);
  });

  it("finds the outputs the README shows, by command, without their ... lines", () => {
    const text = [
      "<!-- output of `jikimi check -w ./a` (checked) -->",
      "",
      "```text",
      "one",
      "  ...",
      "two",
      "```",
    ];
    expect(shownOutputs(text.join("\n"))).toEqual([
      { line: 4, command: "jikimi check -w ./a", lines: ["one", "two"] },
    ]);
    expect(() => shownOutputs("<!-- output of `x` -->\ntext\n```\n```")).toThrow(/README.md:1/);
  });

  it("refuses a README without the section", () => {
    expect(() => walkthroughCommands("# nothing\n")).toThrow(/no "## Walkthrough"/);
  });
});

/** The first and last lines of a command's stderr, enough to see why it failed. */
function excerpt(stderr: string): string {
  const lines = stderr.trim().split("\n");
  return lines.length <= 8
    ? lines.join("\n")
    : [...lines.slice(0, 4), "  ...", ...lines.slice(-4)].join("\n");
}

describe("README.md walkthrough", () => {
  const readmePath = join(ROOT, "README.md");
  const commands = walkthroughCommands(readFileSync(readmePath, "utf8"));
  const { dir, cleanup } = tempDir("jikimi-readme-");
  afterAll(cleanup);

  // `jikimi` is the built CLI; HOME is the temp folder, so the examples' keyrings (~/.config/jikimi/) land there
  const bin = join(dir, "bin");
  const work = join(dir, "work");
  mkdirSync(bin);
  mkdirSync(work);
  const main = join(ROOT, "dist", "bin", "jikimi.js");
  writeFileSync(join(bin, "jikimi"), `#!/bin/sh\nexec "${process.execPath}" "${main}" "$@"\n`);
  chmodSync(join(bin, "jikimi"), 0o755);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith("JIKIMI_") && !k.startsWith("LC_")) env[k] = v;
  Object.assign(env, {
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
    HOME: join(dir, "home"),
    USER: "readme",
    LANG: "en_US.UTF-8",
    NO_COLOR: "1",
  });

  it("has a walkthrough to run", () => {
    expect(commands.length).toBeGreaterThanOrEqual(30);
    expect(commands.some((c) => c.exits !== 0)).toBe(true);
  });

  it("runs every command as written, each exiting as the README says", () => {
    if (!existsSync(main)) throw new Error("dist/bin/jikimi.js is missing: run `npm run build` first");
    const failures: string[] = [];
    const outputs = new Map<number, { stdout: string; stderr: string }>();
    for (const c of commands) {
      const r = spawnSync("bash", ["-o", "pipefail", "-c", c.command], {
        cwd: work,
        env,
        encoding: "utf8",
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      outputs.set(c.line, { stdout: r.stdout, stderr: r.stderr });
      const status = r.status ?? -1;
      if (status !== c.exits)
        failures.push(
          `README.md:${c.line}: \`${c.command}\` exited ${status}${r.signal ? ` (${r.signal})` : ""}, the README says ${c.exits}\n${excerpt(r.stderr)}`,
        );
      else if (/deprecated/.test(r.stderr))
        failures.push(`README.md:${c.line}: \`${c.command}\` uses a deprecated flag:\n${r.stderr.trim()}`);
    }
    expect(failures.join("\n\n")).toBe("");

    // what the prose around the commands says they print
    const out = (pattern: RegExp, nth = 0) => {
      const c = commands.filter((k) => pattern.test(k.command))[nth];
      if (!c) throw new Error(`the walkthrough has no command ${nth + 1} matching ${pattern}`);
      return outputs.get(c.line)?.stdout ?? "";
    };
    expect(out(/check -w \.\/nsf/)).toMatch(/10 errors, 3 warnings, 1 gap in 2 agreements/);
    const share = out(/share nsf-credit-feed .*--out-dir outbox$/);
    expect(share).toMatch(/out of scope +163\n/);
    expect(share).toMatch(/no consent +4\n/);
    expect(share).toMatch(/released +33 rows, 33 subjects/);
    expect(out(/ledger subject HB0000000042/, 0)).toMatch(/^1 release /m);
    expect(out(/ledger subject HB0000000042/, 1)).toMatch(/^2 releases /m);
    // every output the README shows is what the command printed, line for line (the "..." lines left out)
    const shown = shownOutputs(readFileSync(readmePath, "utf8"));
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const o of shown) {
      const c = commands.find((k) => k.command === o.command);
      if (!c) throw new Error(`README.md:${o.line}: no walkthrough command is \`${o.command}\``);
      const printed = new Set((outputs.get(c.line)?.stdout ?? "").split("\n"));
      const missing = o.lines.filter((l) => !printed.has(l));
      expect(
        missing,
        `README.md:${o.line}: lines \`${o.command}\` (README.md:${c.line}) no longer prints`,
      ).toEqual([]);
    }
    const members = readFileSync(join(ROOT, "examples", "minimal", "sample", "members.csv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .filter((l) => l.endsWith(",true"))
      .map((l) => l.split(",")[0]);
    expect(members).toHaveLength(7);
    expect(
      out(/detokenize/)
        .trim()
        .split("\n"),
    ).toEqual(members);
  }, 300_000);
});
