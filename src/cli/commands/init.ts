// jikimi init: write a new workspace, minimal and commented, or one of the ready examples.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { JikimiError } from "../../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { writeSchemas } from "./schema.js";

const EXAMPLES_DIR = join(PACKAGE_ROOT, "examples");
const GITIGNORE = "# jikimi state and secrets never go into git\n.jikimi/\n*.keyring\n*.log-key\n";

/** The examples shipped with the package. */
export function exampleNames(): string[] {
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(EXAMPLES_DIR, d.name, "jikimi.yaml")))
    .map((d) => d.name)
    .sort();
}

/** Writes a workspace into `dir` from the named example; refuses a non-empty folder unless forced. */
export function initWorkspace(dir: string, example = "minimal", force = false): string[] {
  const names = exampleNames();
  if (!names.includes(example))
    throw new JikimiError(
      "unknown_example",
      `there is no example "${example}": use one of ${names.join(", ")}`,
    );
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0 && !force)
    throw new JikimiError(
      "folder_not_empty",
      `${dir} is not empty: choose a new folder or pass --force to write over it`,
    );
  mkdirSync(target, { recursive: true });
  cpSync(join(EXAMPLES_DIR, example), target, { recursive: true, force: true });
  writeFileSync(join(target, ".gitignore"), GITIGNORE);
  const schemas = writeSchemas(join(target, ".jikimi-schemas"));
  return [target, ...schemas];
}

export function registerInit(program: Command): void {
  program
    .command("init")
    .argument("<dir>", "folder for the new workspace")
    .description("write a new workspace: minimal and commented, or a ready example")
    .option("-e, --example <name>", "start from an example (nsf-case, nsf-case-corrected, minimal)")
    .option("--force", "write into a folder that is not empty")
    .action((dir: string, opts: { example?: string; force?: boolean }) => {
      const [target] = initWorkspace(dir, opts.example, opts.force);
      process.stderr.write(
        `wrote the ${opts.example ?? "minimal"} workspace to ${target}\nnext: jikimi check -w ${dir}\n`,
      );
    });
}
