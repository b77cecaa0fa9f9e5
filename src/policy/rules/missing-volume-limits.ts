// without volume limits the gateway cannot hold a release that is suddenly far larger than usual.
import { ARTICLES } from "../articles.js";
import { agreementsOf } from "../facts.js";
import { pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const missingVolumeLimits: Rule = {
  code: "missing_volume_limits",
  get title() {
    return pt("policy.missing_volume_limits.title");
  },
  severity: "gap",
  articles: [ARTICLES.pipa29, ARTICLES.gdpr25],
  get description() {
    return pt("policy.missing_volume_limits.description");
  },
  run(ws) {
    return agreementsOf(ws)
      .filter((doc) => {
        const v = doc.value.volume;
        return v?.max_subjects === undefined && v?.max_growth === undefined;
      })
      .map((doc) =>
        finding(this, doc, {
          code: this.code,
          subject: { kind: "agreement", id: doc.value.id },
          path: doc.value.volume ? ["volume"] : ["id"],
          message: pt("policy.missing_volume_limits.message", { id: doc.value.id }),
          fix: pt("policy.missing_volume_limits.fix"),
          trace: [pt("policy.missing_volume_limits.trace")],
        }),
      );
  },
};
