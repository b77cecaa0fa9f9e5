// jikimi init: write a new workspace, minimal and commented, or one of the ready examples.
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import type { Command } from "commander";
import { JikimiError, t } from "../../public/base.js";
import { formatOption } from "../convention.js";
import { note, report } from "../output.js";
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

/**
 * Copies an example folder into `target`, leaving out any `.jikimi` folder (a state store left in an example by a
 * run there must not seed new workspaces with its ledger, keys or releases).
 * @example copyExample(join(EXAMPLES_DIR, "minimal"), "/tmp/ws")
 */
export function copyExample(source: string, target: string): void {
  cpSync(source, target, {
    recursive: true,
    force: true,
    filter: (from) => basename(from) !== ".jikimi",
  });
}

/** Writes a workspace into `dir` from the named example; refuses a non-empty folder unless forced. */
export function initWorkspace(dir: string, example = "minimal", force = false): string[] {
  const names = exampleNames();
  if (!names.includes(example))
    throw new JikimiError("unknown_example", t("cli.init.unknown_example", { example }), {
      hint: t("cli.init.unknown_example_hint", { names: names.join(", ") }),
    });
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0 && !force)
    throw new JikimiError("folder_not_empty", t("cli.init.folder_not_empty", { dir }), {
      hint: t("cli.init.folder_not_empty_hint"),
    });
  mkdirSync(target, { recursive: true });
  copyExample(join(EXAMPLES_DIR, example), target);
  writeFileSync(join(target, ".gitignore"), GITIGNORE);
  const schemas = writeSchemas(join(target, ".jikimi-schemas"));
  return [target, ...schemas];
}

export function registerInit(program: Command): void {
  formatOption(
    program
      .command("init")
      .argument("<dir>", t("cli.init.dir"))
      .description(t("cli.init.description"))
      .option("-e, --example <name>", t("cli.init.example", { names: exampleNames().join(", ") }))
      .option("--force", t("cli.init.force")),
  ).action((dir: string, opts: { example?: string; force?: boolean }) => {
    const example = opts.example ?? "minimal";
    const [target = dir, ...schemas] = initWorkspace(dir, example, opts.force);
    note(t("cli.init.wrote", { example, target, dir }));
    report(
      () => ({ workspace: target, example, schemas }),
      () => "",
    );
  });
}
