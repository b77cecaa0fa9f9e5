// the report area's messages are one table per kind of report (messages/report/), merged by messages/report.ts:
// the merge must not let one table silently replace a message of another, and every key must be reached.
import { describe, expect, it } from "vitest";
import { t } from "../../i18n/index.js";
import * as declarations from "../../i18n/messages/report/declarations.js";
import { TABLES } from "../../i18n/messages/report.js";

describe("messages/report/", () => {
  it("no two tables share a key, and the declarations' keep to their three prefixes", () => {
    const owner = new Map<string, string>();
    for (const [file, table] of Object.entries(TABLES))
      for (const key of Object.keys(table.en)) {
        expect(owner.get(key), `${key} in ${file}`).toBeUndefined();
        owner.set(key, file);
      }
    for (const key of Object.keys(declarations.en))
      expect(key).toMatch(/^report\.(ropa|policy|declarations)\./);
  });

  it("is in the catalogue in both languages", () => {
    expect(t("report.policy.third_party.heading", undefined, "ko")).toBe("개인정보의 제3자 제공 현황");
    expect(t("report.policy.third_party.heading", undefined, "en")).toBe(
      "Provision of personal data to third parties",
    );
    expect(t("report.declarations.years", { count: 2 }, "en")).toBe("2 years");
    expect(t("report.declarations.years", { count: 1 }, "en")).toBe("1 year");
    expect(t("report.declarations.years", { count: 2 }, "ko")).toBe("2년");
    // the report area's own messages are still there after the merge
    expect(t("report.severity.error", undefined, "ko")).toBe("오류");
  });
});
