// which column of a source file feeds which field, decided once per file from its header (never per row). A field
// is read from the column headed with its `source_column`, else with its own name; headers and names are compared
// in NFC. A release needs only the columns it reads: the subject key, the released fields and the fields the scope
// of the phase in force reads. Other declared fields may be absent (a source already cut down); when present they
// are type-checked as before. Columns that feed no field are dropped.
import { t } from "../i18n/index.js";
import { type Dataset, sourceColumns } from "../model/dataset.js";
import { own } from "../model/names.js";

/** Why a release reads a field. */
export type NeedReason = "subject" | "released" | "scope";

/** A column a release needs that the header lacks. */
export interface MissingColumn {
  field: string;
  /** the header the field is read from */
  column: string;
  why: NeedReason;
  /** the header has a column named like the field, which feeds nothing because the field reads `column` */
  named?: boolean;
}

export interface HeaderMapping {
  /** per header position: the field it feeds, or a name that is no field (the column is dropped) */
  columns: string[];
  missing: MissingColumn[];
  /** headers that appear more than once (NFC) */
  duplicated: string[];
}

/**
 * The fields a release reads and why: the subject key, then the released fields, then the scope's fields.
 * @example neededFields("고객번호", ["고객번호", "잔액"], ["등급"]) // Map { 고객번호 => subject, 잔액 => released, 등급 => scope }
 */
export function neededFields(
  subjectKey: string,
  released: readonly string[],
  scope: readonly string[],
): Map<string, NeedReason> {
  const out = new Map<string, NeedReason>([[subjectKey, "subject"]]);
  for (const f of released) if (!out.has(f)) out.set(f, "released");
  for (const f of scope) if (!out.has(f)) out.set(f, "scope");
  return out;
}

/**
 * Maps a header onto a dataset's fields.
 * @example mapHeader(["고객 번호", "잔액", "메모"], ds, needed).columns // ["고객번호", "잔액", "메모"]
 */
export function mapHeader(
  header: readonly string[],
  dataset: Pick<Dataset, "fields">,
  needed: ReadonlyMap<string, NeedReason>,
): HeaderMapping {
  const fieldOf = new Map<string, string>();
  for (const [field, column] of sourceColumns(dataset)) fieldOf.set(column, field);
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  const fed = new Set<string>();
  const columns = header.map((raw) => {
    const h = raw.normalize("NFC");
    if (seen.has(h)) duplicated.add(h);
    seen.add(h);
    const field = fieldOf.get(h);
    if (field !== undefined) {
      fed.add(field);
      return field;
    }
    // a column named like a field that reads another column feeds nothing: it must not pass for that field
    return Object.hasOwn(dataset.fields, h) ? `[${h}]` : h;
  });
  const missing: MissingColumn[] = [];
  for (const [field, why] of needed)
    if (!fed.has(field)) {
      const column = own(dataset.fields, field)?.source_column ?? field;
      missing.push({ field, column, why, ...(column !== field && seen.has(field) ? { named: true } : {}) });
    }
  return { columns, missing, duplicated: [...duplicated] };
}

/**
 * The missing columns in words: `balance (released by the agreement)`, or with the field when the column is
 * headed otherwise: `"고객 번호" (source_column of field 고객번호; the subject key)`.
 */
export function describeMissing(missing: readonly MissingColumn[]): string {
  return missing
    .map((m) => {
      const why = t(`engine.columns.why_${m.why}`);
      if (m.column === m.field) return t("engine.columns.item", { column: m.column, why });
      return m.named
        ? t("engine.columns.item_named", { column: m.column, field: m.field, why })
        : t("engine.columns.item_mapped", { column: m.column, field: m.field, why });
    })
    .join(", ");
}
