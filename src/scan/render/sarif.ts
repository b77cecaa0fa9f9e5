// a scan result as a SARIF 2.1.0 log: one rule per category found, one result per column finding, located at the
// file (physical) and the column (logical). Written here rather than with report/findings, which depends on scan.
// Texts are in the language in force; rule ids (category keys), levels and properties are codes. SARIF's own keys
// are camelCase by its standard; the properties bags are ours and snake_case, like the scan JSON.
import { t } from "../../i18n/index.js";
import { VERSION } from "../../version.js";
import { countsAsPersonal } from "../digests.js";
import type { ScanResult } from "../result.js";
import { digestJson } from "./json.js";
import { digestEvidence } from "./text.js";

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  defaultConfiguration: { level: "error" | "warning" | "note" };
  help: { text: string };
}

const pascal = (key: string) =>
  key
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");

/**
 * Renders a scan result as SARIF 2.1.0.
 * @example writeFileSync("scan.sarif", renderScanSarif(result))
 */
export function renderScanSarif(result: ScanResult): string {
  const rules: Rule[] = [];
  const index = new Map<string, number>();
  const uri = result.file.replaceAll("\\", "/").split("/").map(encodeURIComponent).join("/");
  const results = [];
  for (const c of result.columns) {
    for (const f of c.findings) {
      const personal = (f.category === "user" || f.category.startsWith("user.")) && countsAsPersonal(f);
      if (!index.has(f.category)) {
        index.set(f.category, rules.length);
        rules.push({
          id: f.category,
          name: pascal(f.category),
          shortDescription: { text: t("scan.sarif.rule", { title: f.title }) },
          defaultConfiguration: { level: personal ? "error" : "note" },
          help: { text: t("scan.sarif.help") },
        });
      }
      const hint = f.hint === undefined ? "" : t("scan.sarif.hint", { hint: f.hint });
      const common = {
        column: c.name,
        title: f.title,
        category: f.category,
        hint,
        confidence: f.confidence.toFixed(2),
      };
      const text =
        f.digest === undefined
          ? t("scan.sarif.result", {
              ...common,
              matches: f.matches,
              nonEmpty: c.nonEmpty,
              how: t(f.inFreeText ? "scan.sarif.in_free_text" : "scan.sarif.match"),
              detectors: f.detectors.join(", "),
            })
          : t("scan.sarif.digest", { ...common, evidence: digestEvidence(f.digest) });
      results.push({
        ruleId: f.category,
        ruleIndex: index.get(f.category) ?? 0,
        level: !personal ? "note" : f.level === "high" ? "error" : "warning",
        message: { text },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri } },
            logicalLocations: [{ name: c.name, kind: "member" }],
          },
        ],
        properties: {
          column: c.name,
          column_index: c.index,
          confidence: f.confidence,
          matches: f.matches,
          non_empty: c.nonEmpty,
          detectors: [...f.detectors],
          in_free_text: f.inFreeText,
          ...(f.hint === undefined ? {} : { hint: f.hint }),
          ...(f.digest === undefined ? {} : { digest: digestJson(f.digest) }),
        },
      });
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "jikimi", version: VERSION, semanticVersion: VERSION, rules } },
        columnKind: "utf16CodeUnits",
        results,
        properties: { rows: result.rows, sampled: result.sampled, format: result.format },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
