import { describe, expect, it } from "vitest";
import { agreement, baseFiles, type Files, mustLoad } from "../../../test/support/workspace.js";
import { withLanguage } from "../../i18n/index.js";
import { ARTICLES } from "../articles.js";
import { checkWorkspace } from "../check.js";
import type { Finding } from "../finding.js";

const AT = "2024-05-31";
const run = (files: Files): Finding[] => checkWorkspace(mustLoad(files), { at: AT });
const only = (files: Files, code: string) => run(files).filter((f) => f.code === code);
const codes = (files: Files) => run(files).map((f) => f.code);
const refs = (f: Finding | undefined) => f?.articles.map((a) => `${a.law} ${a.ref}`) ?? [];
const bend = (...changes: ((f: Files) => void)[]): Files => {
  const f = baseFiles();
  for (const change of changes) change(f);
  return f;
};
const basis = (name: string) => (x: Files) => {
  agreement(x).legal_basis = name;
  delete agreement(x).consent;
};
const benefits =
  (...who: string[]) =>
  (x: Files) => {
    (x.purposes[0] as { benefits: string[] }).benefits = who;
  };
const jurisdictions =
  (...js: string[]) =>
  (x: Files) => {
    (x.config.controller as { jurisdictions: string[] }).jurisdictions = js;
  };
const role = (r: string) => (x: Files) => {
  (x.recipients[0] as { role: string }).role = r;
};
const noCredit = (x: Files) => {
  (x.config.controller as { credit_information_provider: boolean }).credit_information_provider = false;
};

describe("legal_basis_mismatch: contract necessity under PIPA", () => {
  it("carries no provision to a third party, even for the subject's contract: cites PIPA Art. 15(1)4, 17(1), 17(1)2 and CIA Art. 32", () => {
    const f = bend(basis("contract_necessity"), benefits("controller", "subject"));
    const [hit, ...rest] = only(f, "legal_basis_mismatch");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: "error", path: "legal_basis", file: "agreements/feed.yaml" });
    expect(hit?.message).toBe(
      'recipient "partner" is declared third party and receives the data for its own ends: a provision to a third party, which the basis "contract_necessity" cannot carry under PIPA',
    );
    expect(hit?.trace).toContain("recipient role third_party");
    expect(refs(hit)).toEqual(["PIPA Art. 15(1)4", "PIPA Art. 17(1)", "PIPA Art. 17(1)2", "CIA Art. 32(1)"]);
    // the credit data still needs its own consent: CIA Art. 32(6)2 exempts contract performance only by entrustment
    expect(only(f, "credit_consent_required")).toMatchObject([{ severity: "error", path: "legal_basis" }]);
  });
  it("reports the provision once, not the purpose beside it, and cites no CIA article without credit data", () => {
    const f = bend(basis("contract_necessity"), noCredit);
    expect(only(f, "legal_basis_mismatch")).toMatchObject([{ path: "legal_basis" }]);
    expect(refs(only(f, "legal_basis_mismatch")[0])).toEqual([
      "PIPA Art. 15(1)4",
      "PIPA Art. 17(1)",
      "PIPA Art. 17(1)2",
    ]);
    expect(codes(f)).not.toContain("credit_consent_required");
  });
  it("judges a joint controller as a third party", () => {
    const f = bend(basis("contract_necessity"), benefits("subject"), role("joint_controller"));
    expect(only(f, "legal_basis_mismatch")).toMatchObject([{ severity: "error", path: "legal_basis" }]);
  });
  it("carries processing by an entrustee for the subject's contract: no finding", () => {
    const f = bend(basis("contract_necessity"), benefits("controller", "subject"), role("entrustee"));
    expect(codes(f)).not.toContain("legal_basis_mismatch");
    expect(codes(f)).not.toContain("credit_consent_required");
  });
  it("fails for an entrustee when the purpose serves the recipient, citing the contract articles and CIA Art. 32", () => {
    const [hit, ...rest] = only(bend(basis("contract_necessity"), role("entrustee")), "legal_basis_mismatch");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: "error", path: "purposes[0]", file: "agreements/feed.yaml" });
    expect(hit?.message).toMatch(/serves the recipient's own ends/);
    expect(refs(hit)).toEqual(["PIPA Art. 15(1)4", "PIPA Art. 17(1)", "PIPA Art. 17(1)2", "CIA Art. 32(1)"]);
  });
  it("fails for an entrustee when the purpose serves only the controller: no contract with the subject needs it", () => {
    const f = bend(basis("contract_necessity"), benefits("controller"), role("entrustee"));
    expect(only(f, "legal_basis_mismatch")).toMatchObject([
      { severity: "error", path: "purposes[0]", message: expect.stringMatching(/not the data subject/) },
    ]);
  });
});

describe("legal_basis_mismatch: contract necessity under GDPR", () => {
  it("passes a third party when the purpose serves the subject's contract (Art. 6(1)(b) allows it)", () => {
    const f = bend(
      basis("contract_necessity"),
      benefits("controller", "subject"),
      jurisdictions("EU"),
      noCredit,
    );
    expect(codes(f)).not.toContain("legal_basis_mismatch");
  });
  it("cites GDPR Art. 6(1)(b) when the purpose serves the recipient", () => {
    const f = bend(basis("contract_necessity"), jurisdictions("EU"), noCredit);
    const [hit, ...rest] = only(f, "legal_basis_mismatch");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ path: "purposes[0]" });
    expect(refs(hit)).toEqual(["GDPR Art. 6(1)(b)"]);
  });
  it("under both laws, reports the PIPA provision and judges the purpose under GDPR alone", () => {
    const f = bend(basis("contract_necessity"), jurisdictions("KR", "EU"), noCredit);
    const hits = only(f, "legal_basis_mismatch");
    expect(hits.map((h) => [h.path, refs(h)])).toEqual([
      ["legal_basis", ["PIPA Art. 15(1)4", "PIPA Art. 17(1)", "PIPA Art. 17(1)2"]],
      ["purposes[0]", ["GDPR Art. 6(1)(b)"]],
    ]);
    expect(hits[1]?.message).toMatch(/cannot carry under GDPR$/);
    const subject = bend(
      basis("contract_necessity"),
      benefits("subject"),
      jurisdictions("KR", "EU"),
      noCredit,
    );
    expect(only(subject, "legal_basis_mismatch")).toMatchObject([{ path: "legal_basis" }]);
  });
});

describe("legal_basis_mismatch: legitimate interest", () => {
  it("fails under PIPA when the purpose serves the recipient, and the credit data still needs consent", () => {
    const f = bend(basis("legitimate_interest"));
    const [hit] = only(f, "legal_basis_mismatch");
    expect(hit).toMatchObject({ severity: "error", path: "purposes[0]" });
    expect(refs(hit)).toEqual(["PIPA Art. 15(1)6", "PIPA Art. 17(1)2", "CIA Art. 32(1)"]);
    expect(only(f, "credit_consent_required")).toMatchObject([{ severity: "error", path: "legal_basis" }]);
  });
  it("passes for the controller's own interest when no credit data goes", () => {
    const f = bend(basis("legitimate_interest"), benefits("controller"), noCredit);
    expect(codes(f)).not.toContain("legal_basis_mismatch");
    expect(codes(f)).not.toContain("credit_consent_required");
  });
  it("is a gap for a GDPR-only controller: the balancing test is not declared", () => {
    const f = bend(basis("legitimate_interest"), jurisdictions("EU"), noCredit);
    const [hit, ...rest] = only(f, "legal_basis_mismatch");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: "gap", path: "purposes[0]" });
    expect(refs(hit)).toEqual(["GDPR Art. 6(1)(f)"]);
  });
  it("is an error when PIPA applies too", () => {
    const f = bend(basis("legitimate_interest"), jurisdictions("KR", "EU"), noCredit);
    expect(only(f, "legal_basis_mismatch")).toMatchObject([{ severity: "error" }]);
  });
});

describe("legal_basis_mismatch: consent to an entrustee", () => {
  it("fails a consent-based provision to a recipient declared an entrustee", () => {
    const f = bend(role("entrustee"));
    const [hit, ...rest] = only(f, "legal_basis_mismatch");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: "error", path: "recipient", file: "agreements/feed.yaml" });
    expect(hit?.message).toMatch(/entrustee.*Art. 26.*Art. 17/);
    expect(refs(hit)).toEqual(["PIPA Art. 17(1)", "PIPA Art. 26(1)", "CIA Art. 17"]);
  });
  it("passes the same provision to a recipient declared a third party or a joint controller", () => {
    expect(codes(baseFiles())).not.toContain("legal_basis_mismatch");
    expect(codes(bend(role("joint_controller")))).not.toContain("legal_basis_mismatch");
  });
});

describe("credit_consent_required without the facts", () => {
  const uncategorised = (x: Files) => {
    const ds = x.datasets[0] as { fields: Record<string, { categories?: string[] }> };
    for (const f of Object.values(ds.fields)) delete f.categories;
    (x.purposes[0] as { needs: string[] }).needs = ["user"];
  };
  it("is a gap when no released field says whether it is credit information", () => {
    const f = bend(basis("legitimate_interest"), benefits("controller"), uncategorised);
    expect(only(f, "credit_consent_required")).toMatchObject([{ severity: "gap", path: "legal_basis" }]);
  });
  it("is nothing with consent, and nothing when the controller is no credit provider", () => {
    expect(codes(bend(uncategorised))).not.toContain("credit_consent_required");
    const f = bend(basis("legitimate_interest"), benefits("controller"), uncategorised, noCredit);
    expect(codes(f)).not.toContain("credit_consent_required");
  });
});

describe("cross_border_without_basis: contract necessity", () => {
  const abroad = (x: Files) => {
    (x.recipients[0] as { country: string }).country = "SG";
    agreement(x).cross_border = { basis: "contract_necessity", disclosed: true };
  };
  it("covers entrusted processing only (PIPA Art. 28-8(1)3): a third party abroad fails, whatever the purpose", () => {
    const f = bend(basis("contract_necessity"), abroad, benefits("subject"));
    const [hit, ...rest] = only(f, "cross_border_without_basis");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: "error", path: "cross_border.basis" });
    expect(hit?.message).toMatch(
      /covers only the entrusted processing and storage .* recipient "partner" is declared third party/,
    );
    expect(refs(hit)).toEqual(["PIPA Art. 28-8(1)"]);
  });
  it("fails an entrustee when the transfer serves the recipient, and passes it for the subject's contract", () => {
    const f = bend(basis("contract_necessity"), abroad, role("entrustee"));
    expect(only(f, "cross_border_without_basis")[0]?.message).toMatch(/purpose scoring serves the recipient/);
    const ok = bend(basis("contract_necessity"), abroad, role("entrustee"), benefits("subject"));
    expect(codes(ok)).not.toContain("cross_border_without_basis");
  });
  it("judges the GDPR contract derogation by the purpose, not the role", () => {
    const eu = (x: Files) => {
      abroad(x);
      (agreement(x).cross_border as Record<string, unknown>).gdpr_mechanism = "derogation_contract";
    };
    const f = bend(basis("contract_necessity"), eu, jurisdictions("EU"), noCredit);
    expect(only(f, "cross_border_without_basis")).toMatchObject([{ path: "cross_border.gdpr_mechanism" }]);
    const ok = bend(basis("contract_necessity"), eu, jurisdictions("EU"), noCredit, benefits("subject"));
    expect(codes(ok)).not.toContain("cross_border_without_basis");
  });
});

describe("the basis taxonomy", () => {
  it("names only articles policy/articles.ts knows", () => {
    for (const b of mustLoad(baseFiles()).taxonomy.bases.values())
      for (const id of b.articles ?? []) expect(Object.hasOwn(ARTICLES, id), `${b.key}: ${id}`).toBe(true);
  });
  it("lets a workspace's rules ask contract necessity whether it carries a provision, per law area", () => {
    const cn = mustLoad(baseFiles()).taxonomy.bases.get("contract_necessity");
    expect(cn).toMatchObject({ provision_refused: ["KR"], exempts_consent: false, serves_subject: true });
    expect(cn?.articles).toContain("pipa17_2");
  });
});

describe("legal_basis_mismatch in Korean", () => {
  it("cites the articles in Korean and names the parties the purpose serves", () => {
    const hits = withLanguage("ko", () =>
      only(
        bend(basis("contract_necessity"), benefits("controller"), role("entrustee")),
        "legal_basis_mismatch",
      ).map((f) => ({ message: f.message, citations: f.articles.map((a) => a.citation) })),
    );
    expect(hits).toEqual([
      {
        message:
          '"scoring" 목적의 수혜자는 정보주체가 아니라 개인정보처리자입니다. 정보주체와의 계약에 이 제공이 필요하지 않습니다',
        citations: [
          "개인정보 보호법 제15조제1항제4호",
          "개인정보 보호법 제17조제1항",
          "개인정보 보호법 제17조제1항제2호",
          "신용정보법 제32조제1항",
        ],
      },
    ]);
  });
  it("says in Korean why contract necessity carries no provision to a third party", () => {
    const hits = withLanguage("ko", () =>
      only(bend(basis("contract_necessity"), benefits("subject")), "legal_basis_mismatch").map((f) => ({
        message: f.message,
        fix: f.fix,
        trace: f.trace,
        citations: f.articles.map((a) => a.citation),
      })),
    );
    expect(hits).toEqual([
      {
        message:
          '"partner" 수령자는 제3자 역할로 선언되어 정보를 자신의 목적으로 받으므로 제3자 제공에 해당합니다. 개인정보 보호법상 "contract_necessity" 근거로는 제3자 제공을 할 수 없습니다',
        fix: "정보주체의 별도 동의(고지 사항 포함)를 근거로 제공하세요. 수령자가 위탁받은 업무만 처리한다면 entrustee로 선언하고, 문서로 된 위탁 계약을 갖춘 처리위탁(entrustment)을 근거로 하며 위탁 사실을 공개하세요",
        trace: [
          "법적 근거(legal_basis) contract_necessity",
          "수령자 역할 third_party",
          "적용 법역: KR",
          "contract_necessity 근거로는 KR에서 제3자 제공을 할 수 없음",
        ],
        citations: [
          "개인정보 보호법 제15조제1항제4호",
          "개인정보 보호법 제17조제1항",
          "개인정보 보호법 제17조제1항제2호",
          "신용정보법 제32조제1항",
        ],
      },
    ]);
    const reason = withLanguage("ko", () =>
      only(
        bend(basis("contract_necessity"), benefits("subject"), (x) => {
          (x.recipients[0] as { country: string }).country = "SG";
          agreement(x).cross_border = { basis: "contract_necessity", disclosed: true };
        }),
        "cross_border_without_basis",
      ).map((f) => f.message),
    );
    expect(reason).toEqual([
      '개인정보가 KR에서 국외(SG)로 이전되지만, 계약 체결·이행상의 필요(제28조의8제1항제3호)는 정보주체와의 계약에 필요한 처리위탁·보관에만 근거가 되는데, "partner" 수령자는 제3자 역할로 선언되어 정보를 자신의 목적으로 받습니다. 국외 제공에는 별도 동의(제28조의8제1항제1호), 인증을 받은 수령자 또는 보호수준이 인정된 국가가 필요합니다',
    ]);
  });
});
