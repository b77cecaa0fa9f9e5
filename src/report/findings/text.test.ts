import { describe, expect, it } from "vitest";
import {
  checkResult,
  crossBorder,
  missingRetention,
  unkeyedHash,
  unknownTransformIssue,
  yamlSyntaxIssue,
} from "../../../test/support/findings.js";
import type { LoadIssue } from "../../model/issues.js";
import type { CheckResult } from "./check-result.js";
import { renderLoadIssuesText, renderText } from "./text.js";

const ESC = "\u001b[";
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

describe("renderText", () => {
  it("groups by file and orders each file by line", () => {
    const out = renderText(checkResult([unkeyedHash, crossBorder, missingRetention], 2), {
      color: false,
      workspace: "/srv/jikimi/ws",
    });
    expect(out).toBe(
      [
        "agreements/ad-partner.yaml",
        "  22:3  warning  cross_border_without_basis  Cross-border transfer without a basis",
        '        recipient "adtech-sg" is in SG and no transfer basis is declared',
        "        fix: declare transfer_basis (consent, contract or certification)",
        "        law: PIPA Art. 28-8(1); GDPR Art. 44-46, 49",
        "",
        "agreements/credit-feed.yaml",
        "  3:1   gap      missing_retention  No retention period",
        "        the agreement does not say how long the recipient keeps the data",
        "        fix: add retention: { period: P3Y }",
        "        law: PIPA Art. 21; GDPR Art. 5(1)(e)",
        "  14:5  error    unkeyed_hash       Unkeyed hash of an identifier",
        '        identifier "phone" leaves as sha256 without a key',
        "        fix: use { transform: pseudonym } with a key the recipient never holds",
        "        law: PIPA Art. 29; GDPR Art. 32(1)(a); Guidance EDPB Guidelines 01/2025; ENISA 2019; AEPD/EDPS 2019",
        "",
        "1 error, 1 warning, 1 gap in 2 agreements",
        "",
      ].join("\n"),
    );
  });

  it("shows each file header once, whatever the input order", () => {
    const later = { ...unkeyedHash, line: 40, column: 7 };
    const out = renderText(checkResult([later, crossBorder, unkeyedHash], 2), {
      color: false,
      workspace: ".",
    });
    expect(out.match(/^agreements\/credit-feed\.yaml$/gm)).toHaveLength(1);
    expect(out.indexOf("14:5")).toBeLessThan(out.indexOf("40:7"));
    expect(out.indexOf("ad-partner.yaml")).toBeLessThan(out.indexOf("credit-feed.yaml"));
  });

  it("shows absolute file names relative to the workspace", () => {
    const abs = { ...unkeyedHash, file: "/srv/jikimi/ws/agreements/credit-feed.yaml" };
    const out = renderText(checkResult([abs], 2), { color: false, workspace: "/srv/jikimi/ws" });
    expect(out.split("\n")[0]).toBe("agreements/credit-feed.yaml");
  });

  it("pluralises the summary line", () => {
    const last = (r: CheckResult) =>
      renderText(r, { color: false, workspace: "." }).trimEnd().split("\n").at(-1);
    expect(last(checkResult([unkeyedHash, unkeyedHash, missingRetention], 1))).toBe(
      "2 errors, 0 warnings, 1 gap in 1 agreement",
    );
    expect(last(checkResult([crossBorder, crossBorder, missingRetention, missingRetention], 5))).toBe(
      "0 errors, 2 warnings, 2 gaps in 5 agreements",
    );
    expect(last(checkResult([], 3))).toBe("no findings in 3 agreements");
    expect(renderText(checkResult([], 1), { color: false, workspace: "." })).toBe(
      "no findings in 1 agreement\n",
    );
  });

  it("writes ANSI codes only when colour is on, and only on labels and headers", () => {
    const r = checkResult([unkeyedHash, crossBorder, missingRetention], 2);
    const plain = renderText(r, { color: false, workspace: "." });
    const coloured = renderText(r, { color: true, workspace: "." });
    expect(plain).not.toContain(ESC);
    expect(coloured).toContain(ESC);
    const lines = coloured.split("\n");
    expect(lines.find((l) => l.includes("agreements/credit-feed.yaml"))).toContain(ESC);
    expect(lines.find((l) => l.includes("unkeyed_hash"))).toMatch(new RegExp(`${ANSI.source}error`));
    expect(lines.filter((l) => l.startsWith("        ")).every((l) => !l.includes(ESC))).toBe(true);
    expect(lines.at(-2)).not.toContain(ESC);
    // colour codes are added after padding, so columns still line up once they are stripped
    expect(coloured.replace(ANSI, "")).toBe(plain);
  });
});

describe("renderLoadIssuesText", () => {
  const issues: LoadIssue[] = [unknownTransformIssue, yamlSyntaxIssue];

  it("prints file:line:col, code and message with a fix line, sorted, then a summary", () => {
    const out = renderLoadIssuesText(issues, { color: false, workspace: "/srv/jikimi/ws" });
    expect(out).toBe(
      [
        "agreements/ad-partner.yaml:3:7  yaml_syntax  bad indentation of a mapping entry",
        "  fix: indent nested keys by two spaces",
        'agreements/credit-feed.yaml:9:12  unknown_transform  unknown transform "sha257"',
        "  fix: use one of: drop, clear, pseudonym, sha256, truncate",
        "",
        "2 problems: the workspace could not be loaded",
        "",
      ].join("\n"),
    );
  });

  it("says 1 problem, skips an empty hint and colours only with colour on", () => {
    const one = [{ ...issues[0], hint: "" } as LoadIssue];
    const plain = renderLoadIssuesText(one, { color: false, workspace: "." });
    expect(plain).not.toContain("fix:");
    expect(plain).toContain("1 problem: the workspace could not be loaded");
    expect(plain).not.toContain(ESC);
    expect(renderLoadIssuesText(one, { color: true, workspace: "." })).toContain(ESC);
  });
});
