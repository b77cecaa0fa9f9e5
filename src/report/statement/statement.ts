// the personal disclosure statement (Credit Information Act Art. 35, GDPR Art. 15): for one person, every provision
// of their data in the last three years in plain words: who received it, in which country, when, why, which items,
// on which basis and how they were protected, and how to check it with the receipts. Computed from the person's
// ledger history and one proven release body per set of terms; it names the person nowhere (no key, no hash).
import { t } from "../../i18n/index.js";
import type { ReleaseBody } from "../../ledger/entry.js";
import type { Block, ReportDocument, ReportLanguage } from "../document/model.js";

/** One release that contained the person (from the ledger's history). */
export interface PersonRelease {
  seq: number;
  released_at: string;
  /** the terms it was released under: one proven body of the same terms */
  terms: ReleaseBody;
}

/** Words the workspace gives for ids in the bodies, in the report's language; undefined where it has none. */
export interface Glossary {
  purpose(id: string): string | undefined;
  basis(key: string): { name: string; articles: string[] } | undefined;
  category(key: string): string | undefined;
}

export interface StatementInput {
  releases: readonly PersonRelease[];
  /** the checkpoint the person's receipts prove against */
  checkpoint: { origin: string; size: number; root: string };
  generatedAt: string;
  /** how far back (years); the Credit Information Act keeps records of provision for 3 years */
  years?: number;
}

export interface Provision {
  recipient: { id: string; name: string; country: string };
  agreement: { id: string; version: number };
  legal_basis: string;
  purposes: string[];
  fields: { name: string; transform: string; categories: string[] }[];
  count: number;
  first_released_at: string;
  last_released_at: string;
  seqs: number[];
}

export interface StatementData {
  report: "statement";
  generated_at: string;
  period: { from: string; to: string };
  count: number;
  provisions: Provision[];
  checkpoint: StatementInput["checkpoint"];
}

const termsKey = (b: ReleaseBody) =>
  JSON.stringify([
    b.recipient.id,
    b.agreement.id,
    b.agreement.version,
    b.legal_basis,
    b.purposes,
    b.fields.map((f) => [f.name, f.transform]),
  ]);

/**
 * The statement's figures: the releases since `years` before `generatedAt`, grouped by the same recipient and
 * terms, oldest first.
 * @example statementData({ releases, checkpoint, generatedAt: new Date().toISOString() })
 */
export function statementData(input: StatementInput): StatementData {
  const to = input.generatedAt;
  const since = new Date(to);
  since.setUTCFullYear(since.getUTCFullYear() - (input.years ?? 3));
  const from = since.toISOString();
  const groups = new Map<string, Provision>();
  const within = input.releases.filter((r) => r.released_at >= from && r.released_at <= to);
  for (const r of [...within].sort((a, b) => a.seq - b.seq)) {
    const key = termsKey(r.terms);
    const g = groups.get(key);
    if (g) {
      g.count++;
      g.seqs.push(r.seq);
      if (r.released_at < g.first_released_at) g.first_released_at = r.released_at;
      if (r.released_at > g.last_released_at) g.last_released_at = r.released_at;
      continue;
    }
    const b = r.terms;
    groups.set(key, {
      recipient: b.recipient,
      agreement: { id: b.agreement.id, version: b.agreement.version },
      legal_basis: b.legal_basis,
      purposes: b.purposes,
      fields: b.fields.map((f) => ({ name: f.name, transform: f.transform, categories: f.categories })),
      count: 1,
      first_released_at: r.released_at,
      last_released_at: r.released_at,
      seqs: [r.seq],
    });
  }
  return {
    report: "statement",
    generated_at: to,
    period: { from, to },
    count: within.length,
    provisions: [...groups.values()],
    checkpoint: input.checkpoint,
  };
}

const TRANSFORMS = ["pseudonym", "token", "mask", "generalise", "constant", "keep", "hash"] as const;
type KnownTransform = (typeof TRANSFORMS)[number];
const known = (name: string): name is KnownTransform => (TRANSFORMS as readonly string[]).includes(name);

/** A country's name in the report's language (ISO 3166 alpha-2 in, e.g. "싱가포르" or "Singapore" out). */
export function countryName(code: string, lang: ReportLanguage): string {
  try {
    return new Intl.DisplayNames([lang], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The statement in plain words, in the language in force (`withLanguage`). */
export function statementDocument(
  data: StatementData,
  glossary: Glossary,
  lang: ReportLanguage,
): ReportDocument {
  const day = (iso: string) => iso.slice(0, 10);
  const list = (items: string[]) => items.join(", ");
  const blocks: Block[] =
    data.provisions.length === 0
      ? [{ type: "paragraph", text: t("report.statement.none", { from: day(data.period.from) }) }]
      : [
          {
            type: "paragraph",
            text: t("report.statement.intro", { count: data.count, from: day(data.period.from) }),
          },
        ];
  const sections: ReportDocument["sections"] = [
    { id: "summary", heading: t("report.statement.h.summary"), blocks },
  ];
  for (const [i, p] of data.provisions.entries()) {
    const basis = glossary.basis(p.legal_basis);
    // each item by the name of its category (once, however many fields carry it), and the protections grouped
    const items = p.fields.map((f) => ({
      what: f.categories.map((c) => glossary.category(c)).find((x) => x !== undefined) ?? f.name,
      how: known(f.transform) ? t(`report.statement.transform.${f.transform}`) : f.transform,
    }));
    const what = [...new Set(items.map((x) => x.what))];
    const protections = new Map<string, Set<string>>();
    for (const x of items) protections.set(x.how, (protections.get(x.how) ?? new Set()).add(x.what));
    const protection = [...protections].map(([how, of]) => `${how}: ${list([...of])}`).join(" / ");
    sections.push({
      id: `provision-${i + 1}`,
      heading: t("report.statement.h.provision", {
        recipient: p.recipient.name,
        country: countryName(p.recipient.country, lang),
      }),
      blocks: [
        {
          type: "paragraph",
          text: t(p.count === 1 ? "report.statement.sentence_once" : "report.statement.sentence", {
            recipient: p.recipient.name,
            country: countryName(p.recipient.country, lang),
            count: p.count,
            first: day(p.first_released_at),
            last: day(p.last_released_at),
          }),
        },
        {
          type: "table",
          table: {
            sheet: t("report.statement.sheet", { n: i + 1 }),
            columns: [
              { label: t("report.statement.col.question") },
              { label: t("report.statement.col.answer") },
            ],
            rows: [
              [t("report.statement.q.who"), `${p.recipient.name} (${p.recipient.id})`],
              [
                t("report.statement.q.where"),
                `${countryName(p.recipient.country, lang)} (${p.recipient.country})`,
              ],
              [
                t("report.statement.q.when"),
                t(p.count === 1 ? "report.statement.a.once" : "report.statement.a.when", {
                  count: p.count,
                  first: day(p.first_released_at),
                  last: day(p.last_released_at),
                }),
              ],
              [t("report.statement.q.why"), list(p.purposes.map((x) => glossary.purpose(x) ?? x))],
              [t("report.statement.q.what"), list(what)],
              [
                t("report.statement.q.basis"),
                basis === undefined
                  ? p.legal_basis
                  : basis.articles.length > 0
                    ? `${basis.name} (${basis.articles.join(", ")})`
                    : basis.name,
              ],
              [t("report.statement.q.protection"), protection],
              [t("report.statement.q.agreement"), `${p.agreement.id} v${p.agreement.version}`],
            ],
          },
        },
      ],
    });
  }
  sections.push({
    id: "verify",
    heading: t("report.statement.h.verify"),
    blocks: [
      { type: "paragraph", text: t("report.statement.verify", { count: data.checkpoint.size }) },
      { type: "list", items: [t("report.statement.verify_api"), t("report.statement.verify_cli")] },
      { type: "paragraph", text: t("report.statement.rights") },
    ],
  });
  return {
    lang,
    title: t("report.statement.title"),
    subtitle: t("report.statement.subtitle", { from: day(data.period.from), to: day(data.period.to) }),
    facts: [
      {
        label: t("report.statement.fact.provisions"),
        value: t("report.statement.fact.count", { count: data.count }),
      },
      {
        label: t("report.statement.fact.checkpoint"),
        value: `${data.checkpoint.origin} · ${data.checkpoint.size} · ${data.checkpoint.root.slice(0, 16)}…`,
      },
      { label: t("report.statement.fact.generated"), value: data.generated_at },
    ],
    sections,
    footer: t("report.statement.footer", { origin: data.checkpoint.origin, size: data.checkpoint.size }),
  };
}
