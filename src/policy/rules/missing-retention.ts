// every agreement says how long the recipient keeps the data and what happens then.
import { ARTICLES } from "../articles.js";
import { agreementsOf } from "../facts.js";
import { finding, type Rule } from "../rule.js";

export const missingRetention: Rule = {
  code: "missing_retention",
  title: "No retention period at the recipient",
  severity: "error",
  articles: [ARTICLES.pipa17n, ARTICLES.pipa21, ARTICLES.gdpr5e, ARTICLES.gdpr13],
  description:
    "The recipient's retention period is a required item of the provision notice, and data kept without an end is kept beyond its purpose. Declare the period and the disposal (delete, anonymise or return).",
  run(ws) {
    return agreementsOf(ws)
      .filter((doc) => doc.value.retention === undefined)
      .map((doc) =>
        finding(this, doc, {
          code: this.code,
          subject: { kind: "agreement", id: doc.value.id },
          path: ["id"],
          message: `agreement "${doc.value.id}" does not say how long ${doc.value.recipient} keeps the data`,
          fix: "add retention: { period: 1y, disposal: delete } with the period the contract sets",
          trace: ["retention: absent"],
        }),
      );
  },
};
