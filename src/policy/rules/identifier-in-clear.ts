// a direct identifier in clear text to a recipient: to a third party it is an error, to an entrustee a warning.
import { isWithin } from "../../taxonomy/index.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, appliesCIA, receivesForItself, recipientOf, releasedFields } from "../facts.js";
import { pt, recipientRole } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const identifierInClear: Rule = {
  code: "identifier_in_clear",
  get title() {
    return pt("policy.identifier_in_clear.title");
  },
  severity: "error",
  articles: [ARTICLES.pipa17, ARTICLES.pipa29, ARTICLES.cia17, ARTICLES.gdpr5c, ARTICLES.gdpr25],
  get description() {
    return pt("policy.identifier_in_clear.description");
  },
  run(ws) {
    return agreementsOf(ws).flatMap((doc) => {
      const recipient = recipientOf(ws, doc.value)?.value;
      const own = receivesForItself(recipient);
      const fields = releasedFields(ws, doc.value);
      const credit = appliesCIA(ws, fields);
      const needs = doc.value.purposes.flatMap((p) => ws.purposes.get(p)?.value.needs ?? []);
      // an entrustee may get a value its task needs (a mailer needs the address), unless credit data rides along
      const needed = (keys: string[]) =>
        keys.length > 0 && keys.every((k) => needs.some((n) => isWithin(k, n)));
      return fields
        .filter((f) => f.role === "direct_identifier" && f.release.transform.exposure === "clear")
        .filter((f) => own || credit || !needed(f.categories.map((c) => c.key)))
        .map((f) =>
          finding(this, doc, {
            code: this.code,
            severity: own ? "error" : "warning",
            articles: own
              ? [ARTICLES.pipa17, ARTICLES.pipa29, ARTICLES.gdpr5c, ARTICLES.gdpr25]
              : [ARTICLES.cia17, ARTICLES.pipa29, ARTICLES.gdpr32],
            subject: { kind: "agreement", id: doc.value.id },
            path: ["fields", f.name],
            message: pt("policy.identifier_in_clear.message", {
              field: f.name,
              recipient: recipient?.legal_name ?? doc.value.recipient,
              role: recipient ? recipientRole(recipient.role) : pt("policy.word.unknown_role"),
            }),
            fix: pt("policy.identifier_in_clear.fix"),
            trace: [
              pt("policy.identifier_in_clear.trace_role"),
              pt("policy.identifier_in_clear.trace_transform", { transform: f.release.transform.name }),
              pt("policy.trace.recipient_role", { role: recipient?.role ?? "?" }),
            ],
          }),
        );
    });
  },
};
