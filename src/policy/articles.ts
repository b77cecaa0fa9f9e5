// the legal provisions findings rest on, cited by id so a rule never spells an article twice. References and
// short titles live in the message catalogue (i18n/messages/policy.ts): `ref` is the English reference, stable
// in JSON and SARIF; `title` and `citation` are rendered in the language in force when read
// ("PIPA Art. 17(1)2" / "개인정보 보호법 제17조제1항제2호").
import { lawName, pt } from "./messages.js";

export type Law = "PIPA" | "CIA" | "GDPR" | "Guidance";

/** Which law each article belongs to; the keys are the article ids. */
const LAWS = {
  pipa3: "PIPA",
  pipa16: "PIPA",
  pipa15_4: "PIPA",
  pipa15_6: "PIPA",
  pipa17: "PIPA",
  pipa17_2: "PIPA",
  pipa17n: "PIPA",
  pipa18: "PIPA",
  pipa21: "PIPA",
  pipa22: "PIPA",
  pipa24: "PIPA",
  pipa26: "PIPA",
  pipa26d: "PIPA",
  pipa26e: "PIPA",
  pipa28_2: "PIPA",
  pipa28_4: "PIPA",
  pipa28_8: "PIPA",
  pipa28_8n: "PIPA",
  pipa29: "PIPA",
  cia17: "CIA",
  cia20: "CIA",
  cia32: "CIA",
  cia32e: "CIA",
  cia40_2: "CIA",
  gdpr4_5: "GDPR",
  gdpr5b: "GDPR",
  gdpr5c: "GDPR",
  gdpr5e: "GDPR",
  gdpr6: "GDPR",
  gdpr6b: "GDPR",
  gdpr6f: "GDPR",
  gdpr7: "GDPR",
  gdpr13: "GDPR",
  gdpr25: "GDPR",
  gdpr28: "GDPR",
  gdpr32: "GDPR",
  gdpr44: "GDPR",
  gdpr89: "GDPR",
  hashing: "Guidance",
} as const satisfies Record<string, Law>;

export type ArticleId = keyof typeof LAWS;

export interface Article {
  /** the key in ARTICLES, e.g. "pipa28_8" */
  readonly id: ArticleId;
  readonly law: Law;
  /** the English reference, e.g. "Art. 28-8(1)" (stable across languages) */
  readonly ref: string;
  /** a short title in the language in force */
  readonly title: string;
  /** law and reference in the language in force: "PIPA Art. 28-8(1)", "개인정보 보호법 제28조의8제1항" */
  readonly citation: string;
}

function article(id: ArticleId): Article {
  const law = LAWS[id];
  return {
    id,
    law,
    ref: pt(`policy.article.${id}.ref`, undefined, "en"),
    get title() {
      return pt(`policy.article.${id}.title`);
    },
    get citation() {
      return pt("policy.cite", { law: lawName(law), ref: pt(`policy.article.${id}.ref`) });
    },
  };
}

/** Every article, by id. */
export const ARTICLES = Object.fromEntries(
  (Object.keys(LAWS) as ArticleId[]).map((id) => [id, article(id)]),
) as { readonly [K in ArticleId]: Article };

/**
 * Cites an article in the language in force.
 * @example cite(ARTICLES.pipa17_2) // "PIPA Art. 17(1)2"; in Korean "개인정보 보호법 제17조제1항제2호"
 */
export function cite(article: Article): string {
  return article.citation;
}
