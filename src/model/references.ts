// cross-file checks: references between declarations, taxonomy keys, transforms and scope expressions.
import { GENERALISE_TYPES, TRANSFORMS, transformNamed } from "../engine/transforms/index.js";
import { checkExpression, type ExprIssue, MAX_PATTERN_LENGTH } from "../expr/validate.js";
import type { Taxonomy } from "../taxonomy/index.js";
import type { AgreementInput } from "./agreement.js";
import type { Dataset, FieldType } from "./dataset.js";
import { formatPath, type LoadIssue } from "./issues.js";
import { own } from "./names.js";
import type { Purpose } from "./purpose.js";
import type { Recipient } from "./recipient.js";
import type { Agreement, CheckedPhase, Declared, FieldRelease } from "./workspace.js";
import type { Path } from "./yaml-file.js";
import { zodIssues } from "./zod-issues.js";

function issue(doc: Declared<unknown>, path: Path, code: string, message: string, hint: string): LoadIssue {
  return { ...doc.at(path), path: formatPath(path), code, message, hint };
}

function known(keys: Iterable<string>): string {
  const list = [...keys];
  return list.length === 0
    ? "none is declared yet"
    : list.slice(0, 12).join(", ") + (list.length > 12 ? ", ..." : "");
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
        `subject_key "${ds.subject_key}" is not a field of the dataset`,
        `use one of: ${known(Object.keys(ds.fields))}`,
      ),
    );
  if (!taxonomy.subjects.has(ds.subjects))
    out.push(
      issue(
        d,
        ["subjects"],
        "unknown_subject",
        `"${ds.subjects}" is not a data subject in the taxonomy`,
        `use one of: ${known(taxonomy.subjects.keys())}, or add it under taxonomy.subjects in jikimi.yaml`,
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
            `"${key}" is not a data category in the taxonomy`,
            "use a key from `jikimi taxonomy`, or add it under taxonomy.categories in jikimi.yaml",
          ),
        );
    });
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
        `"${p.value.use}" is not a data use in the taxonomy`,
        `use one of: ${known(taxonomy.uses.keys())}, or add it under taxonomy.uses in jikimi.yaml`,
      ),
    );
  p.value.needs.forEach((key, i) => {
    if (!taxonomy.categories.has(key))
      out.push(
        issue(
          p,
          ["needs", i],
          "unknown_category",
          `"${key}" is not a data category in the taxonomy`,
          "use a key from `jikimi taxonomy`",
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

const EXPR_HINTS: Partial<Record<ExprIssue["code"], string>> = {
  expr_unknown_field: "name a field declared in the agreement's dataset",
  expr_regex_not_constant:
    'write the pattern as a string literal, e.g. phone.matches("^010-[0-9]{4}-[0-9]{4}$"); to compare with another field use ==',
  expr_regex_too_long: `shorten the pattern to ${MAX_PATTERN_LENGTH} characters, or split it into several matches() joined with ||`,
  expr_regex_invalid:
    "use RE2 syntax (no lookaround, no back-references, repeats up to {1000}): https://github.com/google/re2/wiki/Syntax",
};

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
    message: `scope expression: ${e.message}`,
    hint: EXPR_HINTS[e.code] ?? "write a CEL condition such as: appstore_linked && !dormant",
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
        `recipient "${v.recipient}" is not declared`,
        `add recipients/${v.recipient}.yaml or use one of: ${known(ctx.recipients.keys())}`,
      ),
    );
  const dataset = ctx.datasets.get(v.dataset);
  if (!dataset)
    out.push(
      issue(
        a,
        ["dataset"],
        "dangling_reference",
        `dataset "${v.dataset}" is not declared`,
        `add datasets/${v.dataset}.yaml or use one of: ${known(ctx.datasets.keys())}`,
      ),
    );
  v.purposes.forEach((p, i) => {
    if (!ctx.purposes.has(p))
      out.push(
        issue(
          a,
          ["purposes", i],
          "dangling_reference",
          `purpose "${p}" is not declared`,
          `add purposes/${p}.yaml or use one of: ${known(ctx.purposes.keys())}`,
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
          `purpose "${p}" is not declared`,
          `use one of: ${known(ctx.purposes.keys())}`,
        ),
      );
  });
  if (v.valid.until !== undefined && v.valid.until < v.valid.from)
    out.push(
      issue(
        a,
        ["valid", "until"],
        "invalid_dates",
        "valid.until is before valid.from",
        "swap the dates or fix the typo",
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
          `field "${name}" is not declared in dataset "${v.dataset}"`,
          `declare it in ${dataset.file} or use one of: ${known(fieldTypes.keys())}`,
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
          `unknown transform "${spec.transform}" for field "${name}"`,
          `use one of: ${TRANSFORMS.map((t) => t.name).join(", ")}`,
        ),
      );
      continue;
    }
    const parsed = def.options.safeParse(spec);
    if (!parsed.success) {
      out.push(...zodIssues(a.yaml, parsed.error, path));
      continue;
    }
    const options = parsed.data as Record<string, unknown>;
    const type = declared?.type;
    const accepts =
      def.name === "generalise" ? GENERALISE_TYPES[options.to as keyof typeof GENERALISE_TYPES] : def.accepts;
    if (type && accepts !== "any" && !(accepts as readonly string[]).includes(type))
      out.push(
        issue(
          a,
          path,
          "transform_type",
          `transform "${def.name}"${def.name === "generalise" ? ` to ${String(options.to)}` : ""} does not apply to ${type} field "${name}"`,
          `it applies to: ${(accepts as readonly string[]).join(", ")}`,
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
          `quasi-identifier "${qi}" is not a released field of this agreement`,
          `the gate measures the released file: use one of: ${known(Object.keys(v.fields))}`,
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
            `phase "${phase.name}" ends before it starts`,
            "make until later than from",
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
