// jikimi schema: JSON Schema for every workspace file kind, so editors complete and validate the YAML.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { FILE_KINDS, type FileKind, jsonSchemaOf } from "../../index.js";
import { workspaceDir } from "../options.js";

/** Writes `<kind>.schema.json` for every kind into `dir`; returns the files written. */
export function writeSchemas(dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  return (Object.keys(FILE_KINDS) as FileKind[]).map((kind) => {
    const file = join(dir, `${kind}.schema.json`);
    writeFileSync(file, `${JSON.stringify(jsonSchemaOf(kind), null, 2)}\n`);
    return file;
  });
}

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("write JSON Schema for jikimi.yaml, datasets, recipients, purposes and agreements")
    .option("-o, --out <dir>", "folder to write into (default: <workspace>/.jikimi-schemas)")
    .option("-w, --workspace <dir>", "workspace folder (default: $JIKIMI_WORKSPACE or .)")
    .addOption(
      new Option("-k, --kind <kind>", "print one kind's schema to stdout").choices(Object.keys(FILE_KINDS)),
    )
    .action((opts: { out?: string; workspace?: string; kind?: FileKind }) => {
      if (opts.kind) {
        process.stdout.write(`${JSON.stringify(jsonSchemaOf(opts.kind), null, 2)}\n`);
        return;
      }
      const dir = opts.out ? resolve(opts.out) : join(workspaceDir(opts), ".jikimi-schemas");
      for (const file of writeSchemas(dir)) process.stderr.write(`wrote ${file}\n`);
      process.stderr.write(
        "editors with the YAML language server pick them up from a first line such as\n  # yaml-language-server: $schema=../.jikimi-schemas/agreement.schema.json\n",
      );
    });
}
