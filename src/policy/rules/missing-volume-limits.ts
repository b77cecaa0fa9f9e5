// without volume limits the gateway cannot hold a release that is suddenly far larger than usual.
import { ARTICLES } from "../articles.js";
import { agreementsOf } from "../facts.js";
import { finding, type Rule } from "../rule.js";

export const missingVolumeLimits: Rule = {
  code: "missing_volume_limits",
  title: "No volume limits",
  severity: "gap",
  articles: [ARTICLES.pipa29, ARTICLES.gdpr25],
  description:
    "Volume limits (max_subjects, max_growth, max_releases_per_day) let `jikimi share` hold a release that is five times its usual size before it leaves. An agreement without them cannot be guarded.",
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
          message: `agreement "${doc.value.id}" sets neither max_subjects nor max_growth`,
          fix: "add volume: { max_subjects: N, max_growth: 0.2, max_releases_per_day: 1 }",
          trace: ["volume limits absent"],
        }),
      );
  },
};
