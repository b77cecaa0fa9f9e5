// a scan result as a SARIF 2.1.0 log: one rule per category found, one result per column finding, located at the
// file (physical) and the column (logical). Written here rather than with report/findings, which depends on scan.
import { VERSION } from "../../version.js";
import { countsAsPersonal } from "../digests.js";
import type { ScanResult } from "../result.js";
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
          shortDescription: { text: `Column holds: ${f.title}` },
          defaultConfiguration: { level: personal ? "error" : "note" },
          help: {
            text: "Remove the column, or transform it (pseudonym, token, mask, generalise) in the agreement that sends it.",
          },
        });
      }
      const how = f.inFreeText ? "hold it inside free text" : "match";
      const hint = f.hint === undefined ? "" : `, column-name hint "${f.hint}"`;
      const text =
        f.digest === undefined
          ? `Column "${c.name}" holds ${f.title} (${f.category}): ${f.matches} of ${c.nonEmpty} non-empty values ${how} (${f.detectors.join(", ")})${hint}; confidence ${f.confidence.toFixed(2)}.`
          : `Column "${c.name}" holds digests of ${f.title} (${f.category}): ${digestEvidence(f.digest)}${hint}; confidence ${f.confidence.toFixed(2)}.`;
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
          columnIndex: c.index,
          confidence: f.confidence,
          matches: f.matches,
          nonEmpty: c.nonEmpty,
          detectors: [...f.detectors],
          inFreeText: f.inFreeText,
          ...(f.hint === undefined ? {} : { hint: f.hint }),
          ...(f.digest === undefined
            ? {}
            : {
                digest: {
                  ...f.digest,
                  reversedBy: [...f.digest.reversedBy],
                  tried: [...f.digest.tried],
                },
              }),
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
