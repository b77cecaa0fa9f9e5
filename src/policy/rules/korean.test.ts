import { describe, expect, it } from "vitest";
import { agreement, baseFiles, type Files, mustLoad } from "../../../test/support/workspace.js";
import { withLanguage } from "../../i18n/index.js";
import { checkWorkspace } from "../check.js";
import type { Finding } from "../finding.js";
import { RULES } from "./index.js";

const AT = "2024-05-31";
const HANGUL = /[가-힣]/;

/** A finding read in one language: every human text, and the citations (rendered when read). */
interface Read {
  code: string;
  severity: Finding["severity"];
  path: string;
  title: string;
  message: string;
  fix: string;
  trace: string[];
  ids: string[];
  citations: string[];
}

const read = (language: "ko" | "en", files: Files, code: string, at = AT): Read[] =>
  withLanguage(language, () =>
    checkWorkspace(mustLoad(files), { at })
      .filter((f) => f.code === code)
      .map((f) => ({
        code: f.code,
        severity: f.severity,
        path: f.path,
        title: f.title,
        message: f.message,
        fix: f.fix,
        trace: f.trace,
        ids: f.articles.map((a) => a.id),
        citations: f.articles.map((a) => a.citation),
      })),
  );

const bend = (change: (f: Files) => void): Files => {
  const f = baseFiles();
  change(f);
  return f;
};
const fields = (f: Files) => agreement(f).fields as Record<string, unknown>;

interface Case {
  code: string;
  files: Files;
  at?: string;
  /** the finding to look at when the rule reports several */
  path?: string;
  title: string;
  message: RegExp;
  fix: RegExp;
  citation: string;
}

const CASES: Case[] = [
  {
    code: "unkeyed_hash",
    files: bend((x) => {
      fields(x).phone = { transform: "hash", algorithm: "sha256" };
      (x.purposes[0] as { needs: string[] }).needs.push("user.contact.phone");
    }),
    title: "식별자를 키 없는 해시로 제공",
    message: /^"phone" 항목\(직접 식별자\)이 키 없는 sha256 해시로 제공됩니다/,
    fix: /HMAC 변환을 쓰거나 이 항목을 빼세요: \{ transform: pseudonym, normalize: phone_kr \}$/,
    citation: "개인정보 보호법 제29조",
  },
  {
    code: "identifier_in_clear",
    files: bend((x) => {
      fields(x).customer_id = "keep";
    }),
    title: "직접 식별자를 평문으로 제공",
    message: /^직접 식별자 "customer_id" 항목이 Partner Co., Ltd.\(제3자\)에게 평문으로 제공됩니다$/,
    fix: /\{ transform: pseudonym \}을 쓰세요/,
    citation: "개인정보 보호법 제17조제1항",
  },
  {
    code: "cross_border_without_basis",
    files: bend((x) => {
      (x.recipients[0] as { country: string }).country = "SG";
      agreement(x).cross_border = { basis: "certification" };
    }),
    title: "유효한 근거 없는 국외 이전",
    message:
      /^개인정보가 KR에서 국외\(SG\)로 이전되지만, 근거는 인증인데 수령자에게 보호위원회 인증이 없습니다$/,
    fix: /cross_border를 선언하세요/,
    citation: "개인정보 보호법 제28조의8제1항",
  },
  {
    code: "entrustment_test_failed",
    files: bend((x) => {
      agreement(x).legal_basis = "entrustment";
      delete agreement(x).consent;
    }),
    path: "purposes[0]",
    title: "처리위탁의 요건을 갖추지 못함",
    message: /^"scoring" 목적은 수령자 자신에게 이익이 되므로, 처리위탁이 아니라 제3자 제공입니다$/,
    fix: /legal_basis를 consent\(고지 포함\)로 바꾸거나/,
    citation: "개인정보 보호법 제26조제5항",
  },
  {
    code: "legal_basis_mismatch",
    files: bend((x) => {
      agreement(x).legal_basis = "legitimate_interest";
      delete agreement(x).consent;
    }),
    title: "제공에 맞지 않는 법적 근거",
    message:
      /^"scoring" 목적은 수령자 자신의 이익을 위한 것이어서, 개인정보 보호법상 "legitimate_interest" 근거로는 제공할 수 없습니다$/,
    fix: /정보주체의 별도 동의\(고지 포함\)를 근거로 제공하거나/,
    citation: "개인정보 보호법 제17조제1항제2호",
  },
  {
    code: "credit_consent_required",
    files: bend((x) => {
      agreement(x).legal_basis = "legitimate_interest";
      delete agreement(x).consent;
    }),
    title: "동의 없는 개인신용정보 제공",
    message: /신용정보법 제32조가 요구하는 동의를 대신하지 못합니다$/,
    fix: /제32조제6항의 예외에 근거하세요$/,
    citation: "신용정보법 제32조제1항",
  },
  {
    code: "consent_notice_incomplete",
    files: bend((x) => {
      (agreement(x).consent as { notice: string[] }).notice = ["recipient", "purpose"];
    }),
    title: "법정 고지 사항을 갖추지 않은 동의",
    message:
      /^동의 고지에 다음 사항이 빠져 있습니다: 제공 항목\(items\), 보유·이용 기간\(retention\), 동의 거부 권리와 불이익\(right_to_refuse\)$/,
    fix: /consent.notice에 다음을 나열하세요: items, retention, right_to_refuse$/,
    citation: "개인정보 보호법 제17조제2항",
  },
  {
    code: "unscoped_population",
    files: bend((x) => {
      delete agreement(x).scope;
    }),
    title: "일부 정보주체에게만 필요한 목적에 전체를 제공",
    message:
      /^scoring 목적은 일부 정보주체\(linked customers\)에게만 필요한데, .*모든 정보주체가 제공됩니다$/,
    fix: /where에 다음 조건을 쓰세요: linked$/,
    citation: "개인정보 보호법 제3조제1항",
  },
  {
    code: "linkable_join_key",
    files: bend((x) => {
      fields(x).customer_id = "keep";
      x.agreements.push({
        ...structuredClone(agreement(x)),
        id: "feed2",
        fields: { customer_id: "keep", balance: "keep" },
      });
    }),
    title: "같은 수령자에게 가는 두 제공이 결합 키를 공유",
    message:
      /평문이나 키 없는 해시처럼 누구나 대조할 수 있는 형태의 user\.unique_id\.account.*수령자가 두 제공을 결합할 수 있습니다$/,
    fix: /제공마다 다른 키를 쓰세요$/,
    citation: "개인정보 보호법 제18조",
  },
  {
    code: "unneeded_category",
    files: bend((x) => {
      fields(x).email = { transform: "pseudonym" };
    }),
    title: "목적에 필요 없는 정보",
    message:
      /^"email" 항목에 제공 계약의 어느 목적\(scoring\)에도 필요 없는 분류가 있습니다: user\.contact\.email$/,
    fix: /목적의 needs에 추가하세요$/,
    citation: "GDPR 제5조제1항(c)",
  },
  {
    code: "pseudonymised_with_identifiers",
    files: bend((x) => {
      agreement(x).legal_basis = "pseudonymised_research";
      delete agreement(x).consent;
      (x.purposes[0] as { use: string }).use = "research";
      fields(x).customer_id = { transform: "mask", keep_end: 4 };
    }),
    title: "가명처리했다는 제공이 여전히 개인을 식별함",
    message: /^직접 식별자 "customer_id" 항목이 가명정보 근거의 제공에서 mask 변환으로 나갑니다$/,
    fix: /수령자가 갖지 않는 키로 \{ transform: pseudonym \}을 쓰세요$/,
    citation: "개인정보 보호법 제28조의2",
  },
  {
    code: "missing_retention",
    files: bend((x) => {
      delete agreement(x).retention;
    }),
    title: "수령자의 보유 기간 없음",
    message: /^"feed" 제공 계약에 partner의 보유 기간이 정해져 있지 않습니다$/,
    fix: /retention: \{ period: 1y, disposal: delete \}를 추가하세요$/,
    citation: "개인정보 보호법 제21조",
  },
  {
    code: "agreement_expired",
    files: baseFiles(),
    at: "2030-01-01",
    title: "유효기간 밖의 제공 계약",
    message: /^"feed" 제공 계약은 2030-01-01에 끝났습니다\(2030-01-01 기준 점검\)$/,
    fix: /제공 계약을 갱신하거나/,
    citation: "개인정보 보호법 제18조",
  },
  {
    code: "agreement_not_yet_valid",
    files: baseFiles(),
    at: "2019-12-31",
    title: "유효기간 밖의 제공 계약",
    message: /^"feed" 제공 계약은 2020-01-01에 시작합니다\(2019-12-31 기준 점검\)$/,
    fix: /share는 이 제공 계약을 실행하지 않습니다$/,
    citation: "GDPR 제6조제1항",
  },
  {
    code: "undeclared_field",
    files: bend((x) => {
      (x.datasets[0] as { fields: Record<string, unknown> }).fields.note = { type: "string" };
      fields(x).note = "keep";
    }),
    title: "데이터 분류가 선언되지 않은 제공 항목",
    message:
      /^"note" 항목이 제공되는데 데이터셋 "customers"에 이 항목의 데이터 분류가 선언되어 있지 않습니다$/,
    fix: /categories를 추가하거나/,
    citation: "신용정보법 제20조제2항",
  },
  {
    code: "missing_volume_limits",
    files: bend((x) => {
      delete agreement(x).volume;
    }),
    title: "제공 규모 한도 없음",
    message: /^"feed" 제공 계약에 max_subjects와 max_growth가 모두 없습니다$/,
    fix: /^다음을 추가하세요: volume:/,
    citation: "GDPR 제25조",
  },
];

describe("every rule's finding in Korean", () => {
  it("covers every rule", () => {
    const codes = new Set(CASES.map((c) => c.code));
    for (const rule of RULES) expect(codes.has(rule.code), rule.code).toBe(true);
  });

  for (const c of CASES)
    it(`${c.code}: Korean title, message, fix and citations; codes and places as in English`, () => {
      const ko = read("ko", c.files, c.code, c.at);
      const en = read("en", c.files, c.code, c.at);
      expect(ko.length).toBeGreaterThan(0);
      const first = c.path === undefined ? ko[0] : ko.find((f) => f.path === c.path);
      expect(first?.title).toBe(c.title);
      expect(first?.message).toMatch(c.message);
      expect(first?.fix).toMatch(c.fix);
      expect(first?.citations).toContain(c.citation);
      for (const f of ko) {
        for (const text of [f.title, f.message, f.fix]) expect(text).toMatch(HANGUL);
        // English never leaks into the Korean sentences (codes, names and values aside)
        expect(f.message).not.toMatch(/\b(the|is|are|which|but)\b/);
        expect(f.fix).not.toMatch(/\b(the|or|and|add|use)\b/);
      }
      // the same findings, the same codes, places and articles; only the words differ
      expect(ko.map(({ code, severity, path, ids }) => ({ code, severity, path, ids }))).toEqual(
        en.map(({ code, severity, path, ids }) => ({ code, severity, path, ids })),
      );
      expect(en[0]?.title).not.toMatch(HANGUL);
      expect(en[0]?.message).not.toMatch(HANGUL);
      expect(en[0]?.citations.every((x) => !HANGUL.test(x))).toBe(true);
    });

  it("describes every rule in Korean, and in English outside withLanguage", () => {
    withLanguage("ko", () => {
      for (const rule of RULES) {
        expect(rule.title, rule.code).toMatch(HANGUL);
        expect(rule.description, rule.code).toMatch(HANGUL);
      }
    });
    for (const rule of RULES) expect(rule.title, rule.code).not.toMatch(HANGUL);
  });
});
