// the linkage risk of an agreement's last release, from signed bodies alone: a keyed field's pseudonyms are equal
// wherever the same derived key (its key id) was used, so the recipient follows a person across the agreement's
// releases under that key, and the recipients of any other agreement released under the same key id can join
// their files with this one on that field. Un-keyed released fields are listed: a join can use them too.
import { t } from "../../i18n/index.js";
import type { ReleaseBody } from "../../ledger/entry.js";
import type { Block, ReportDocument } from "../document/model.js";

export interface Linkage {
  /** the last release of the agreement */
  seq: number;
  keyed: {
    field: string;
    transform: string;
    key_id: string;
    /** releases of this agreement under the same key: the recipient links a person across them */
    releases: number;
    /** other agreements' releases under the same key id: their recipients can join on this field */
    shared_with: { agreement: string; recipient: string; country: string; releases: number }[];
  }[];
  /** released fields without a key, by transform */
  unkeyed: { field: string; transform: string }[];
}

/**
 * The linkage of `agreement`'s last release against every release body (all agreements), or null before its first.
 * @example linkageOf("nsf-credit-feed", releases)?.keyed[0]?.shared_with // [] when no other feed shares the key
 */
export function linkageOf(agreement: string, releases: readonly ReleaseBody[]): Linkage | null {
  const last = releases.filter((r) => r.agreement.id === agreement).at(-1);
  if (last === undefined) return null;
  const keyed: Linkage["keyed"] = [];
  for (const f of last.fields) {
    if (f.key_id === undefined) continue;
    const users = releases.filter((r) => r.fields.some((g) => g.key_id === f.key_id));
    const others = new Map<string, Linkage["keyed"][number]["shared_with"][number]>();
    for (const r of users) {
      if (r.agreement.id === agreement) continue;
      const o = others.get(r.agreement.id) ?? {
        agreement: r.agreement.id,
        recipient: r.recipient.name,
        country: r.recipient.country,
        releases: 0,
      };
      o.releases++;
      others.set(r.agreement.id, o);
    }
    keyed.push({
      field: f.name,
      transform: f.transform,
      key_id: f.key_id,
      releases: users.filter((r) => r.agreement.id === agreement).length,
      shared_with: [...others.values()],
    });
  }
  return {
    seq: last.seq,
    keyed,
    unkeyed: last.fields
      .filter((f) => f.key_id === undefined)
      .map((f) => ({ field: f.name, transform: f.transform })),
  };
}

/** The linkage in words: a table of the keyed fields, and whether any key is shared with another agreement. */
export function linkageSection(l: Linkage | null): ReportDocument["sections"][number] {
  const heading = t("report.dpia.h.linkage");
  if (l === null || l.keyed.length === 0)
    return { id: "linkage", heading, blocks: [{ type: "paragraph", text: t("report.dpia.no_linkage") }] };
  const shared = l.keyed.filter((k) => k.shared_with.length > 0);
  const blocks: Block[] = [
    { type: "paragraph", text: t("report.dpia.linkage_of", { seq: l.seq }) },
    {
      type: "table",
      table: {
        sheet: t("report.dpia.sheet.linkage"),
        columns: [
          { label: t("report.dpia.col.field") },
          { label: t("report.dpia.col.transform") },
          { label: t("report.dpia.col.key_id"), nowrap: true },
          { label: t("report.dpia.col.same_key_releases"), align: "right" },
          { label: t("report.dpia.col.shared_with") },
        ],
        rows: l.keyed.map((k) => [
          k.field,
          k.transform,
          k.key_id,
          k.releases,
          k.shared_with
            .map((o) => `${o.agreement} → ${o.recipient} (${o.country}), ${o.releases}`)
            .join("; ") || null,
        ]),
      },
    },
    shared.length > 0
      ? {
          type: "notice",
          tone: "error",
          text: t("report.dpia.linkage_shared", { fields: shared.map((k) => k.field).join(", ") }),
        }
      : { type: "notice", tone: "ok", text: t("report.dpia.linkage_not_shared") },
  ];
  if (l.unkeyed.length > 0)
    blocks.push({
      type: "paragraph",
      text: t("report.dpia.linkage_unkeyed", {
        fields: l.unkeyed.map((f) => `${f.field} (${f.transform})`).join(", "),
      }),
    });
  return { id: "linkage", heading, blocks };
}
