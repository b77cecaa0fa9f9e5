import { describe, expect, it } from "vitest";
import { isWithin, lineage } from "./keys.js";
import { buildTaxonomy, categoryOf } from "./taxonomy.js";

describe("taxonomy", () => {
  it("covers children with a parent key", () => {
    expect(isWithin("user.contact.email", "user.contact")).toBe(true);
    expect(isWithin("user.contact", "user.contact")).toBe(true);
    expect(isWithin("user.contactless", "user.contact")).toBe(false);
    expect(lineage("a.b.c")).toEqual(["a.b.c", "a.b", "a"]);
  });

  it("inherits properties from parents, and a child may override", () => {
    const { taxonomy } = buildTaxonomy();
    expect(taxonomy.categories.get("user.contact.phone.mobile")).toMatchObject({
      identifying: "direct",
      join_key: true,
    });
    expect(taxonomy.categories.get("user.financial.transaction.payment")).toMatchObject({
      credit: true,
      identifying: "none",
    });
    expect(taxonomy.categories.get("user.financial.account_number")).toMatchObject({
      credit: true,
      identifying: "direct",
    });
    expect(taxonomy.categories.get("user.government_id.resident_registration_number")).toMatchObject({
      sensitive: true,
      name_ko: "주민등록번호",
    });
  });

  it("has the Korean specifics", () => {
    const { taxonomy } = buildTaxonomy();
    for (const key of [
      "user.government_id.resident_registration_number",
      "user.government_id.foreigner_registration_number",
      "user.credit",
      "user.financial.transaction",
      "user.contact.address.road",
    ])
      expect(taxonomy.categories.has(key), key).toBe(true);
  });

  it("extends with workspace entries and reports bad ones", () => {
    const { taxonomy, issues } = buildTaxonomy({
      categories: [
        { key: "user.loyalty", name: "Loyalty", credit: false },
        { key: "user.name", name: "again" },
        { key: "nowhere.x", name: "orphan" },
      ],
    });
    expect(taxonomy.categories.get("user.loyalty")?.identifying).toBe("none");
    expect(issues.map((i) => i.code)).toEqual(["duplicate_key", "unknown_parent"]);
    expect(categoryOf(taxonomy, "user.loyalty.unknown.leaf")?.key).toBe("user.loyalty");
  });
});
