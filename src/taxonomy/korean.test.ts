// the taxonomy in Korean: every default entry has a Korean name (data, shown by entryName in Korean), and the
// problems of a workspace's extension are messages in the language in force.
import { describe, expect, it } from "vitest";
import { withLanguage } from "../i18n/index.js";
import { buildTaxonomy, entryName } from "./taxonomy.js";

describe("the taxonomy in Korean", () => {
  it("names every default category, use, subject and legal basis in Korean", () => {
    const { taxonomy } = buildTaxonomy();
    const entries = [
      ...taxonomy.categories.values(),
      ...taxonomy.uses.values(),
      ...taxonomy.subjects.values(),
      ...taxonomy.bases.values(),
    ];
    expect(entries.length).toBeGreaterThan(80);
    expect(entries.filter((e) => !e.name_ko || !/[가-힣]/.test(e.name_ko)).map((e) => e.key)).toEqual([]);
    const consent = taxonomy.bases.get("consent");
    if (!consent) throw new Error("no consent basis");
    expect(entryName(consent, "ko")).toBe("정보주체의 동의");
    expect(entryName(consent, "en")).toBe("Consent of the data subject");
    expect(withLanguage("ko", () => entryName({ key: "user.x", name: "Only English" }))).toBe("Only English");
  });

  it("reports a workspace's duplicate or orphan keys in Korean", () => {
    const extension = {
      categories: [
        { key: "user.name", name: "Again" },
        { key: "user.loyalty.points", name: "Points" },
      ],
    };
    const ko = withLanguage("ko", () => buildTaxonomy(extension).issues);
    expect(ko.map((i) => [i.code, i.message])).toEqual([
      ["duplicate_key", '"user.name"은(는) 이미 정의되어 있습니다'],
      ["unknown_parent", '"user.loyalty.points"보다 상위 키 "user.loyalty"을(를) 먼저 정의해야 합니다'],
    ]);
    expect(buildTaxonomy(extension).issues.map((i) => i.message)).toEqual([
      '"user.name" is already defined',
      '"user.loyalty.points" needs its parent "user.loyalty" to be defined first',
    ]);
  });
});
