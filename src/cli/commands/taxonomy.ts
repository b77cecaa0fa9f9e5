// jikimi taxonomy: the data categories, uses, subjects, legal bases and transforms a workspace can name.
import type { Command } from "commander";
import { t, table } from "../../public/base.js";
import {
  buildTaxonomy,
  diskReader,
  entryName,
  loadWorkspace,
  type Taxonomy,
  type TaxonomyEntry,
  TRANSFORMS,
} from "../../public/workspace.js";
import { formatOption } from "../convention.js";
import { workspaceDir, workspaceOption } from "../options.js";
import { report } from "../output.js";

function taxonomyFor(dir: string): Taxonomy {
  const loaded = loadWorkspace(diskReader(dir));
  return loaded.ok ? loaded.workspace.taxonomy : buildTaxonomy().taxonomy;
}

/** A heading and its rows, aligned (Hangul counts two cells). */
function section(heading: string, rows: string[][]): string[] {
  return [heading, ...table(rows).map((line) => `  ${line}`)];
}

function text(tax: Taxonomy, transforms: { name: string; summary: string }[]): string {
  const categories = [...tax.categories.values()].map((c) => {
    const flags = [
      c.join_key && t("cli.taxonomy.join_key"),
      c.credit && t("cli.taxonomy.credit"),
      c.sensitive && t("cli.taxonomy.sensitive"),
    ].filter((f): f is string => typeof f === "string");
    return [c.key, c.identifying, flags.join(", "), entryName(c)];
  });
  // names in the language in force: the Korean name where the entry has one
  const named = (items: Iterable<TaxonomyEntry>) => [...items].map((u) => [u.key, entryName(u)]);
  const lines = [
    ...section(t("cli.taxonomy.categories"), categories),
    "",
    ...section(t("cli.taxonomy.uses"), named(tax.uses.values())),
    "",
    ...section(t("cli.taxonomy.subjects"), named(tax.subjects.values())),
    "",
    ...section(t("cli.taxonomy.bases"), named(tax.bases.values())),
    "",
    ...section(
      t("cli.taxonomy.transforms"),
      transforms.map((x) => [x.name, x.summary]),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

export function registerTaxonomy(program: Command): void {
  formatOption(
    workspaceOption(program.command("taxonomy")).description(t("cli.taxonomy.description")),
  ).action((opts: { workspace?: string }) => {
    const tax = taxonomyFor(workspaceDir(opts));
    const transforms = TRANSFORMS.map((x) => ({ name: x.name, summary: x.summary, exposure: x.exposure }));
    report(
      () => ({
        categories: [...tax.categories.values()],
        uses: [...tax.uses.values()],
        subjects: [...tax.subjects.values()],
        legal_bases: [...tax.bases.values()],
        transforms,
      }),
      () => text(tax, transforms),
      // a legal basis's recipient_benefit is keyed by jurisdiction (KR, EU): data, not field names
      ["recipient_benefit"],
    );
  });
}
