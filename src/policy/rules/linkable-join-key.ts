// two feeds to one recipient that carry the same identifier in a joinable form let it link them. One recipient is one
// company: two declarations with the same legal name (a company acting in two roles) count as one.
import type { Agreement, Workspace } from "../../model/workspace.js";
import { ARTICLES } from "../articles.js";
import { agreementsOf, type ReleasedField, recipientOf, releasedFields } from "../facts.js";
import type { Finding } from "../finding.js";
import { pt } from "../messages.js";
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
  const [category = "", scope] = handle.split("|");
  return scope === "global"
    ? pt("policy.linkable_join_key.global", { category })
    : pt("policy.linkable_join_key.shared", { category, key: scope?.slice(4) ?? "" });
}

/** The company an agreement's data goes to: its recipient's legal name, else the recipient id. */
function companyOf(ws: Workspace, a: Agreement): string {
  const name = recipientOf(ws, a)?.value.legal_name;
  return name === undefined ? `id:${a.recipient}` : `name:${name.trim().replace(/\s+/g, " ").toLowerCase()}`;
}

export const linkableJoinKey: Rule = {
  code: "linkable_join_key",
  get title() {
    return pt("policy.linkable_join_key.title");
  },
  severity: "error",
  articles: [ARTICLES.pipa18, ARTICLES.pipa28_2, ARTICLES.gdpr5b, ARTICLES.gdpr5c, ARTICLES.gdpr25],
  get description() {
    return pt("policy.linkable_join_key.description");
  },
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
        if (other === doc) continue;
        const sameId = other.value.recipient === doc.value.recipient;
        if (!sameId && companyOf(ws, other.value) !== companyOf(ws, doc.value)) continue;
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
              message: pt("policy.linkable_join_key.message", {
                field: f.name,
                what: describe(h),
                recipient: doc.value.recipient,
                other: other.value.id,
                file: other.file,
              }),
              fix: pt("policy.linkable_join_key.fix"),
              trace: [
                pt("policy.linkable_join_key.recipient_trace", { recipient: doc.value.recipient }),
                ...(sameId
                  ? []
                  : [
                      pt("policy.linkable_join_key.same_company_trace", {
                        recipient: doc.value.recipient,
                        other: other.value.recipient,
                        name: recipientOf(ws, doc.value)?.value.legal_name ?? "",
                      }),
                    ]),
                pt("policy.linkable_join_key.handle_trace", { handle: h }),
                pt("policy.linkable_join_key.also_trace", { other: other.value.id }),
              ],
            }),
          );
        }
      }
    }
    return out;
  },
};
