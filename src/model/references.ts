// cross-file checks: references between declarations, taxonomy keys, source columns, transforms and scope
// expressions. Hints name only what the workspace declares, the closest to a mistyped name first.
import { celName } from "../expr/names.js";
import { checkExpression, type ExprIssue, MAX_PATTERN_LENGTH } from "../expr/validate.js";
import { t } from "../i18n/index.js";
import type { Taxonomy } from "../taxonomy/index.js";
import { TRANSFORMS, transformNamed } from "../transforms/index.js";
import type { AgreementInput } from "./agreement.js";
import type { Dataset, FieldType } from "./dataset.js";
import { formatPath, type LoadIssue } from "./issues.js";
import { closestFirst, listed, own } from "./names.js";
import type { Purpose } from "./purpose.js";
import type { Recipient } from "./recipient.js";
import type { Agreement, CheckedPhase, Declared, FieldRelease } from "./workspace.js";
import type { Path } from "./yaml-file.js";
import { zodIssues } from "./zod-issues.js";
import { DOCUMENT_PARSE } from "./zod-messages.js";

function issue(doc: Declared<unknown>, path: Path, code: string, message: string, hint: string): LoadIssue {
  return { ...doc.at(path), path: formatPath(path), code, message, hint };
}

/** Declared names for a hint, the closest to `near` first when given; "none is declared yet" for none. */
function known(keys: Iterable<string>, near?: string): string {
  const list = near === undefined ? [...keys] : closestFirst(near, keys);
  return list.length === 0 ? t("model.ref.none_yet") : listed(list);
}

/** Subject key, categories and subjects of a dataset. */
export function validateDataset(d: Declared<Dataset>, taxonomy: Taxonomy): LoadIssue[] {
  const out: LoadIssue[] = [];
  const ds = d.value;
  if (!Object.hasOwn(ds.fields, ds.subject_key))
    out.push(
      issue(
        d,
        ["subject_key"],
        "unknown_field",
        t("model.ref.subject_key_unknown", { name: ds.subject_key }),
        t("model.ref.use_one_of", { known: known(Object.keys(ds.fields), ds.subject_key) }),
      ),
    );
  if (!taxonomy.subjects.has(ds.subjects))
    out.push(
      issue(
        d,
        ["subjects"],
        "unknown_subject",
        t("model.ref.unknown_subject", { subject: ds.subjects }),
        t("model.ref.unknown_subject_hint", { known: known(taxonomy.subjects.keys(), ds.subjects) }),
      ),
    );
  for (const [name, field] of Object.entries(ds.fields)) {
    field.categories.forEach((key, i) => {
      if (!taxonomy.categories.has(key))
        out.push(
          issue(
            d,
            ["fields", name, "categories", i],
            "unknown_category",
            t("model.ref.unknown_category", { key }),
            t("model.ref.unknown_category_hint"),
          ),
        );
    });
  }
  out.push(...sourceColumnIssues(d));
  return out;
}

/**
 * Each header may feed one field only: two fields reading one source column, or a field reading a column headed
 * with another field's name (when that field has no source_column of its own), are refused.
 */
function sourceColumnIssues(d: Declared<Dataset>): LoadIssue[] {
  const out: LoadIssue[] = [];
  const fields = d.value.fields;
  const readBy = new Map<string, string>();
  for (const [name, f] of Object.entries(fields)) {
    const column = f.source_column ?? name;
    const other = readBy.get(column);
    if (other !== undefined) {
      const path = ["fields", name, ...(f.source_column !== undefined ? ["source_column"] : [])];
      const mapped = f.source_column !== undefined && own(fields, other)?.source_column !== undefined;
      out.push(
        mapped
          ? issue(
              d,
              path,
              "duplicate_source_column",
              t("model.ref.source_column_twice", { field: name, column, other }),
              t("model.ref.source_column_twice_hint"),
            )
          : issue(
              d,
              path,
              "duplicate_source_column",
              t("model.ref.source_column_clash", {
                field: f.source_column !== undefined ? name : other,
                column,
                other: f.source_column !== undefined ? other : name,
              }),
              t("model.ref.source_column_clash_hint", {
                field: f.source_column !== undefined ? name : other,
                other: f.source_column !== undefined ? other : name,
              }),
            ),
      );
      continue;
    }
    readBy.set(column, name);
  }
  return out;
}

/** Data use and needed categories of a purpose. */
export function validatePurpose(p: Declared<Purpose>, taxonomy: Taxonomy): LoadIssue[] {
  const out: LoadIssue[] = [];
  if (!taxonomy.uses.has(p.value.use))
    out.push(
      issue(
        p,
        ["use"],
        "unknown_use",
        t("model.ref.unknown_use", { use: p.value.use }),
        t("model.ref.unknown_use_hint", { known: known(taxonomy.uses.keys(), p.value.use) }),
      ),
    );
  p.value.needs.forEach((key, i) => {
    if (!taxonomy.categories.has(key))
      out.push(
        issue(
          p,
          ["needs", i],
          "unknown_category",
          t("model.ref.unknown_category", { key }),
          t("model.ref.unknown_category_purpose_hint"),
        ),
      );
  });
  return out;
}

interface Context {
  taxonomy: Taxonomy;
  datasets: ReadonlyMap<string, Declared<Dataset>>;
  recipients: ReadonlyMap<string, Declared<Recipient>>;
  purposes: ReadonlyMap<string, Declared<Purpose>>;
}

/** The name a scope issue is about: the quoted name of an unknown field, else nothing. */
const nameIn = (message: string): string | undefined => /"([^"]+)"/.exec(message)?.[1];

/** The fix of a scope issue; field names come from the dataset only, the closest to an unknown one first. */
function exprHint(e: ExprIssue, fields: ReadonlyMap<string, FieldType>): string {
  const names = (near?: string) => {
    const list = near === undefined ? [...fields.keys()] : closestFirst(near, fields.keys());
    return list.length === 0 ? t("model.ref.none_yet") : listed(list.map(celName));
  };
  switch (e.code) {
    case "expr_unknown_field":
      return t("model.ref.expr_unknown_field_hint", { known: names(nameIn(e.message)) });
    case "expr_regex_not_constant":
      return t("model.ref.expr_regex_not_constant_hint");
    case "expr_regex_too_long":
      return t("model.ref.expr_regex_too_long_hint", { max: MAX_PATTERN_LENGTH });
    case "expr_regex_invalid":
      return t("model.ref.expr_regex_invalid_hint");
    case "expr_syntax":
      return t("model.ref.expr_syntax_hint", { known: names() });
    default:
      return t("model.ref.expr_other_hint", { known: names() });
  }
}

function exprIssues(
  doc: Declared<unknown>,
  path: Path,
  text: string,
  fields: ReadonlyMap<string, FieldType>,
  start: { offset: number; exact: boolean } | undefined,
  locate: (offset: number) => { file: string; line: number; column: number },
): LoadIssue[] {
  const checked = checkExpression(text, fields);
  if (checked.ok) return [];
  return checked.issues.map((e) => ({
    ...(start?.exact ? locate(start.offset + e.offset) : doc.at(path)),
    path: formatPath(path),
    code: e.code,
    message: t("model.ref.scope_expression", { why: e.message }),
    hint: exprHint(e, fields),
  }));
}

/** Resolves an agreement's references, transforms and scope; returns issues and, when clean, the agreement. */
export function resolveAgreement(
  a: Declared<AgreementInput>,
  ctx: Context,
): { agreement?: Agreement; issues: LoadIssue[] } {
  const out: LoadIssue[] = [];
  const v = a.value;
  if (!ctx.recipients.has(v.recipient))
    out.push(
      issue(
        a,
        ["recipient"],
        "dangling_reference",
        t("model.ref.recipient_unknown", { id: v.recipient }),
        t("model.ref.recipient_unknown_hint", {
          id: v.recipient,
          known: known(ctx.recipients.keys(), v.recipient),
        }),
      ),
    );
  const dataset = ctx.datasets.get(v.dataset);
  if (!dataset)
    out.push(
      issue(
        a,
        ["dataset"],
        "dangling_reference",
        t("model.ref.dataset_unknown", { id: v.dataset }),
        t("model.ref.dataset_unknown_hint", { id: v.dataset, known: known(ctx.datasets.keys(), v.dataset) }),
      ),
    );
  v.purposes.forEach((p, i) => {
    if (!ctx.purposes.has(p))
      out.push(
        issue(
          a,
          ["purposes", i],
          "dangling_reference",
          t("model.ref.purpose_unknown", { id: p }),
          t("model.ref.purpose_unknown_hint", { id: p, known: known(ctx.purposes.keys(), p) }),
        ),
      );
  });
  v.contract?.covers.forEach((p, i) => {
    if (!ctx.purposes.has(p))
      out.push(
        issue(
          a,
          ["contract", "covers", i],
          "dangling_reference",
          t("model.ref.purpose_unknown", { id: p }),
          t("model.ref.use_one_of", { known: known(ctx.purposes.keys(), p) }),
        ),
      );
  });
  if (v.valid.until !== undefined && v.valid.until < v.valid.from)
    out.push(
      issue(
        a,
        ["valid", "until"],
        "invalid_dates",
        t("model.ref.invalid_dates"),
        t("model.ref.invalid_dates_hint"),
      ),
    );

  const fieldTypes = new Map(Object.entries(dataset?.value.fields ?? {}).map(([k, f]) => [k, f.type]));
  // built as entries: Object.fromEntries defines own properties, whatever a name is
  const fields: [string, FieldRelease][] = [];
  for (const [name, rule] of Object.entries(v.fields)) {
    const path = ["fields", name];
    const declared = dataset ? own(dataset.value.fields, name) : undefined;
    if (dataset && !declared) {
      out.push(
        issue(
          a,
          path,
          "unknown_field",
          t("model.ref.field_unknown", { name, dataset: v.dataset }),
          t("model.ref.field_unknown_hint", { file: dataset.file, known: known(fieldTypes.keys(), name) }),
        ),
      );
      continue;
    }
    const spec = typeof rule === "string" ? { transform: rule } : rule;
    const def = transformNamed(spec.transform);
    if (!def) {
      out.push(
        issue(
          a,
          typeof rule === "string" ? path : [...path, "transform"],
          "unknown_transform",
          t("model.ref.transform_unknown", { transform: spec.transform, name }),
          t("model.ref.use_one_of", { known: TRANSFORMS.map((x) => x.name).join(", ") }),
        ),
      );
      continue;
    }
    const parsed = def.options.safeParse(spec, DOCUMENT_PARSE);
    if (!parsed.success) {
      out.push(...zodIssues(a.yaml, parsed.error, path));
      continue;
    }
    const options = parsed.data as Record<string, unknown>;
    const type = declared?.type;
    // some options narrow the types a transform takes (generalise's level): the narrower set decides
    const narrowed = def.narrow?.(parsed.data);
    const accepts = narrowed ? narrowed.types : def.accepts;
    if (type && accepts !== "any" && !accepts.includes(type))
      out.push(
        issue(
          a,
          path,
          "transform_type",
          narrowed
            ? t("model.ref.transform_type_to", { transform: def.name, to: narrowed.by, type, name })
            : t("model.ref.transform_type", { transform: def.name, type, name }),
          t("model.ref.transform_type_hint", { types: accepts.join(", ") }),
        ),
      );
    fields.push([name, { transform: def, options }]);
  }

  (v.risk?.quasi_identifiers ?? []).forEach((qi, i) => {
    if (!Object.hasOwn(v.fields, qi))
      out.push(
        issue(
          a,
          ["risk", "quasi_identifiers", i],
          "unknown_field",
          t("model.ref.qi_unknown", { name: qi }),
          t("model.ref.qi_unknown_hint", { known: known(Object.keys(v.fields), qi) }),
        ),
      );
  });

  let phases: CheckedPhase[] | undefined;
  if (v.scope && dataset) {
    phases = [];
    v.scope.phases.forEach((phase, i) => {
      const path = ["scope", "phases", i, "where"];
      if (phase.from && phase.until && phase.until <= phase.from)
        out.push(
          issue(
            a,
            ["scope", "phases", i, "until"],
            "invalid_dates",
            t("model.ref.phase_dates", { phase: phase.name }),
            t("model.ref.phase_dates_hint"),
          ),
        );
      const checked = checkExpression(phase.where, fieldTypes);
      if (!checked.ok)
        out.push(...exprIssues(a, path, phase.where, fieldTypes, a.yaml.scalarStart(path), a.yaml.locate));
      else phases?.push({ ...phase, expr: checked.expr });
    });
  }
  if (dataset) {
    for (const pid of v.purposes) {
      const p = ctx.purposes.get(pid);
      const cond = p?.value.per_subject?.condition;
      if (p && cond !== undefined) {
        const path = ["per_subject", "condition"];
        out.push(...exprIssues(p, path, cond, fieldTypes, p.yaml.scalarStart(path), p.yaml.locate));
      }
    }
  }
  if (out.length > 0) return { issues: out };
  const { scope: _scope, fields: _fields, ...rest } = v;
  return { issues: [], agreement: { ...rest, fields: Object.fromEntries(fields), phases } };
}
