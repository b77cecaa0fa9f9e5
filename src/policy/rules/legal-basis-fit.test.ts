import { describe, expect, it } from "vitest";
import { agreement, baseFiles, type Files, mustLoad } from "../../../test/support/workspace.js";
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

describe("legal_basis_mismatch: contract necessity", () => {
  it("fails when the purpose serves the recipient, citing the contract articles and CIA Art. 32", () => {
    const [hit, ...rest] = only(bend(basis("contract_necessity")), "legal_basis_mismatch");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: "error", path: "purposes[0]", file: "agreements/feed.yaml" });
    expect(hit?.message).toMatch(/serves the recipient's own ends/);
    expect(refs(hit)).toEqual(["PIPA Art. 15(1)4", "PIPA Art. 17(1)", "CIA Art. 32(1)"]);
  });
  it("fails when the purpose serves only the controller: no contract with the subject needs it", () => {
    const f = bend(basis("contract_necessity"), benefits("controller"));
    expect(only(f, "legal_basis_mismatch")).toMatchObject([
      { severity: "error", path: "purposes[0]", message: expect.stringMatching(/not the data subject/) },
    ]);
  });
  it("passes when the purpose serves the subject's contract", () => {
    const f = bend(basis("contract_necessity"), benefits("controller", "subject"));
    expect(codes(f)).not.toContain("legal_basis_mismatch");
  });
  it("cites GDPR Art. 6(1)(b) for an EU controller", () => {
    const f = bend(basis("contract_necessity"), jurisdictions("EU"), noCredit);
    expect(refs(only(f, "legal_basis_mismatch")[0])).toEqual(["GDPR Art. 6(1)(b)"]);
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
  it("fails when the transfer serves the recipient, and passes when it serves the subject's contract", () => {
    const f = bend(basis("contract_necessity"), abroad);
    expect(only(f, "cross_border_without_basis")[0]?.message).toMatch(/contract with the subject/);
    const ok = bend(basis("contract_necessity"), abroad, benefits("subject"));
    expect(codes(ok)).not.toContain("cross_border_without_basis");
  });
  it("judges the GDPR contract derogation the same way", () => {
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
});
