// a direct identifier in clear text to a recipient: to a third party it is an error, to an entrustee a warning.

import { isWithin } from "../../taxonomy/index.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, appliesCIA, receivesForItself, recipientOf, releasedFields } from "../facts.js";
import { finding, type Rule } from "../rule.js";

export const identifierInClear: Rule = {
  code: "identifier_in_clear",
  title: "Direct identifier released in clear",
  severity: "error",
  articles: [ARTICLES.pipa17, ARTICLES.pipa29, ARTICLES.cia17, ARTICLES.gdpr5c, ARTICLES.gdpr25],
  description:
    "A name, phone number, e-mail, account or government ID kept in clear lets the recipient identify every person and join the feed with anything else it holds. To a third party this is an error; to an entrustee a warning unless its task needs the value and no credit information rides along (CIA Art. 17 asks identifying data sent to an entrustee to be protected).",
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
            message: `direct identifier "${f.name}" goes in clear to ${recipient?.legal_name ?? doc.value.recipient} (${recipient?.role.replace("_", " ") ?? "unknown role"})`,
            fix: `use { transform: pseudonym } (or token if you must reverse it yourself); keep it in clear only if the recipient's task needs the value itself`,
            trace: [
              `role direct_identifier`,
              `transform ${f.release.transform.name}: exposure clear`,
              `recipient role ${recipient?.role ?? "?"}`,
            ],
          }),
        );
    });
  },
};
