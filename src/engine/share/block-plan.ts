// room 3's plan: what each block's worker needs, as plain data (columns, declared types, the scope's AST, the
// consent bitset and dictionary in shared memory, each released field's transform and keys). Made once per file
// header: no per-row work.
import { JikimiError } from "../../errors.js";
import { fieldsRead } from "../../expr/validate.js";
import { t } from "../../i18n/index.js";
import { describeMissing, mapHeader, neededFields } from "../columns.js";
import type { ReleasePlan as BlockPlan } from "../release/processor.js";
import type { SharePlan } from "./plan.js";
import type { ReleaseContext } from "./types.js";

/** The released fields and the plan maker for a file's header. */
export interface BlockPlanner {
  /** the released fields in the file's column order */
  released: string[];
  /** released fields without a key: the hash audit samples them */
  unkeyed: string[];
  /** the worker plan for a header; throws for missing or repeated columns */
  planFor(header: string[]): Promise<BlockPlan>;
}

/**
 * The consent as of the release time as a bitset over dictionary indexes, in shared memory. An indexed loop: this
 * runs once per release, before V8 optimises it, where a for-of over the 4 M members' array took 47 ms and this 14.
 */
function consentBits(set: { toUint32Array(): Uint32Array; maximum(): number | undefined; isEmpty: boolean }) {
  const max = set.isEmpty ? 0 : (set.maximum() ?? 0);
  const bits = new Uint8Array(new SharedArrayBuffer((max >> 3) + 1));
  const members = set.toUint32Array();
  for (let k = 0; k < members.length; k++) {
    const i = members[k] as number;
    bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
  }
  return bits;
}

/**
 * The planner of the workers' block plans; throws `key_missing` when the ledger subject key is gone.
 * @example const p = blockPlanner(req, planned, "customers.csv"); pool = new ReleasePool(p.planFor(columns), 4);
 */
export function blockPlanner(req: ReleaseContext, s: SharePlan, input: string): BlockPlanner {
  const { plan, dataset } = s;
  const a = plan.agreement;
  const phase = plan.phase;
  const released = Object.entries(a.fields);
  const names = released.map(([f]) => f);
  const unkeyed = released
    .filter(([, rel]) => rel.transform.name !== "pseudonym" && rel.transform.name !== "token")
    .map(([f]) => f);
  const checks = Object.fromEntries(
    Object.entries(dataset.fields).map(([k, f]) => [k, { type: f.type, nullable: f.nullable }]),
  );
  const subjectEntry = req.keyring.byId(req.hasher.keyId);
  if (!subjectEntry?.secret)
    throw new JikimiError("key_missing", t("engine.share.key_missing", { id: req.hasher.keyId }), {
      hint: t("engine.share.key_missing_hint"),
    });
  const subjectKey = Buffer.from(subjectEntry.secret, "base64");
  // the columns a release reads: the subject key, the released fields, the fields the scope in force reads
  const needed = neededFields(dataset.subject_key, names, phase ? fieldsRead(phase.expr) : []);

  const planFor = async (header: string[]): Promise<BlockPlan> => {
    const mapped = mapHeader(header, dataset, needed);
    if (mapped.missing.length > 0)
      throw new JikimiError(
        "missing_column",
        t("engine.columns.missing", { input, columns: describeMissing(mapped.missing) }),
        { hint: t("engine.columns.missing_hint", { file: s.datasetFile }) },
      );
    if (mapped.duplicated.length > 0)
      throw new JikimiError(
        "missing_column",
        t("engine.columns.duplicated", { input, columns: mapped.duplicated.join(", ") }),
        { hint: t("engine.columns.duplicated_hint") },
      );
    const columns = mapped.columns;
    const index = new Map(columns.map((c, i) => [c, i]));
    // every needed field has its column now (mapHeader refused otherwise)
    const columnOf = (field: string): number => index.get(field) as number;
    const consent = s.consent
      ? { bits: consentBits(s.consent.set), dictionary: await req.ledger.sharedSubjects() }
      : undefined;
    return {
      columns,
      checks,
      ...(phase
        ? {
            scope: {
              expr: phase.expr,
              types: Object.entries(dataset.fields).map(([k, f]) => [k, f.type] as [string, typeof f.type]),
            },
          }
        : {}),
      subjectColumn: columnOf(dataset.subject_key),
      subjectKey,
      ...(consent ? { consent } : {}),
      fields: released.map(([field, rel]) => ({
        name: field,
        column: columnOf(field),
        transform: rel.transform.name,
        options: rel.options,
        keys: plan.keys.get(field) ?? {},
        type: Object.hasOwn(dataset.fields, field) ? (dataset.fields[field]?.type ?? "string") : "string",
      })),
      sample: req.dryRun ? 5 : 0,
      ...(a.risk ? { quasiIdentifiers: a.risk.quasi_identifiers.map((q) => names.indexOf(q)) } : {}),
      // every released field without a key is sampled: a column of bare digests must not leave
      probe: unkeyed.map((f) => names.indexOf(f)),
    };
  };
  return { released: names, unkeyed, planFor };
}
