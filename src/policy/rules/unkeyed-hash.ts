// a plain digest of an identifier: anyone can enumerate the input space and reverse it.
import { ARTICLES } from "../articles.js";
import { agreementsOf, releasedFields } from "../facts.js";
import { finding, type Rule } from "../rule.js";

export const unkeyedHash: Rule = {
  code: "unkeyed_hash",
  title: "Unkeyed hash of an identifier",
  severity: "error",
  articles: [
    ARTICLES.pipa29,
    ARTICLES.pipa28_2,
    ARTICLES.cia17,
    ARTICLES.gdpr4_5,
    ARTICLES.gdpr32,
    ARTICLES.hashing,
  ],
  description:
    "A hash without a secret key (even with a fixed salt) over a phone number, e-mail or ID is reversed by trying every possible input: the 10^8 Korean mobile numbers take seconds. It is neither encryption nor pseudonymisation.",
  run(ws) {
    return agreementsOf(ws).flatMap((doc) =>
      releasedFields(ws, doc.value)
        .filter((f) => f.release.transform.exposure === "unkeyed_digest" && f.role !== "other")
        .map((f) =>
          finding(this, doc, {
            code: this.code,
            subject: { kind: "agreement", id: doc.value.id },
            path: ["fields", f.name],
            message: `field "${f.name}" (${f.role.replace("_", " ")}) is sent as an unkeyed ${String(f.release.options.algorithm)} hash, which anyone can reverse by enumerating the possible values`,
            fix: `use { transform: pseudonym${f.categories.some((c) => c.key.startsWith("user.contact.phone")) ? ", normalize: phone_kr" : ""} } (HMAC under a key the recipient never holds), or drop the field`,
            trace: [
              `transform ${f.release.transform.name}: exposure unkeyed_digest`,
              `role ${f.role} from ${f.categories.map((c) => c.key).join(", ") || "declaration"}`,
            ],
          }),
        ),
    );
  },
};
