// the subset of SARIF 2.1.0 jikimi writes, and the pieces both SARIF renderers share.
import { pathToFileURL } from "node:url";
import type { Location } from "../../model/issues.js";
import type { Severity } from "../../policy/finding.js";
import { VERSION } from "../../version.js";
import { displayPath } from "./format.js";

export type SarifLevel = "error" | "warning" | "note";

export interface SarifMessage {
  text: string;
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: SarifMessage;
  fullDescription?: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  help: SarifMessage;
  properties: { tags: string[] };
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: typeof WORKSPACE_BASE };
    region: { startLine: number; startColumn: number };
  };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: SarifLocation[];
  properties: Record<string, unknown>;
}

export interface SarifRun {
  tool: {
    driver: { name: "jikimi"; version: string; semanticVersion: string; rules: SarifReportingDescriptor[] };
  };
  originalUriBaseIds: Record<typeof WORKSPACE_BASE, { uri: string }>;
  columnKind: "utf16CodeUnits";
  results: SarifResult[];
  properties?: Record<string, unknown>;
}

export interface SarifLog {
  $schema: typeof SARIF_SCHEMA;
  version: "2.1.0";
  runs: SarifRun[];
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const WORKSPACE_BASE = "WORKSPACE";

const LEVELS: Record<Severity, SarifLevel> = { error: "error", warning: "warning", gap: "note" };

/**
 * Maps a jikimi severity to a SARIF level.
 * @example sarifLevel("gap") // "note"
 */
export function sarifLevel(severity: Severity): SarifLevel {
  return LEVELS[severity];
}

/**
 * Turns a snake_case code into the PascalCase name SARIF tools show.
 * @example pascalCase("unkeyed_hash") // "UnkeyedHash"
 */
export function pascalCase(code: string): string {
  return code
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

/**
 * Ends a text with a full stop unless it already ends a sentence.
 * @example sentence("phone leaves as sha256") // "phone leaves as sha256."
 */
export function sentence(text: string): string {
  const t = text.trim();
  return t === "" || /[.!?]$/.test(t) ? t : `${t}.`;
}

/**
 * A result location: the file relative to the WORKSPACE base, and its 1-based line and column.
 * @example sarifLocation({ file: "agreements/a.yaml", line: 14, column: 5 }, "/srv/ws")
 */
export function sarifLocation(where: Location, workspace: string): SarifLocation {
  const uri = displayPath(where.file, workspace).split("/").map(encodeURIComponent).join("/");
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: WORKSPACE_BASE },
      region: { startLine: Math.max(1, where.line), startColumn: Math.max(1, where.column) },
    },
  };
}

/**
 * Wraps rules and results in a one-run SARIF log whose WORKSPACE base is the workspace folder.
 * @example JSON.stringify(sarifLog("/srv/ws", rules, results, { at: "2024-05-31" }))
 */
export function sarifLog(
  workspace: string,
  rules: SarifReportingDescriptor[],
  results: SarifResult[],
  properties?: Record<string, unknown>,
): SarifLog {
  const href = pathToFileURL(workspace).href;
  const run: SarifRun = {
    tool: { driver: { name: "jikimi", version: VERSION, semanticVersion: VERSION, rules } },
    originalUriBaseIds: { [WORKSPACE_BASE]: { uri: href.endsWith("/") ? href : `${href}/` } },
    columnKind: "utf16CodeUnits",
    results,
  };
  if (properties) run.properties = properties;
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}
