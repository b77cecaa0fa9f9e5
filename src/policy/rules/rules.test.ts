import { describe, expect, it } from "vitest";
import { agreement, baseFiles, type Files, mustLoad } from "../../../test/support/workspace.js";
import { checkWorkspace } from "../check.js";
import type { Finding } from "../finding.js";

const AT = "2024-05-31";
const run = (files: Files, at = AT): Finding[] => checkWorkspace(mustLoad(files), { at });
const codes = (files: Files, at = AT) => run(files, at).map((f) => f.code);
const only = (files: Files, code: string) => run(files).filter((f) => f.code === code);
const bend = (change: (f: Files) => void): Files => {
  const f = baseFiles();
  change(f);
  return f;
};
const fields = (f: Files) => agreement(f).fields as Record<string, unknown>;
const needsOf = (f: Files) => (f.purposes[0] as { needs: string[] }).needs;

describe("the clean base workspace", () => {
  it("has no finding at all", () => {
    expect(run(baseFiles())).toEqual([]);
  });
});

describe("unkeyed_hash", () => {
  it("flags a plain SHA-256 of a phone number, at its line, with the articles", () => {
    const f = bend((x) => {
      fields(x).phone = { transform: "hash", algorithm: "sha256" };
      needsOf(x).push("user.contact.phone");
    });
    const [hit, ...rest] = only(f, "unkeyed_hash");
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ severity: "error", path: "fields.phone", file: "agreements/feed.yaml" });
    expect(hit?.line).toBeGreaterThan(1);
    expect(hit?.articles.map((a) => a.law)).toEqual(
      expect.arrayContaining(["PIPA", "CIA", "GDPR", "Guidance"]),
    );
  });
  it("flags a salted hash too, and accepts a keyed pseudonym", () => {
    const salted = bend((x) => {
      fields(x).phone = { transform: "hash", algorithm: "sha256", salt: "public" };
    });
    expect(codes(salted)).toContain("unkeyed_hash");
    const keyed = bend((x) => {
      fields(x).phone = { transform: "pseudonym", normalize: "phone_kr" };
      needsOf(x).push("user.contact.phone");
    });
    expect(codes(keyed)).not.toContain("unkeyed_hash");
  });
});

describe("identifier_in_clear", () => {
  it("is an error for a third party", () => {
    const f = bend((x) => {
      fields(x).customer_id = "keep";
    });
    expect(only(f, "identifier_in_clear")).toMatchObject([{ severity: "error", path: "fields.customer_id" }]);
  });
  it("is a warning for an entrustee that gets credit data with it, and nothing when pseudonymised", () => {
    const f = bend((x) => {
      fields(x).customer_id = "keep";
      (x.recipients[0] as { role: string }).role = "entrustee";
    });
    expect(only(f, "identifier_in_clear")).toMatchObject([{ severity: "warning" }]);
    expect(only(baseFiles(), "identifier_in_clear")).toEqual([]);
  });
});

describe("cross_border_without_basis", () => {
  const abroad = (x: Files) => {
    (x.recipients[0] as { country: string }).country = "SG";
    agreement(x).consent = {
      purpose: "c",
      notice: [
        "recipient",
        "purpose",
        "items",
        "retention",
        "right_to_refuse",
        "country",
        "time_and_method",
        "recipient_contact",
      ],
    };
  };
  it("flags a transfer abroad with no basis", () => {
    expect(only(bend(abroad), "cross_border_without_basis")).toMatchObject([
      { severity: "error", path: "recipient" },
    ]);
  });
  it("flags a claimed certification the recipient does not have", () => {
    const f = bend((x) => {
      abroad(x);
      agreement(x).cross_border = { basis: "certification" };
    });
    expect(only(f, "cross_border_without_basis")[0]?.message).toMatch(/no PIPC certification/);
  });
  it("accepts separate consent as the basis", () => {
    const f = bend((x) => {
      abroad(x);
      agreement(x).cross_border = { basis: "consent" };
    });
    expect(codes(f)).not.toContain("cross_border_without_basis");
  });
  it("asks for a GDPR Chapter V mechanism for EU data going to a country without adequacy", () => {
    const f = bend((x) => {
      abroad(x);
      agreement(x).cross_border = { basis: "consent" };
      (x.config.controller as { jurisdictions: string[] }).jurisdictions = ["KR", "EU"];
    });
    expect(only(f, "cross_border_without_basis")).toMatchObject([{ articles: [{ law: "GDPR" }] }]);
    const sccs = bend((x) => {
      abroad(x);
      agreement(x).cross_border = { basis: "consent", gdpr_mechanism: "sccs" };
      (x.config.controller as { jurisdictions: string[] }).jurisdictions = ["KR", "EU"];
    });
    expect(codes(sccs)).not.toContain("cross_border_without_basis");
  });
});

describe("entrustment_test_failed", () => {
  const entrust = (x: Files) => {
    const a = agreement(x);
    a.legal_basis = "entrustment";
    delete a.consent;
    (x.recipients[0] as { role: string }).role = "entrustee";
    (x.purposes[0] as { benefits: string[] }).benefits = ["controller"];
    a.contract = {
      reference: "C-1",
      covers: ["scoring"],
      clauses: [
        "no_processing_beyond_task",
        "technical_safeguards",
        "purpose_and_scope",
        "sub_entrustment_limits",
        "supervision",
        "liability",
      ],
    };
    a.disclosure = { published: true };
  };
  it("passes a genuine entrustment", () => {
    expect(codes(bend(entrust))).not.toContain("entrustment_test_failed");
  });
  it("fails when the purpose benefits the recipient", () => {
    const f = bend((x) => {
      entrust(x);
      (x.purposes[0] as { benefits: string[] }).benefits = ["controller", "recipient"];
    });
    expect(only(f, "entrustment_test_failed")).toMatchObject([{ path: "purposes[0]", severity: "error" }]);
  });
  it("fails when no contract covers the purpose, and when it is not published", () => {
    const f = bend((x) => {
      entrust(x);
      (agreement(x).contract as { covers: string[] }).covers = [];
      agreement(x).disclosure = { published: false };
    });
    expect(only(f, "entrustment_test_failed").map((x) => x.path)).toEqual([
      "contract.covers",
      "disclosure.published",
    ]);
  });
  it("fails without any contract, and warns on missing Art. 26 clauses", () => {
    const none = bend((x) => {
      entrust(x);
      delete agreement(x).contract;
    });
    expect(only(none, "entrustment_test_failed")[0]?.message).toMatch(/without a written contract/);
    const thin = bend((x) => {
      entrust(x);
      (agreement(x).contract as { clauses: string[] }).clauses = ["liability"];
    });
    expect(only(thin, "entrustment_test_failed")).toMatchObject([
      { severity: "warning", path: "contract.clauses" },
    ]);
  });
});

describe("credit_consent_required", () => {
  it("flags credit data to a third party on legitimate interest, and accepts consent", () => {
    const f = bend((x) => {
      agreement(x).legal_basis = "legitimate_interest";
      delete agreement(x).consent;
    });
    expect(only(f, "credit_consent_required")).toMatchObject([{ severity: "error", path: "legal_basis" }]);
    expect(codes(baseFiles())).not.toContain("credit_consent_required");
  });
});

describe("consent_notice_incomplete", () => {
  it("lists the notice items that are missing", () => {
    const f = bend((x) => {
      (agreement(x).consent as { notice: string[] }).notice = ["recipient", "purpose"];
    });
    expect(only(f, "consent_notice_incomplete")[0]?.message).toMatch(/items, retention, right_to_refuse/);
  });
  it("asks the Art. 28-8(2) items for a transfer abroad", () => {
    const f = bend((x) => {
      (x.recipients[0] as { country: string }).country = "SG";
      agreement(x).cross_border = { basis: "consent" };
    });
    expect(only(f, "consent_notice_incomplete")[0]?.message).toMatch(
      /country, time_and_method, recipient_contact/,
    );
  });
  it("flags a consent basis with no consent declared, and bundled consent", () => {
    const f = bend((x) => {
      delete agreement(x).consent;
    });
    expect(only(f, "consent_notice_incomplete")).toMatchObject([{ path: "legal_basis" }]);
    const bundled = bend((x) => {
      (agreement(x).consent as { separate: boolean }).separate = false;
    });
    expect(only(bundled, "consent_notice_incomplete")).toMatchObject([{ path: "consent.separate" }]);
  });
});

describe("unscoped_population", () => {
  it("flags a per-subject purpose that sends everyone after the model-building phase", () => {
    const f = bend((x) => {
      agreement(x).scope = {
        phases: [
          { name: "build", from: "2018-01-01", until: "2019-01-01", model_building: true },
          { name: "daily", from: "2019-01-01", where: "true" },
        ],
      };
    });
    expect(only(f, "unscoped_population")).toMatchObject([
      { severity: "error", path: "scope.phases[1].where" },
    ]);
  });
  it("accepts a dated model-building phase with everyone, and flags one with no end", () => {
    const dated = bend((x) => {
      agreement(x).scope = {
        phases: [
          { name: "build", from: "2018-01-01", until: "2019-01-01", model_building: true },
          { name: "daily", from: "2019-01-01", where: "linked && age >= 19" },
        ],
      };
    });
    expect(codes(dated)).not.toContain("unscoped_population");
    const endless = bend((x) => {
      agreement(x).scope = { phases: [{ name: "build", model_building: true }] };
    });
    expect(only(endless, "unscoped_population")[0]?.message).toMatch(/no end date/);
  });
  it("flags no scope at all, and warns when the scope omits the purpose's condition", () => {
    const none = bend((x) => {
      delete agreement(x).scope;
    });
    expect(only(none, "unscoped_population")).toMatchObject([{ severity: "error" }]);
    const other = bend((x) => {
      agreement(x).scope = { phases: [{ name: "adults", where: "age >= 19" }] };
    });
    expect(only(other, "unscoped_population")).toMatchObject([{ severity: "warning" }]);
  });
});

describe("linkable_join_key", () => {
  const second = (x: Files, customerId: unknown) => {
    x.agreements.push({
      ...structuredClone(agreement(x)),
      id: "feed2",
      fields: { customer_id: customerId, balance: "keep" },
    });
  };
  it("flags the same account ID in clear in two feeds to one recipient, on both sides", () => {
    const f = bend((x) => {
      fields(x).customer_id = "keep";
      second(x, "keep");
    });
    const hits = only(f, "linkable_join_key");
    expect(hits.map((h) => h.file).sort()).toEqual(["agreements/feed.yaml", "agreements/feed2.yaml"]);
  });
  it("flags clear against an unkeyed hash, and a shared link_key", () => {
    const hashed = bend((x) => {
      fields(x).customer_id = "keep";
      second(x, { transform: "hash", algorithm: "sha256" });
    });
    expect(only(hashed, "linkable_join_key")).toHaveLength(2);
    const shared = bend((x) => {
      fields(x).customer_id = { transform: "pseudonym", link_key: "k1" };
      second(x, { transform: "pseudonym", link_key: "k1" });
    });
    expect(only(shared, "linkable_join_key")).toHaveLength(2);
  });
  it("accepts per-agreement pseudonyms, and feeds to different recipients", () => {
    const own = bend((x) => second(x, { transform: "pseudonym" }));
    expect(codes(own)).not.toContain("linkable_join_key");
    const apart = bend((x) => {
      fields(x).customer_id = "keep";
      second(x, "keep");
      x.recipients.push({ id: "other", legal_name: "Other", country: "KR", role: "third_party" });
      (x.agreements[1] as { recipient: string }).recipient = "other";
    });
    expect(codes(apart)).not.toContain("linkable_join_key");
  });
  it("takes two declarations of one company (one per role) for one recipient", () => {
    const twice = bend((x) => {
      fields(x).customer_id = "keep";
      second(x, "keep");
      x.recipients.push({
        id: "partner-ops",
        legal_name: " partner co.,  Ltd. ",
        country: "KR",
        role: "entrustee",
      });
      (x.agreements[1] as { recipient: string }).recipient = "partner-ops";
    });
    const hits = only(twice, "linkable_join_key");
    expect(hits.map((h) => h.file).sort()).toEqual(["agreements/feed.yaml", "agreements/feed2.yaml"]);
    expect(hits.find((h) => h.file === "agreements/feed.yaml")?.trace).toContain(
      "recipients partner and partner-ops are one company: Partner Co., Ltd.",
    );
  });
});

describe("unneeded_category", () => {
  it("flags a field no purpose needs, and not a constant", () => {
    const f = bend((x) => {
      fields(x).email = { transform: "pseudonym" };
    });
    expect(only(f, "unneeded_category")).toMatchObject([{ severity: "warning", path: "fields.email" }]);
    const constant = bend((x) => {
      fields(x).email = { transform: "constant", value: null };
    });
    expect(codes(constant)).not.toContain("unneeded_category");
  });
});

describe("pseudonymised_with_identifiers", () => {
  const research = (x: Files) => {
    agreement(x).legal_basis = "pseudonymised_research";
    delete agreement(x).consent;
    (x.purposes[0] as { use: string }).use = "research";
  };
  it("accepts keyed pseudonyms for research", () => {
    expect(codes(bend(research))).not.toContain("pseudonymised_with_identifiers");
  });
  it("flags a direct identifier left in clear or masked", () => {
    const f = bend((x) => {
      research(x);
      fields(x).customer_id = { transform: "mask", keep_end: 4 };
    });
    expect(only(f, "pseudonymised_with_identifiers")).toMatchObject([{ path: "fields.customer_id" }]);
  });
  it("flags a purpose that is not statistics, research or archiving", () => {
    const f = bend((x) => {
      research(x);
      (x.purposes[0] as { use: string }).use = "marketing";
    });
    expect(only(f, "pseudonymised_with_identifiers")).toMatchObject([{ path: "purposes[0]" }]);
  });
});

describe("missing_retention", () => {
  it("flags an agreement without retention", () => {
    const f = bend((x) => {
      delete agreement(x).retention;
    });
    expect(only(f, "missing_retention")).toMatchObject([{ severity: "error" }]);
  });
});

describe("agreement_expired", () => {
  it("flags an agreement past its end date, and warns before its start", () => {
    expect(codes(baseFiles(), "2030-01-01")).toContain("agreement_expired");
    expect(codes(baseFiles(), "2029-12-31")).not.toContain("agreement_expired");
    expect(run(baseFiles(), "2019-12-31")).toMatchObject([
      { code: "agreement_not_yet_valid", severity: "warning" },
    ]);
  });
});

describe("undeclared_field", () => {
  it("reports a released field with no category as a gap", () => {
    const f = bend((x) => {
      const ds = x.datasets[0] as { fields: Record<string, unknown> };
      ds.fields.note = { type: "string" };
      fields(x).note = "keep";
    });
    expect(only(f, "undeclared_field")).toMatchObject([{ severity: "gap", path: "fields.note" }]);
  });
});

describe("missing_volume_limits", () => {
  it("reports an agreement without max_subjects or max_growth as a gap", () => {
    const f = bend((x) => {
      delete agreement(x).volume;
    });
    expect(only(f, "missing_volume_limits")).toMatchObject([{ severity: "gap" }]);
  });
});

describe("every finding", () => {
  it("has a code, a location, articles, a message and a fix", () => {
    const f = bend((x) => {
      fields(x).customer_id = "keep";
      fields(x).phone = { transform: "hash", algorithm: "md5" };
      delete agreement(x).retention;
    });
    for (const finding of run(f)) {
      expect(finding.code).toMatch(/^[a-z_]+$/);
      expect(finding.line).toBeGreaterThan(0);
      expect(finding.column).toBeGreaterThan(0);
      expect(finding.articles.length).toBeGreaterThan(0);
      expect(finding.message.length).toBeGreaterThan(10);
      expect(finding.fix.length).toBeGreaterThan(10);
      expect(finding.trace.length).toBeGreaterThan(0);
    }
  });
});
