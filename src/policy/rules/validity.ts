// an agreement is used only between its validity dates.
import { ARTICLES } from "../articles.js";
import { agreementsOf } from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

export const agreementValidity: Rule = {
  code: "agreement_expired",
  title: "Agreement outside its validity dates",
  severity: "error",
  articles: [ARTICLES.pipa17, ARTICLES.pipa18, ARTICLES.gdpr6],
  description:
    "An agreement whose end date has passed is no basis for further releases; renew the contract and the declaration, or retire it. One that has not started yet is reported as a warning.",
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
            message: `agreement "${id}" ended on ${valid.until} (checked for ${ctx.at})`,
            fix: "renew the agreement with a new version and valid dates, or move it out of agreements/",
            trace: [`valid.until ${valid.until} <= ${ctx.at}`],
          }),
        );
      else if (valid.from > ctx.at)
        out.push(
          finding(this, doc, {
            code: "agreement_not_yet_valid",
            severity: "warning",
            subject,
            path: ["valid", "from"],
            message: `agreement "${id}" starts on ${valid.from} (checked for ${ctx.at})`,
            fix: "nothing to do before that date; share refuses to run it until then",
            trace: [`valid.from ${valid.from} > ${ctx.at}`],
          }),
        );
    }
    return out;
  },
};
