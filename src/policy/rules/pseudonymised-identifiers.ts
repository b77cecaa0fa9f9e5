// pseudonymised data for statistics or research may carry nothing that identifies a person.
import { isWithin } from "../../taxonomy/index.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import type { Finding } from "../finding.js";
import { pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

const RESEARCH_USES = ["analytics.statistics", "research", "archiving"];

export const pseudonymisedIdentifiers: Rule = {
  code: "pseudonymised_with_identifiers",
  get title() {
    return pt("policy.pseudonymised.title");
  },
  severity: "error",
  articles: [ARTICLES.pipa28_2, ARTICLES.pipa28_4, ARTICLES.cia40_2, ARTICLES.cia32e, ARTICLES.gdpr89],
  get description() {
    return pt("policy.pseudonymised.description");
  },
  run(ws) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const a = doc.value;
      if (!ws.taxonomy.bases.get(a.legal_basis)?.pseudonymised) continue;
      const subject = { kind: "agreement", id: a.id } as const;
      for (const f of releasedFields(ws, a)) {
        const exposure = f.release.transform.exposure;
        const identifies = exposure === "clear" || exposure === "unkeyed_digest" || exposure === "partial";
        if (f.role === "direct_identifier" && identifies)
          out.push(
            finding(this, doc, {
              code: this.code,
              subject,
              path: ["fields", f.name],
              message: pt("policy.pseudonymised.identifier", {
                field: f.name,
                transform: f.release.transform.name,
              }),
              fix: pt("policy.pseudonymised.identifier_fix"),
              trace: [
                pt("policy.trace.legal_basis", { basis: a.legal_basis }),
                pt("policy.pseudonymised.exposure_trace", { exposure }),
              ],
            }),
          );
      }
      a.purposes.forEach((pid, i) => {
        const use = ws.purposes.get(pid)?.value.use;
        if (use && !RESEARCH_USES.some((u) => isWithin(use, u)))
          out.push(
            finding(this, doc, {
              code: this.code,
              subject,
              path: ["purposes", i],
              message: pt("policy.pseudonymised.purpose", { purpose: pid, use }),
              fix: pt("policy.pseudonymised.purpose_fix"),
              trace: [pt("policy.pseudonymised.use_trace", { use })],
            }),
          );
      });
    }
    return out;
  },
};
