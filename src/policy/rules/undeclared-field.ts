// a released field with no data category: nobody can tell what personal data leaves.
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import { finding, type Rule } from "../rule.js";

export const undeclaredField: Rule = {
  code: "undeclared_field",
  title: "Released field has no declared data category",
  severity: "gap",
  articles: [ARTICLES.pipa3, ARTICLES.cia20, ARTICLES.gdpr5c],
  description:
    "Every released field must say which data categories it holds, or minimisation, identifier and credit-information rules cannot judge it, and the provision record cannot name the items released.",
  run(ws) {
    return agreementsOf(ws).flatMap((doc) =>
      releasedFields(ws, doc.value)
        .filter((f) => f.categories.length === 0)
        .map((f) =>
          finding(this, doc, {
            code: this.code,
            subject: { kind: "agreement", id: doc.value.id },
            path: ["fields", f.name],
            which: "key",
            message: `field "${f.name}" is released but dataset "${doc.value.dataset}" declares no data category for it`,
            fix: `add categories to ${f.name} in the dataset (e.g. user.financial.balance), or stop releasing it`,
            trace: [`dataset ${doc.value.dataset} field ${f.name}: categories []`],
          }),
        ),
    );
  },
};
