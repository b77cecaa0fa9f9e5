// a plain digest of an identifier: anyone can enumerate the input space and reverse it.
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import { fieldRole, list, pt } from "../messages.js";
import { finding, type Rule } from "../rule.js";

export const unkeyedHash: Rule = {
  code: "unkeyed_hash",
  get title() {
    return pt("policy.unkeyed_hash.title");
  },
  severity: "error",
  articles: [
    ARTICLES.pipa29,
    ARTICLES.pipa28_2,
    ARTICLES.cia17,
    ARTICLES.gdpr4_5,
    ARTICLES.gdpr32,
    ARTICLES.hashing,
  ],
  get description() {
    return pt("policy.unkeyed_hash.description");
  },
  run(ws) {
    return agreementsOf(ws).flatMap((doc) =>
      releasedFields(ws, doc.value)
        .filter((f) => f.release.transform.exposure === "unkeyed_digest" && f.role !== "other")
        .map((f) => {
          const phone = f.categories.some((c) => c.key.startsWith("user.contact.phone"));
          const keys = f.categories.map((c) => c.key);
          return finding(this, doc, {
            code: this.code,
            subject: { kind: "agreement", id: doc.value.id },
            path: ["fields", f.name],
            message: pt("policy.unkeyed_hash.message", {
              field: f.name,
              role: fieldRole(f.role),
              algorithm: String(f.release.options.algorithm),
            }),
            fix: pt("policy.unkeyed_hash.fix", {
              transform: `{ transform: pseudonym${phone ? ", normalize: phone_kr" : ""} }`,
            }),
            trace: [
              pt("policy.unkeyed_hash.trace_transform", { transform: f.release.transform.name }),
              pt("policy.unkeyed_hash.trace_role", {
                role: f.role,
                source: keys.length > 0 ? list(keys) : pt("policy.word.declaration"),
              }),
            ],
          });
        }),
    );
  },
};
