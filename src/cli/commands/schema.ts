// jikimi schema: JSON Schema for every workspace file kind, so editors complete and validate the YAML.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { t } from "../../public/base.js";
import { FILE_KINDS, type FileKind, jsonSchemaOf } from "../../public/workspace.js";
import { formatOption, oldFlag } from "../convention.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { note, report } from "../output.js";

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
  const schema = program
    .command("schema")
    .description(t("cli.schema.description"))
    .option("--out-dir <dir>", t("cli.schema.out_dir"));
  oldFlag(schema, "-o, --out <dir>", "outDir", "--out-dir");
  formatOption(workspaceOption(schema))
    .addOption(new Option("-k, --kind <kind>", t("cli.schema.kind")).choices(Object.keys(FILE_KINDS)))
    .action((opts: { outDir?: string; workspace?: string; kind?: FileKind }) => {
      // a schema is a JSON document in either format; its keywords ($schema, additionalProperties) are the
      // standard's, so it is printed as it is
      if (opts.kind) {
        process.stdout.write(`${JSON.stringify(jsonSchemaOf(opts.kind), null, 2)}\n`);
        return;
      }
      const dir = opts.outDir ? resolve(opts.outDir) : join(workspaceDir(opts), ".jikimi-schemas");
      const written = writeSchemas(dir);
      for (const file of written) note(t("cli.schema.wrote", { file }));
      note(t("cli.schema.editors"));
      report(
        () => ({ written }),
        () => "",
      );
    });
}
