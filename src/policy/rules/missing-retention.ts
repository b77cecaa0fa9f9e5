// every agreement says how long the recipient keeps the data and what happens then.
import { ARTICLES } from "../articles.js";
import { agreementsOf } from "../facts.js";
import { pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const missingRetention: Rule = {
  code: "missing_retention",
  get title() {
    return pt("policy.missing_retention.title");
  },
  severity: "error",
  articles: [ARTICLES.pipa17n, ARTICLES.pipa21, ARTICLES.gdpr5e, ARTICLES.gdpr13],
  get description() {
    return pt("policy.missing_retention.description");
  },
  run(ws) {
    return agreementsOf(ws)
      .filter((doc) => doc.value.retention === undefined)
      .map((doc) =>
        finding(this, doc, {
          code: this.code,
          subject: { kind: "agreement", id: doc.value.id },
          path: ["id"],
          message: pt("policy.missing_retention.message", {
            id: doc.value.id,
            recipient: doc.value.recipient,
          }),
          fix: pt("policy.missing_retention.fix"),
          trace: [pt("policy.missing_retention.trace")],
        }),
      );
  },
};
