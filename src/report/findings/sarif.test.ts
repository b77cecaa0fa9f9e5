import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  checkResult,
  crossBorder,
  missingRetention,
  unkeyedHash,
  unknownTransformIssue,
  WORKSPACE,
  yamlSyntaxIssue,
} from "../../../test/support/findings.js";
import { SARIF_SCHEMA, validateSarif } from "../../../test/support/sarif.js";
import type { LoadIssue } from "../../model/issues.js";
import { ARTICLES } from "../../policy/articles.js";
import type { Finding } from "../../policy/finding.js";
import type { Rule } from "../../policy/rule.js";
import { VERSION } from "../../version.js";
import type { CheckResult } from "./check-result.js";
import { renderLoadIssuesSarif, renderSarif } from "./sarif.js";
import type { SarifLog } from "./sarif-log.js";

const validate = validateSarif;

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const rule = (code: string, severity: Rule["severity"], title: string, articles: Rule["articles"]): Rule => ({
  code,
  title,
  severity,
  articles,
  description: `${title}: checked on every agreement, because the cited articles require it.`,
  run: () => [],
});

const RULES: Rule[] = [
  rule("unkeyed_hash", "error", "Unkeyed hash of an identifier", [
    ARTICLES.pipa29,
    ARTICLES.gdpr32,
    ARTICLES.hashing,
  ]),
  rule("cross_border_without_basis", "error", "Cross-border transfer without a basis", [
    ARTICLES.pipa28_8,
    ARTICLES.gdpr44,
  ]),
  rule("credit_consent", "error", "Credit information provided without consent", [
    ARTICLES.cia32,
    ARTICLES.cia20,
  ]),
  rule("missing_retention", "gap", "No retention period", [ARTICLES.pipa21, ARTICLES.gdpr5e]),
];

const findings: Finding[] = [
  unkeyedHash,
  missingRetention,
  // an absolute file name with a space in it, and a message that already ends in a full stop
  { ...crossBorder, file: `${WORKSPACE}/agreements/ad partner.yaml`, message: `${crossBorder.message}.` },
  {
    code: "undeclared_field",
    severity: "error",
    title: "Field released but not declared",
    file: "agreements/credit-feed.yaml",
    line: 31,
    column: 7,
    path: "fields.birth_date",
    subject: { kind: "dataset", id: "customers" },
    articles: [ARTICLES.pipa16, ARTICLES.gdpr5c],
    message: '"birth_date" is released but the dataset does not declare it',
    fix: "declare the field in datasets/customers.yaml or drop it",
    trace: [],
  },
];

const result = checkResult(findings, 3);
const render = (r: CheckResult = result): SarifLog => JSON.parse(renderSarif(r, RULES));

describe("renderSarif", () => {
  it("validates against the official SARIF 2.1.0 schema", () => {
    expect(SARIF_SCHEMA.$schema).toBe("http://json-schema.org/draft-04/schema#");
    expect(JSON.stringify(SARIF_SCHEMA)).not.toMatch(/exclusiveM(in|ax)imum/);
    expectValid(render());
    expectValid(render({ ...result, findings: [] }));
  });

  it("fails validation when the log is broken, so the schema check can fail", () => {
    const fatal = render();
    const first = fatal.runs[0]?.results[0] as unknown as { level: string };
    first.level = "fatal";
    expect(validate(fatal)).toBe(false);
    const { version: _, ...noVersion } = render();
    expect(validate(noVersion)).toBe(false);
    const noLine = render();
    const region = noLine.runs[0]?.results[0]?.locations[0]?.physicalLocation.region as { startLine: number };
    region.startLine = 0;
    expect(validate(noLine)).toBe(false);
  });

  it("describes the tool and every rule", () => {
    const log = render();
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]?.tool.driver;
    expect(driver).toMatchObject({ name: "jikimi", version: VERSION });
    expect(driver).not.toHaveProperty("informationUri");
    expect(driver?.rules.map((r) => r.id)).toEqual([
      "unkeyed_hash",
      "cross_border_without_basis",
      "credit_consent",
      "missing_retention",
      "undeclared_field",
    ]);
    expect(driver?.rules[0]).toEqual({
      id: "unkeyed_hash",
      name: "UnkeyedHash",
      shortDescription: { text: "Unkeyed hash of an identifier" },
      fullDescription: { text: RULES[0]?.description },
      defaultConfiguration: { level: "error" },
      help: {
        text: [
          "Articles:",
          "- PIPA Art. 29: technical safeguards, including encryption of identifiers",
          "- GDPR Art. 32(1)(a): pseudonymisation and encryption as security measures",
          "- Guidance EDPB Guidelines 01/2025; ENISA 2019; AEPD/EDPS 2019: an unkeyed hash of a low-entropy identifier is reversible",
        ].join("\n"),
      },
      properties: { tags: ["PIPA", "GDPR", "Guidance"] },
    });
    expect(driver?.rules[2]?.properties.tags).toEqual(["CIA"]);
    expect(driver?.rules[3]?.defaultConfiguration.level).toBe("note");
    expect(driver?.rules[3]?.name).toBe("MissingRetention");
  });

  it("points every result at its rule by ruleIndex, sorted by file and line", () => {
    const run = render().runs[0];
    const rules = run?.tool.driver.rules ?? [];
    const results = run?.results ?? [];
    expect(results.map((r) => `${r.ruleId}@${r.locations[0]?.physicalLocation.region.startLine}`)).toEqual([
      "cross_border_without_basis@22",
      "missing_retention@3",
      "unkeyed_hash@14",
      "undeclared_field@31",
    ]);
    for (const r of results) expect(rules[r.ruleIndex]?.id).toBe(r.ruleId);
    expect(results.map((r) => r.ruleIndex)).toEqual([1, 3, 0, 4]);
    expect(results.map((r) => r.level)).toEqual(["warning", "note", "error", "error"]);
  });

  it("writes message, fix, location and legal properties for each result", () => {
    const run = render().runs[0];
    const hash = run?.results.find((r) => r.ruleId === "unkeyed_hash");
    expect(hash).toEqual({
      ruleId: "unkeyed_hash",
      ruleIndex: 0,
      level: "error",
      message: {
        text: 'identifier "phone" leaves as sha256 without a key. Fix: use { transform: pseudonym } with a key the recipient never holds.',
      },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "agreements/credit-feed.yaml", uriBaseId: "WORKSPACE" },
            region: { startLine: 14, startColumn: 5 },
          },
        },
      ],
      properties: {
        articles: [
          "PIPA Art. 29",
          "GDPR Art. 32(1)(a)",
          "Guidance EDPB Guidelines 01/2025; ENISA 2019; AEPD/EDPS 2019",
        ],
        trace: ["transform sha256", "exposure unkeyed_digest"],
        subject: { kind: "agreement", id: "credit-feed" },
        path: "fields.phone",
      },
    });
    const cross = run?.results[0];
    expect(cross?.message.text).toBe(
      'recipient "adtech-sg" is in SG and no transfer basis is declared. Fix: declare transfer_basis (consent, contract or certification).',
    );
    // absolute file names become workspace-relative, URI-encoded
    expect(cross?.locations[0]?.physicalLocation.artifactLocation.uri).toBe("agreements/ad%20partner.yaml");
  });

  it("sets the WORKSPACE base to the workspace folder's file URL with a trailing slash", () => {
    const run = render().runs[0];
    expect(run?.originalUriBaseIds.WORKSPACE.uri).toBe(`${pathToFileURL(WORKSPACE).href}/`);
    expect(run?.originalUriBaseIds.WORKSPACE.uri.endsWith("ws/")).toBe(true);
    expect(run?.properties).toEqual({ at: "2024-05-31", agreements: 3 });
  });
});

describe("renderLoadIssuesSarif", () => {
  const issues: LoadIssue[] = [
    unknownTransformIssue,
    yamlSyntaxIssue,
    {
      file: "recipients/adtech-sg.yaml",
      line: 2,
      column: 1,
      code: "unknown_transform",
      path: "fields.email.transform",
      message: 'unknown transform "md6"',
      hint: "",
    },
  ];

  it("validates against the SARIF schema, one error rule per issue code", () => {
    const log: SarifLog = JSON.parse(renderLoadIssuesSarif(issues, WORKSPACE));
    expectValid(log);
    const run = log.runs[0];
    expect(run?.tool.driver.rules.map((r) => [r.id, r.name, r.defaultConfiguration.level])).toEqual([
      ["yaml_syntax", "YamlSyntax", "error"],
      ["unknown_transform", "UnknownTransform", "error"],
    ]);
    for (const r of run?.results ?? []) {
      expect(r.level).toBe("error");
      expect(run?.tool.driver.rules[r.ruleIndex]?.id).toBe(r.ruleId);
    }
    expect(run?.results.map((r) => r.locations[0]?.physicalLocation)).toEqual([
      {
        artifactLocation: { uri: "agreements/ad-partner.yaml", uriBaseId: "WORKSPACE" },
        region: { startLine: 3, startColumn: 7 },
      },
      {
        artifactLocation: { uri: "agreements/credit-feed.yaml", uriBaseId: "WORKSPACE" },
        region: { startLine: 9, startColumn: 12 },
      },
      {
        artifactLocation: { uri: "recipients/adtech-sg.yaml", uriBaseId: "WORKSPACE" },
        region: { startLine: 2, startColumn: 1 },
      },
    ]);
    expect(run?.results[1]?.message.text).toBe(
      'unknown transform "sha257". Fix: use one of: drop, clear, pseudonym, sha256, truncate.',
    );
    expect(run?.results[2]?.message.text).toBe('unknown transform "md6".');
  });
});
