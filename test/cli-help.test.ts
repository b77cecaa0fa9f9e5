// one CLI convention: every command's --help ends with examples, and `jikimi completion` completes the real tree.
import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { commandTree } from "../src/cli/command-tree.js";
import { registerCommands } from "../src/cli/commands/index.js";
import { EXAMPLES } from "../src/cli/examples.js";
import { jikimi, ROOT } from "./support/cli.js";

/** Every command path of the whole program, as `jikimi --help` registers it. */
async function allPaths(): Promise<string[]> {
  const program = new Command("jikimi");
  await registerCommands(program, ["node", "jikimi"]);
  return commandTree(program).map((n) => n.path);
}

describe("--help shows examples", () => {
  it("for every command and subcommand of the built CLI", async () => {
    const paths = await allPaths();
    expect(paths).toContain("ledger verify");
    expect(paths).toContain("completion");
    // eight at a time: one node start-up per command path is most of this test's time
    const run = promisify(execFile);
    const missing: string[] = [];
    for (let i = 0; i < paths.length; i += 8)
      await Promise.all(
        paths.slice(i, i + 8).map(async (path) => {
          const args = [...(path === "" ? [] : path.split(" ")), "--help"];
          const { stdout } = await run(process.execPath, [join(ROOT, "dist", "bin", "jikimi.js"), ...args], {
            // English whatever the machine's locale (the heading is "예시:" in Korean)
            env: { ...process.env, NO_COLOR: "1", LC_ALL: "", LC_MESSAGES: "", LANG: "en_US.UTF-8" },
          });
          const at = stdout.indexOf("\nExamples:\n  $ ");
          if (at < 0 || !stdout.slice(at).includes("$ jikimi ")) missing.push(path);
        }),
      );
    expect(missing, `no Examples: section in --help of: ${missing.join(", ")}`).toEqual([]);
  }, 120_000);

  it("names only commands that exist", async () => {
    const paths = new Set(await allPaths());
    expect(Object.keys(EXAMPLES).filter((p) => !paths.has(p))).toEqual([]);
  });

  it("keeps a command's examples to its own help", () => {
    const r = jikimi(["ledger", "--help"]);
    expect(r.stdout).toContain("$ jikimi ledger log -w ./nsf");
    expect(r.stdout).not.toContain("--receipts all");
  });
});

describe("jikimi completion", () => {
  function bash(script: string, words: string[]): string[] {
    const setup = `COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")}); COMP_CWORD=${words.length - 1}`;
    const r = spawnSync(
      "bash",
      ["-c", `${script}\n${setup}; _jikimi_complete; printf '%s\\n' "\${COMPREPLY[@]}"`],
      {
        encoding: "utf8",
      },
    );
    expect(r.stderr).toBe("");
    return r.stdout.split("\n").filter((l) => l !== "");
  }

  it("prints a valid bash script that completes verbs, subcommands and options", () => {
    const r = jikimi(["completion", "bash"]);
    expect(r.status, r.stderr).toBe(0);
    const syntax = spawnSync("bash", ["-n"], { input: r.stdout, encoding: "utf8" });
    expect(syntax.status, syntax.stderr).toBe(0);
    expect(bash(r.stdout, ["jikimi", "led"])).toEqual(["ledger"]);
    expect(bash(r.stdout, ["jikimi", "ledger", "ver"])).toEqual(["verify"]);
    expect(bash(r.stdout, ["jikimi", "ledger", "verify", "-w", "./nsf", "--rec"])).toEqual(["--receipts"]);
    expect(bash(r.stdout, ["jikimi", "ledger", "verify", ""])).toEqual([]);
  });

  it("prints a zsh script and explains how to load it", () => {
    const r = jikimi(["completion", "zsh"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^#compdef jikimi\n/);
    expect(r.stdout).toContain("'ledger verify')");
    expect(jikimi(["completion", "--help"]).stdout).toContain("source <(jikimi completion bash)");
  });

  it("rejects an unknown shell with a usage error", () => {
    const r = jikimi(["completion", "fish"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bash, zsh|"bash", "zsh"/);
  });
});
