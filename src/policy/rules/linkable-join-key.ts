// two feeds to one recipient that carry the same identifier in a joinable form let it link them.
import { ARTICLES } from "../articles.js";
import { agreementsOf, type ReleasedField, releasedFields } from "../facts.js";
import type { Finding } from "../finding.js";
import { finding, type Rule } from "../rule.js";

/** The forms in which a field can be joined on: category plus who can compute the same value. */
function joinHandles(f: ReleasedField): string[] {
  const { transform, options } = f.release;
  const keys = f.categories.filter((c) => c.join_key).map((c) => c.key);
  if (keys.length === 0 || transform.joinScope === "none") return [];
  if (transform.joinScope === "global") return keys.map((k) => `${k}|global`);
  const link = options.link_key;
  return typeof link === "string" ? keys.map((k) => `${k}|key:${link}`) : [];
}

function describe(handle: string): string {
  const [category, scope] = handle.split("|");
  return scope === "global"
    ? `${category} in a form anyone can match (clear or unkeyed hash)`
    : `${category} under the shared key "${scope?.slice(4)}"`;
}

export const linkableJoinKey: Rule = {
  code: "linkable_join_key",
  title: "Two feeds to one recipient share a join key",
  severity: "error",
  articles: [ARTICLES.pipa18, ARTICLES.pipa28_2, ARTICLES.gdpr5b, ARTICLES.gdpr5c, ARTICLES.gdpr25],
  description:
    "When two agreements send the same identifier to the same recipient in clear, as an unkeyed hash, or under the same pseudonym key, the recipient can join the feeds into a profile neither agreement allows. Give each agreement its own pseudonym key, or drop the identifier from the feed that does not need it.",
  run(ws) {
    const out: Finding[] = [];
    const docs = agreementsOf(ws);
    const handles = new Map(
      docs.map((d) => [
        d.value.id,
        releasedFields(ws, d.value).flatMap((f) => joinHandles(f).map((h) => ({ f, h }))),
      ]),
    );
    for (const doc of docs) {
      for (const other of docs) {
        if (other === doc || other.value.recipient !== doc.value.recipient) continue;
        const theirs = new Set(handles.get(other.value.id)?.map((x) => x.h));
        const seen = new Set<string>();
        for (const { f, h } of handles.get(doc.value.id) ?? []) {
          if (!theirs.has(h) || seen.has(f.name)) continue;
          seen.add(f.name);
          out.push(
            finding(this, doc, {
              code: this.code,
              subject: { kind: "agreement", id: doc.value.id },
              path: ["fields", f.name],
              message: `field "${f.name}" sends ${describe(h)} to ${doc.value.recipient}, and agreement "${other.value.id}" (${other.file}) sends the same, so the recipient can join the two feeds`,
              fix: "drop the identifier from the feed that does not need it, or use { transform: pseudonym } without a shared link_key so each feed gets its own key",
              trace: [`recipient ${doc.value.recipient}`, `join handle ${h}`, `also in ${other.value.id}`],
            }),
          );
        }
      }
    }
    return out;
  },
};
