// sample findings, load issues and check results shared by the report renderer tests (text, JSON, SARIF).
// A test that needs a variant spreads a sample: { ...unkeyedHash, line: 20 }.
import type { LoadIssue } from "../../src/model/issues.js";
import { ARTICLES } from "../../src/policy/articles.js";
import type { Finding } from "../../src/policy/finding.js";
import type { CheckResult } from "../../src/report/findings/check-result.js";

/** The workspace every sample result was checked in. */
export const WORKSPACE = "/srv/jikimi/ws";

/** An error with articles from three sources (PIPA, GDPR, guidance) and a two-step trace. */
export const unkeyedHash: Finding = {
  code: "unkeyed_hash",
  severity: "error",
  title: "Unkeyed hash of an identifier",
  file: "agreements/credit-feed.yaml",
  line: 14,
  column: 5,
  path: "fields.phone",
  subject: { kind: "agreement", id: "credit-feed" },
  articles: [ARTICLES.pipa29, ARTICLES.gdpr32, ARTICLES.hashing],
  message: 'identifier "phone" leaves as sha256 without a key',
  fix: "use { transform: pseudonym } with a key the recipient never holds",
  trace: ["transform sha256", "exposure unkeyed_digest"],
};

/** A gap in the same file as unkeyedHash, on an earlier line, with an empty trace. */
export const missingRetention: Finding = {
  code: "missing_retention",
  severity: "gap",
  title: "No retention period",
  file: "agreements/credit-feed.yaml",
  line: 3,
  column: 1,
  path: "retention",
  subject: { kind: "agreement", id: "credit-feed" },
  articles: [ARTICLES.pipa21, ARTICLES.gdpr5e],
  message: "the agreement does not say how long the recipient keeps the data",
  fix: "add retention: { period: P3Y }",
  trace: [],
};

/** A warning about a recipient, in another file that sorts before credit-feed.yaml. */
export const crossBorder: Finding = {
  code: "cross_border_without_basis",
  severity: "warning",
  title: "Cross-border transfer without a basis",
  file: "agreements/ad-partner.yaml",
  line: 22,
  column: 3,
  path: "recipient",
  subject: { kind: "recipient", id: "adtech-sg" },
  articles: [ARTICLES.pipa28_8, ARTICLES.gdpr44],
  message: 'recipient "adtech-sg" is in SG and no transfer basis is declared',
  fix: "declare transfer_basis (consent, contract or certification)",
  trace: ["country SG"],
};

/** A load issue with a path and a hint. */
export const unknownTransformIssue: LoadIssue = {
  file: "agreements/credit-feed.yaml",
  line: 9,
  column: 12,
  code: "unknown_transform",
  path: "fields.customer_id.transform",
  message: 'unknown transform "sha257"',
  hint: "use one of: drop, clear, pseudonym, sha256, truncate",
};

/** A load issue with an empty path, in a file that sorts before unknownTransformIssue's. */
export const yamlSyntaxIssue: LoadIssue = {
  file: "agreements/ad-partner.yaml",
  line: 3,
  column: 7,
  code: "yaml_syntax",
  path: "",
  message: "bad indentation of a mapping entry",
  hint: "indent nested keys by two spaces",
};

/** A check of WORKSPACE on 2024-05-31 over `agreements` agreements that found `findings`. */
export function checkResult(findings: Finding[], agreements: number): CheckResult {
  return { workspace: WORKSPACE, at: "2024-05-31", agreements, findings };
}
