// an agreement is used only between its validity dates.
import { ARTICLES } from "../articles.js";
import { agreementsOf } from "../facts.js";
import type { Finding } from "../finding.js";
import { pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const agreementValidity: Rule = {
  code: "agreement_expired",
  get title() {
    return pt("policy.validity.title");
  },
  severity: "error",
  articles: [ARTICLES.pipa17, ARTICLES.pipa18, ARTICLES.gdpr6],
  get description() {
    return pt("policy.validity.description");
  },
  run(ws, ctx) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const { valid, id } = doc.value;
      const subject = { kind: "agreement", id } as const;
      if (valid.until !== undefined && valid.until <= ctx.at)
        out.push(
          finding(this, doc, {
            code: this.code,
            subject,
            path: ["valid", "until"],
            message: pt("policy.validity.expired", { id, until: valid.until, at: ctx.at }),
            fix: pt("policy.validity.expired_fix"),
            trace: [pt("policy.validity.expired_trace", { until: valid.until, at: ctx.at })],
          }),
        );
      else if (valid.from > ctx.at)
        out.push(
          finding(this, doc, {
            code: "agreement_not_yet_valid",
            severity: "warning",
            subject,
            path: ["valid", "from"],
            message: pt("policy.validity.not_yet", { id, from: valid.from, at: ctx.at }),
            fix: pt("policy.validity.not_yet_fix"),
            trace: [pt("policy.validity.not_yet_trace", { from: valid.from, at: ctx.at })],
          }),
        );
    }
    return out;
  },
};
