// minimisation: every released category must be one a purpose of the agreement needs.
import { isWithin } from "../../taxonomy/index.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import { finding, type Rule } from "../rule.js";

export const unneededCategory: Rule = {
  code: "unneeded_category",
  title: "Data the purpose does not need",
  severity: "warning",
  articles: [ARTICLES.pipa3, ARTICLES.pipa16, ARTICLES.pipa18, ARTICLES.gdpr5b, ARTICLES.gdpr5c],
  description:
    "Each purpose declares the data categories it needs. A released field whose categories no purpose of the agreement needs breaks minimisation: settlement needs orders and payments, not the account ID that lets the recipient join feeds.",
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
              message: `field "${f.name}" carries ${unneeded.map((c) => c.key).join(", ")}, which no purpose of the agreement (${doc.value.purposes.join(", ")}) needs`,
              fix: `stop releasing "${f.name}", or add the category to a purpose's needs if the purpose truly requires it`,
              trace: [
                `purposes need: ${needs.join(", ")}`,
                `field categories: ${f.categories.map((c) => c.key).join(", ")}`,
              ],
            }),
          ];
        });
    });
  },
};
