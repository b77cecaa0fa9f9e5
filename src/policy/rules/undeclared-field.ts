// a released field with no data category: nobody can tell what personal data leaves.
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import { pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const undeclaredField: Rule = {
  code: "undeclared_field",
  get title() {
    return pt("policy.undeclared_field.title");
  },
  severity: "gap",
  articles: [ARTICLES.pipa3, ARTICLES.cia20, ARTICLES.gdpr5c],
  get description() {
    return pt("policy.undeclared_field.description");
  },
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
            message: pt("policy.undeclared_field.message", { field: f.name, dataset: doc.value.dataset }),
            fix: pt("policy.undeclared_field.fix", { field: f.name }),
            trace: [pt("policy.undeclared_field.trace", { dataset: doc.value.dataset, field: f.name })],
          }),
        ),
    );
  },
};
