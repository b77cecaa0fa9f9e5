// a taxonomy: categories, data uses, subjects and legal bases under dotted keys, extensible by a workspace.
import { currentLanguage, type Language, t } from "../i18n/index.js";
import { DEFAULT_CATEGORIES } from "./default-categories.js";
import { DEFAULT_BASES, DEFAULT_SUBJECTS, DEFAULT_USES } from "./default-uses.js";
import { lineage, parentOf } from "./keys.js";

export interface TaxonomyEntry {
  key: string;
  name: string;
  name_ko?: string;
  description?: string;
}

/** How much a category identifies a person on its own. */
export type Identifying = "direct" | "quasi" | "none";

export interface CategoryDef extends TaxonomyEntry {
  identifying?: Identifying;
  /** a value that recurs across feeds and lets a recipient join them */
  join_key?: boolean;
  /** personal credit information under the Credit Information Act */
  credit?: boolean;
  sensitive?: boolean;
}

/** A category with every property resolved through its ancestors. */
export interface Category extends TaxonomyEntry {
  identifying: Identifying;
  join_key: boolean;
  credit: boolean;
  sensitive: boolean;
}

/** A law area whose rules weigh a basis: KR (PIPA) or EU (GDPR). */
export type BasisLaw = "KR" | "EU";

/** How a basis treats a purpose that serves the recipient's own ends. */
export type RecipientBenefit =
  /** the basis cannot carry it */
  | "refused"
  /** only after a balancing test, which declarations do not record */
  | "weighed";

export interface LegalBasisDef extends TaxonomyEntry {
  needs_consent: boolean;
  /** exempt from the Credit Information Act Art. 32 consent (Art. 32(6)) */
  exempts_consent: boolean;
  entrustment?: boolean;
  pseudonymised?: boolean;
  /** holds only when the provision serves the data subject: a contract with the subject that it performs */
  serves_subject?: boolean;
  /** per law area, how the basis treats a purpose that serves the recipient (absent: no limit of its own) */
  recipient_benefit?: Partial<Record<BasisLaw, RecipientBenefit>>;
  /**
   * law areas under which the basis carries no provision to a recipient that uses the data for its own ends (a third
   * party, a joint controller): there it carries only the controller's own processing and its entrustees'. Under
   * PIPA, contract necessity (Art. 15(1)4) is not among the grounds Art. 17(1)2 lets a provision rest on.
   */
  provision_refused?: BasisLaw[];
  /** ids of the provisions that define the basis (keys of policy/articles.ts), cited when it does not hold */
  articles?: string[];
}

export interface Taxonomy {
  categories: ReadonlyMap<string, Category>;
  uses: ReadonlyMap<string, TaxonomyEntry>;
  subjects: ReadonlyMap<string, TaxonomyEntry>;
  bases: ReadonlyMap<string, LegalBasisDef>;
}

export interface TaxonomyExtension {
  categories?: CategoryDef[];
  uses?: TaxonomyEntry[];
  subjects?: TaxonomyEntry[];
}

/**
 * An entry's name in a language: its `name_ko` in Korean when it has one, else its `name`.
 * @example entryName({ key: "user.name", name: "Personal name", name_ko: "성명" }, "ko") // "성명"
 */
export function entryName(entry: TaxonomyEntry, language: Language = currentLanguage()): string {
  return language === "ko" && entry.name_ko ? entry.name_ko : entry.name;
}

/** Problems found while extending the taxonomy, as data (the message in the language in force). */
export interface TaxonomyIssue {
  kind: "categories" | "uses" | "subjects";
  index: number;
  code: "duplicate_key" | "unknown_parent";
  message: string;
}

function resolveCategory(def: CategoryDef, parent: Category | undefined): Category {
  return {
    ...def,
    identifying: def.identifying ?? parent?.identifying ?? "none",
    join_key: def.join_key ?? parent?.join_key ?? false,
    credit: def.credit ?? parent?.credit ?? false,
    sensitive: def.sensitive ?? parent?.sensitive ?? false,
  };
}

function addEntries<T extends TaxonomyEntry, R>(
  kind: TaxonomyIssue["kind"],
  target: Map<string, R>,
  entries: readonly T[],
  issues: TaxonomyIssue[],
  resolve: (entry: T, parent: R | undefined) => R,
): void {
  entries.forEach((entry, index) => {
    if (target.has(entry.key)) {
      issues.push({
        kind,
        index,
        code: "duplicate_key",
        message: t("taxonomy.extension.duplicate_key", { key: entry.key }),
      });
      return;
    }
    const parentKey = parentOf(entry.key);
    const parent = parentKey === undefined ? undefined : target.get(parentKey);
    if (parentKey !== undefined && parent === undefined) {
      issues.push({
        kind,
        index,
        code: "unknown_parent",
        message: t("taxonomy.extension.unknown_parent", { key: entry.key, parent: parentKey }),
      });
      return;
    }
    target.set(entry.key, resolve(entry, parent));
  });
}

/**
 * Builds the default taxonomy, extended by a workspace's own entries.
 * @example const { taxonomy } = buildTaxonomy({ categories: [{ key: "user.loyalty", name: "Loyalty points" }] });
 */
export function buildTaxonomy(extension: TaxonomyExtension = {}): {
  taxonomy: Taxonomy;
  issues: TaxonomyIssue[];
} {
  const issues: TaxonomyIssue[] = [];
  const categories = new Map<string, Category>();
  const uses = new Map<string, TaxonomyEntry>();
  const subjects = new Map<string, TaxonomyEntry>();
  const same = (e: TaxonomyEntry) => e;
  addEntries("categories", categories, DEFAULT_CATEGORIES, issues, resolveCategory);
  addEntries("uses", uses, DEFAULT_USES, issues, same);
  addEntries("subjects", subjects, DEFAULT_SUBJECTS, issues, same);
  const builtIn = issues.length;
  addEntries("categories", categories, extension.categories ?? [], issues, resolveCategory);
  addEntries("uses", uses, extension.uses ?? [], issues, same);
  addEntries("subjects", subjects, extension.subjects ?? [], issues, same);
  if (builtIn > 0) throw new Error("the default taxonomy is inconsistent");
  const bases = new Map(DEFAULT_BASES.map((b) => [b.key, b]));
  return { taxonomy: { categories, uses, subjects, bases }, issues };
}

/** The nearest known category for a key, resolving unknown leaves to their closest known ancestor. */
export function categoryOf(taxonomy: Taxonomy, key: string): Category | undefined {
  for (const k of lineage(key)) {
    const found = taxonomy.categories.get(k);
    if (found) return found;
  }
  return undefined;
}
