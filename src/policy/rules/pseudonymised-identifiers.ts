// pseudonymised data for statistics or research may carry nothing that identifies a person.
import { isWithin } from "../../taxonomy/index.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

const RESEARCH_USES = ["analytics.statistics", "research", "archiving"];

export const pseudonymisedIdentifiers: Rule = {
  code: "pseudonymised_with_identifiers",
  title: "Pseudonymised release still identifies people",
  severity: "error",
  articles: [ARTICLES.pipa28_2, ARTICLES.pipa28_4, ARTICLES.cia40_2, ARTICLES.cia32e, ARTICLES.gdpr89],
  description:
    "The pseudonymised-data exemption covers statistics, research and archiving only, and only when nothing that could identify a person reaches the recipient: direct identifiers must be dropped or replaced by keyed pseudonyms whose key stays with the controller.",
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
              message: `direct identifier "${f.name}" leaves as ${f.release.transform.name} under the pseudonymised-research basis`,
              fix: "drop it, or use { transform: pseudonym } with a key the recipient never holds",
              trace: [`legal_basis ${a.legal_basis}`, `exposure ${exposure}`],
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
              message: `purpose "${pid}" (${use}) is not statistics, research or archiving, so the pseudonymised-data basis does not cover it`,
              fix: "use a basis that covers the purpose (e.g. consent)",
              trace: [`use ${use}`],
            }),
          );
      });
    }
    return out;
  },
};
