// jikimi taxonomy: the data categories, uses, subjects, legal bases and transforms a workspace can name.
import type { Command } from "commander";
import { buildTaxonomy, diskReader, loadWorkspace, type Taxonomy, TRANSFORMS } from "../../index.js";
import { workspaceDir, workspaceOption } from "../options.js";

function taxonomyFor(dir: string): Taxonomy {
  const loaded = loadWorkspace(diskReader(dir));
  return loaded.ok ? loaded.workspace.taxonomy : buildTaxonomy().taxonomy;
}

export function registerTaxonomy(program: Command): void {
  workspaceOption(program.command("taxonomy"))
    .description("list the data categories, uses, subjects, legal bases and transforms")
    .option("--json", "print JSON")
    .action((opts: { workspace?: string; json?: boolean }) => {
      const t = taxonomyFor(workspaceDir(opts));
      const transforms = TRANSFORMS.map((x) => ({ name: x.name, summary: x.summary, exposure: x.exposure }));
      if (opts.json) {
        const data = {
          categories: [...t.categories.values()],
          uses: [...t.uses.values()],
          subjects: [...t.subjects.values()],
          legal_bases: [...t.bases.values()],
          transforms,
        };
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
        return;
      }
      const lines = ["data categories (identifying, flags):"];
      for (const c of t.categories.values()) {
        const flags = [c.join_key && "join key", c.credit && "credit", c.sensitive && "sensitive"].filter(
          Boolean,
        );
        lines.push(`  ${c.key.padEnd(50)} ${c.identifying.padEnd(6)} ${flags.join(", ")}  ${c.name}`);
      }
      lines.push("", "data uses:", ...[...t.uses.values()].map((u) => `  ${u.key.padEnd(50)} ${u.name}`));
      lines.push(
        "",
        "data subjects:",
        ...[...t.subjects.values()].map((u) => `  ${u.key.padEnd(50)} ${u.name}`),
      );
      lines.push("", "legal bases:", ...[...t.bases.values()].map((u) => `  ${u.key.padEnd(50)} ${u.name}`));
      lines.push("", "transforms:", ...transforms.map((x) => `  ${x.name.padEnd(50)} ${x.summary}`));
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
