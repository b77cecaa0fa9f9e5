// minimisation: every released category must be one a purpose of the agreement needs.
import { isWithin } from "../../taxonomy/index.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import { list, pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const unneededCategory: Rule = {
  code: "unneeded_category",
  get title() {
    return pt("policy.unneeded_category.title");
  },
  severity: "warning",
  articles: [ARTICLES.pipa3, ARTICLES.pipa16, ARTICLES.pipa18, ARTICLES.gdpr5b, ARTICLES.gdpr5c],
  get description() {
    return pt("policy.unneeded_category.description");
  },
  run(ws) {
    return agreementsOf(ws).flatMap((doc) => {
      const needs = doc.value.purposes.flatMap((p) => ws.purposes.get(p)?.value.needs ?? []);
      return releasedFields(ws, doc.value)
        .filter((f) => f.release.transform.exposure !== "none")
        .flatMap((f) => {
          const unneeded = f.categories.filter(
            (c) => c.key.startsWith("user") && !needs.some((n) => isWithin(c.key, n)),
          );
          if (unneeded.length === 0) return [];
          return [
            finding(this, doc, {
              code: this.code,
              subject: { kind: "agreement", id: doc.value.id },
              path: ["fields", f.name],
              which: "key",
              message: pt("policy.unneeded_category.message", {
                field: f.name,
                categories: list(unneeded.map((c) => c.key)),
                purposes: list(doc.value.purposes),
              }),
              fix: pt("policy.unneeded_category.fix", { field: f.name }),
              trace: [
                pt("policy.unneeded_category.needs_trace", { needs: list(needs) }),
                pt("policy.unneeded_category.categories_trace", {
                  categories: list(f.categories.map((c) => c.key)),
                }),
              ],
            }),
          ];
        });
    });
  },
};
