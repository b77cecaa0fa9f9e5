// the entrustment test: the work serves the controller, the entrustee has no interest of its own,
// a written contract covers the task and supervision, and the entrustment is published.
import { ContractClause } from "../../model/agreement.js";
import { ARTICLES, type Article } from "../articles.js";
import { agreementsOf, recipientOf } from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

// every PIPA Art. 26(1) item a written entrustment contract must contain
const REQUIRED_CLAUSES = ContractClause.options;

export const entrustmentTest: Rule = {
  code: "entrustment_test_failed",
  title: "Not a genuine entrustment",
  severity: "error",
  articles: [
    ARTICLES.pipa26,
    ARTICLES.pipa26d,
    ARTICLES.pipa26e,
    ARTICLES.pipa17,
    ARTICLES.cia17,
    ARTICLES.gdpr28,
  ],
  description:
    "Entrustment needs no consent only when the work serves the controller's business, the entrustee has no interest of its own beyond its fee, it works under a written contract and supervision, and the entrustment is published. Otherwise it is a provision to a third party, which needs consent (PIPA Art. 17, CIA Art. 32).",
  run(ws) {
    const out: Finding[] = [];
    for (const doc of agreementsOf(ws)) {
      const a = doc.value;
      if (!ws.taxonomy.bases.get(a.legal_basis)?.entrustment) continue;
      const recipient = recipientOf(ws, a)?.value;
      const subject = { kind: "agreement", id: a.id } as const;
      const report = (
        path: PropertyKey[],
        message: string,
        fix: string,
        trace: string[],
        articles: Article[],
      ) =>
        out.push(
          finding(entrustmentTest, doc, {
            code: "entrustment_test_failed",
            subject,
            path,
            message,
            fix,
            trace,
            articles,
          }),
        );
      a.purposes.forEach((pid, i) => {
        const p = ws.purposes.get(pid)?.value;
        if (p?.benefits.includes("recipient"))
          report(
            ["purposes", i],
            `purpose "${pid}" benefits the recipient itself, so this is a provision to a third party, not an entrustment`,
            "change legal_basis to consent (with a notice) or remove the purpose that serves the recipient",
            [`legal_basis ${a.legal_basis}`, `purpose ${pid} benefits: ${p.benefits.join(", ")}`],
            [ARTICLES.pipa26e, ARTICLES.pipa17, ARTICLES.cia32, ARTICLES.gdpr28],
          );
      });
      if (recipient && recipient.role !== "entrustee")
        report(
          ["recipient"],
          `recipient "${a.recipient}" is declared as ${recipient.role.replace("_", " ")}, not an entrustee`,
          "declare the recipient as entrustee only if it processes solely for you; otherwise use a provision basis",
          [`recipient role ${recipient.role}`],
          [ARTICLES.pipa26, ARTICLES.gdpr28],
        );
      const uncovered = a.purposes.filter((p) => !a.contract?.covers.includes(p));
      if (!a.contract)
        report(
          ["legal_basis"],
          "entrustment without a written contract",
          "declare contract: { reference, covers: [purposes], clauses: [...] }",
          ["no contract declared"],
          [ARTICLES.pipa26, ARTICLES.cia17, ARTICLES.gdpr28],
        );
      else if (uncovered.length > 0)
        report(
          ["contract", "covers"],
          `the contract does not cover purpose${uncovered.length > 1 ? "s" : ""} ${uncovered.join(", ")}`,
          "amend the contract to name every entrusted purpose, or stop sending data for the others",
          [`contract ${a.contract.reference} covers: ${a.contract.covers.join(", ") || "nothing"}`],
          [ARTICLES.pipa26, ARTICLES.gdpr28],
        );
      else {
        const missing = REQUIRED_CLAUSES.filter((c) => !a.contract?.clauses.includes(c));
        if (missing.length > 0)
          out.push(
            finding(this, doc, {
              code: this.code,
              severity: "warning",
              subject,
              path: ["contract", "clauses"],
              message: `the contract lacks Art. 26(1) items: ${missing.join(", ")}`,
              fix: "add the missing clauses to the contract and list them here",
              trace: [`clauses: ${a.contract.clauses.join(", ") || "none"}`],
              articles: [ARTICLES.pipa26],
            }),
          );
      }
      if (!a.disclosure?.published)
        report(
          a.disclosure ? ["disclosure", "published"] : ["legal_basis"],
          "the entrustment is not published",
          "publish the entrusted task and the entrustee in the privacy policy and declare disclosure: { published: true, where: ... }",
          ["disclosure.published is not true"],
          [ARTICLES.pipa26d],
        );
    }
    return out;
  },
};
