// public surface of the taxonomy module.
export { isWithin, KEY_PATTERN, lineage, parentOf } from "./keys.js";
export {
  type BasisLaw,
  buildTaxonomy,
  type Category,
  type CategoryDef,
  categoryOf,
  entryName,
  type Identifying,
  type LegalBasisDef,
  type RecipientBenefit,
  type Taxonomy,
  type TaxonomyEntry,
  type TaxonomyExtension,
  type TaxonomyIssue,
} from "./taxonomy.js";
