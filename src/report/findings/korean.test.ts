import { describe, expect, it } from "vitest";
import {
  checkResult,
  crossBorder,
  missingRetention,
  unkeyedHash,
  unknownTransformIssue,
  yamlSyntaxIssue,
} from "../../../test/support/findings.js";
import { validateSarif } from "../../../test/support/sarif.js";
import { withLanguage } from "../../i18n/index.js";
import { cells } from "../../i18n/width.js";
import type { Finding } from "../../policy/finding.js";
import { RULES } from "../../policy/rules/index.js";
import type { CheckResult } from "./check-result.js";
import { renderJson } from "./json.js";
import { CheckReportSchema } from "./json-schema.js";
import { renderLoadIssuesSarif, renderSarif } from "./sarif.js";
import type { SarifLog } from "./sarif-log.js";
import { renderLoadIssuesText, renderText } from "./text.js";

const ko = <T>(fn: () => T): T => withLanguage("ko", fn);

// the samples as a Korean check would have written them
const hashKo: Finding = {
  ...unkeyedHash,
  title: "식별자를 키 없는 해시로 제공",
  message: '"phone" 항목이 키 없는 sha256 해시로 제공됩니다',
  fix: "수령자가 갖지 않는 키로 { transform: pseudonym }을 쓰세요",
};
const retentionKo: Finding = {
  ...missingRetention,
  title: "수령자의 보유 기간 없음",
  message: "제공 계약에 보유 기간이 없습니다",
  fix: "retention: { period: P3Y }를 추가하세요",
};
const crossKo: Finding = {
  ...crossBorder,
  title: "유효한 근거 없는 국외 이전",
  message: "개인정보가 국외(SG)로 이전되지만 근거가 없습니다",
  fix: "cross_border를 선언하세요",
};

describe("renderText in Korean", () => {
  it("translates labels, prefixes, citations and the summary, and keeps columns aligned in cells", () => {
    const out = ko(() =>
      renderText(checkResult([hashKo, crossKo, retentionKo], 2), { color: false, workspace: "." }),
    );
    expect(out).toBe(
      [
        "agreements/ad-partner.yaml",
        "  22:3  경고       cross_border_without_basis  유효한 근거 없는 국외 이전",
        "        개인정보가 국외(SG)로 이전되지만 근거가 없습니다",
        "        조치: cross_border를 선언하세요",
        "        근거: 개인정보 보호법 제28조의8제1항; GDPR 제44조부터 제46조까지, 제49조",
        "",
        "agreements/credit-feed.yaml",
        "  3:1   판단 불가  missing_retention  수령자의 보유 기간 없음",
        "        제공 계약에 보유 기간이 없습니다",
        "        조치: retention: { period: P3Y }를 추가하세요",
        "        근거: 개인정보 보호법 제21조; GDPR 제5조제1항(e)",
        "  14:5  오류       unkeyed_hash       식별자를 키 없는 해시로 제공",
        '        "phone" 항목이 키 없는 sha256 해시로 제공됩니다',
        "        조치: 수령자가 갖지 않는 키로 { transform: pseudonym }을 쓰세요",
        "        근거: 개인정보 보호법 제29조; GDPR 제32조제1항(a); 가이드라인 EDPB 01/2025, ENISA 2019, AEPD·EDPS 2019",
        "",
        "오류 1건, 경고 1건, 판단 불가 1건 (점검한 제공 계약 2건)",
        "",
      ].join("\n"),
    );
  });

  it("starts every code and title at the same terminal cell, whatever the Hangul before it", () => {
    const hangulFile = { ...hashKo, file: "agreements/신용-피드.yaml" };
    const findings = [
      hangulFile,
      { ...hangulFile, line: 120, column: 11, severity: "gap" as const, code: "undeclared_field" },
      { ...hangulFile, line: 7, severity: "warning" as const },
    ];
    const out = ko(() => renderText(checkResult(findings, 1), { color: false, workspace: "." }));
    const lines = out.split("\n");
    expect(lines[0]).toBe("agreements/신용-피드.yaml");
    const rows = lines.filter((l) => /^ {2}\d/.test(l));
    expect(rows).toHaveLength(3);
    const codeAt = rows.map((l) => cells(l.slice(0, l.search(/(unkeyed_hash|undeclared_field)/))));
    const titleAt = rows.map((l) => cells(l.slice(0, l.indexOf("식별자를"))));
    expect(new Set(codeAt).size).toBe(1);
    expect(new Set(titleAt).size).toBe(1);
    // the label column is as wide as the widest label, "판단 불가" (9 cells)
    expect(rows.find((l) => l.includes("판단 불가"))).toMatch(/ 판단 불가 {2}undeclared_field/);
  });

  it("counts in Korean: 건 for every number, and no findings", () => {
    const last = (r: CheckResult) =>
      ko(() => renderText(r, { color: false, workspace: "." }))
        .trimEnd()
        .split("\n")
        .at(-1);
    expect(last(checkResult([hashKo, hashKo, retentionKo], 1))).toBe(
      "오류 2건, 경고 0건, 판단 불가 1건 (점검한 제공 계약 1건)",
    );
    expect(last(checkResult([], 3))).toBe("지적 사항 없음 (점검한 제공 계약 3건)");
  });

  it("renders load issues with Korean fix lines and summary", () => {
    const out = ko(() =>
      renderLoadIssuesText([unknownTransformIssue, yamlSyntaxIssue], { color: false, workspace: "." }),
    );
    expect(out).toContain("  조치: indent nested keys by two spaces");
    expect(out.trimEnd().split("\n").at(-1)).toBe("문제 2건: 워크스페이스를 불러오지 못했습니다");
    expect(out).not.toContain("fix:");
  });
});

describe("renderJson in Korean", () => {
  it("keeps codes, ids and references stable and carries Korean titles and citations", () => {
    const result = checkResult([hashKo, crossKo], 2);
    const kr = CheckReportSchema.parse(JSON.parse(ko(() => renderJson(result))));
    const en = CheckReportSchema.parse(JSON.parse(renderJson(result)));
    expect(kr.findings.map((f) => [f.code, f.severity, f.file, f.line, f.path])).toEqual(
      en.findings.map((f) => [f.code, f.severity, f.file, f.line, f.path]),
    );
    const cross = kr.findings[0];
    expect(cross?.articles.map(({ id, law, ref }) => ({ id, law, ref }))).toEqual([
      { id: "pipa28_8", law: "PIPA", ref: "Art. 28-8(1)" },
      { id: "gdpr44", law: "GDPR", ref: "Art. 44-46, 49" },
    ]);
    expect(cross?.articles.map((a) => a.citation)).toEqual([
      "개인정보 보호법 제28조의8제1항",
      "GDPR 제44조부터 제46조까지, 제49조",
    ]);
    expect(cross?.articles[0]?.title).toMatch(/^국외 이전\(제공·처리위탁·보관\)은 별도 동의/);
    expect(en.findings[0]?.articles[0]).toMatchObject({ citation: "PIPA Art. 28-8(1)" });
    expect(cross?.message).toBe(crossKo.message);
  });
});

describe("renderSarif in Korean", () => {
  it("writes Korean rule texts, help and messages; ids, levels and article codes stay stable", () => {
    const log = JSON.parse(ko(() => renderSarif(checkResult([hashKo, crossKo], 2), RULES))) as SarifLog;
    expect(validateSarif(log)).toBe(true);
    const run = log.runs[0];
    const hash = run?.tool.driver.rules.find((r) => r.id === "unkeyed_hash");
    expect(hash?.shortDescription.text).toBe("식별자를 키 없는 해시로 제공");
    expect(hash?.fullDescription?.text).toMatch(/암호화도 가명처리도 아닙니다\.$/);
    expect(hash?.help.text.split("\n").slice(0, 2)).toEqual([
      "근거 조항:",
      "- 개인정보 보호법 제29조: 안전조치의무(식별자 암호화 등 기술적 보호조치)",
    ]);
    expect(hash?.properties.tags).toEqual(["PIPA", "CIA", "GDPR", "Guidance"]);
    const result = run?.results.find((r) => r.ruleId === "unkeyed_hash");
    expect(result?.level).toBe("error");
    expect(result?.message.text).toBe(
      '"phone" 항목이 키 없는 sha256 해시로 제공됩니다. 조치: 수령자가 갖지 않는 키로 { transform: pseudonym }을 쓰세요.',
    );
    expect(result?.properties.articles).toEqual([
      "PIPA Art. 29",
      "GDPR Art. 32(1)(a)",
      "Guidance EDPB Guidelines 01/2025; ENISA 2019; AEPD/EDPS 2019",
    ]);
  });

  it("describes load failures in Korean", () => {
    const log = JSON.parse(ko(() => renderLoadIssuesSarif([yamlSyntaxIssue], "/srv/ws"))) as SarifLog;
    expect(validateSarif(log)).toBe(true);
    const rule = log.runs[0]?.tool.driver.rules[0];
    expect(rule?.shortDescription.text).toBe("워크스페이스를 불러오지 못함: yaml syntax");
    expect(rule?.help.text).toBe("메시지에 따라 해당 줄을 고친 뒤 jikimi check를 다시 실행하세요.");
    expect(log.runs[0]?.results[0]?.message.text).toBe(
      "bad indentation of a mapping entry. 조치: indent nested keys by two spaces.",
    );
  });
});
