// what a release must be, decided once for the share gateway and for `ledger record` alike: the agreement
// (refused with check errors), the scope phase valid at `released_at`, derived key ids, the entry's declared
// part (agreement digest, recipient, basis, purposes, fields, scope); the holds are share/gates. A manifest
// recorded from outside must equal what the gateway would have declared.
import { createHash } from "node:crypto";
import { type DeriveParams, deriveKey, masterIdOf } from "../crypto/derive.js";
import type { Keyring } from "../crypto/keyring.js";
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { type FindingInForce, type Hold, type Release, type Scope, scopeDigest } from "../ledger/entry.js";
import type { Agreement, CheckedPhase, Workspace } from "../model/workspace.js";
import { checkWorkspace } from "../policy/check.js";
import type { Finding } from "../policy/finding.js";
import { transformNamed } from "../transforms/index.js";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The part of an entry the agreement decides; counts, files, consent and operator come from the run. */
export type DeclaredRelease = Pick<
  Release,
  "released_at" | "agreement" | "recipient" | "legal_basis" | "purposes" | "fields" | "scope" | "findings"
>;

export interface ReleasePlanInput {
  workspace: Workspace;
  agreement: string;
  /** the operator's as-of time (`--at`); the clock by default */
  at: Date;
  keyring: Keyring;
  /** the file the agreement was read from, as bytes: its digest goes into the entry */
  agreementBytes: Uint8Array;
}

export interface ReleasePlan {
  agreement: Agreement;
  phase: CheckedPhase | undefined;
  declared: DeclaredRelease;
  /** derived keys of the pseudonym and token fields (secret: never logged) */
  keys: Map<string, { pseudonym?: Uint8Array; token?: Uint8Array }>;
}

/** Derivation parameters of a released field, or undefined for a field without a key. */
function deriveParams(a: Agreement, field: string): Omit<DeriveParams, "master"> | undefined {
  const rel = Object.hasOwn(a.fields, field) ? a.fields[field] : undefined;
  if (!rel) return undefined;
  const need = rel.transform.key;
  if (!need) return undefined;
  const scope = typeof rel.options.link_key === "string" ? rel.options.link_key : undefined;
  return {
    use: need.use,
    agreement: a.id,
    recipient: a.recipient,
    ...(scope ? { scope } : {}),
    length: need.length,
  };
}

/**
 * Plans a release of `agreement` as of `at`. Throws for an unknown agreement, check errors (exit 1) or no phase.
 * @example const plan = planRelease({ workspace, agreement: "nsf-credit-feed", at, keyring, agreementBytes });
 */
export function planRelease(input: ReleasePlanInput): ReleasePlan {
  const id = input.agreement.normalize("NFC");
  const doc = input.workspace.agreements.get(id);
  if (!doc)
    throw new JikimiError("unknown_agreement", t("engine.share.unknown_agreement", { id }), {
      hint: t("engine.share.see_agreements_known", {
        known: [...input.workspace.agreements.keys()].join(", ") || t("engine.share.none"),
      }),
    });
  const a = doc.value;
  const found = checkWorkspace(input.workspace, { at: day(input.at) }).filter(
    (f) => f.subject.kind === "agreement" && f.subject.id === a.id,
  );
  const errors = found.filter((f) => f.severity === "error");
  if (errors.length > 0)
    throw new JikimiError(
      "agreement_refused",
      t("engine.plan.refused", {
        id: a.id,
        count: errors.length,
        codes: [...new Set(errors.map((e) => e.code))].join(", "),
      }),
      { hint: t("engine.plan.refused_hint") },
    );
  const dataset = input.workspace.datasets.get(a.dataset)?.value;
  const recipient = input.workspace.recipients.get(a.recipient)?.value;
  if (!dataset || !recipient)
    throw new JikimiError("workspace_incomplete", t("engine.share.no_dataset_or_recipient"));
  const today = day(input.at);
  const phase = a.phases?.find(
    (p) => (p.from === undefined || p.from <= today) && (p.until === undefined || today < p.until),
  );
  if (a.phases && !phase)
    throw new JikimiError("no_phase", t("engine.plan.no_phase", { id: a.id, day: today }));
  const keys = new Map<string, { pseudonym?: Uint8Array; token?: Uint8Array }>();
  const keyIds = new Map<string, string>();
  for (const field of Object.keys(a.fields)) {
    const params = deriveParams(a, field);
    if (!params) continue;
    const k = deriveKey(input.keyring, params);
    keys.set(field, { [params.use]: k.key });
    keyIds.set(field, k.keyId);
  }
  const categories = (f: string) =>
    Object.hasOwn(dataset.fields, f) ? (dataset.fields[f]?.categories ?? []) : [];
  const scopeBody: Omit<Scope, "digest"> = {
    ...(phase
      ? {
          phase: {
            name: phase.name,
            ...(phase.from ? { from: phase.from } : {}),
            ...(phase.until ? { until: phase.until } : {}),
            model_building: phase.model_building,
          },
        }
      : {}),
    where: phase?.where ?? "true",
  };
  return {
    agreement: a,
    phase,
    keys,
    declared: {
      released_at: input.at.toISOString(),
      agreement: {
        id: a.id,
        version: a.version,
        digest: createHash("sha256").update(input.agreementBytes).digest("hex"),
      },
      recipient: { id: recipient.id, name: recipient.legal_name, country: recipient.country },
      legal_basis: a.legal_basis,
      purposes: a.purposes,
      fields: Object.entries(a.fields).map(([f, rel]) => {
        const keyId = keyIds.get(f);
        return {
          name: f,
          transform: rel.transform.name,
          ...(keyId ? { key_id: keyId } : {}),
          categories: categories(f),
        };
      }),
      scope: { ...scopeBody, digest: scopeDigest(scopeBody) },
      findings: inForce(found),
    },
  };
}

/** A held release as its hold entry records it: the declared terms, the reasons and what the run counted. */
export function heldRelease(
  d: DeclaredRelease,
  run: Pick<Hold, "holds" | "subjects" | "rows" | "operator" | "channel" | "release_id">,
): Hold {
  return {
    released_at: d.released_at,
    agreement: d.agreement,
    recipient: d.recipient,
    legal_basis: d.legal_basis,
    purposes: d.purposes,
    ...(d.findings ? { findings: d.findings } : {}),
    ...run,
  };
}

/** The warnings and gaps in force, as a release records them: code, severity and articles, in a stable order. */
function inForce(found: readonly Finding[]): FindingInForce[] {
  const out: FindingInForce[] = [];
  for (const f of found)
    if (f.severity !== "error")
      out.push({ code: f.code, severity: f.severity, articles: f.articles.map((x) => x.id) });
  return out.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
}

/**
 * Where a release recorded from outside contradicts what the gateway would declare: each difference names the
 * manifest field. Key ids must be ones the keyring derives for the field (active or retired master key).
 */
export function manifestMismatches(plan: ReleasePlan, manifest: Release, keyring: Keyring): string[] {
  const d = plan.declared;
  const out: string[] = [];
  if (manifest.agreement.id !== d.agreement.id)
    out.push(t("engine.manifest.agreement_id", { id: d.agreement.id }));
  if (manifest.agreement.version !== d.agreement.version)
    out.push(
      t("engine.manifest.agreement_version", {
        got: manifest.agreement.version,
        want: d.agreement.version,
      }),
    );
  if (manifest.agreement.digest !== d.agreement.digest) out.push(t("engine.manifest.agreement_digest"));
  for (const k of ["id", "name", "country"] as const)
    if (manifest.recipient[k] !== d.recipient[k]) out.push(t("engine.manifest.recipient", { key: k }));
  if (manifest.legal_basis !== d.legal_basis)
    out.push(t("engine.manifest.legal_basis", { basis: d.legal_basis }));
  if ([...manifest.purposes].sort().join("\n") !== [...d.purposes].sort().join("\n"))
    out.push(t("engine.manifest.purposes", { purposes: d.purposes.join(", ") }));
  // field names in a manifest may come decomposed (NFD); declared names are NFC
  const declared = new Map(d.fields.map((f) => [f.name, f]));
  for (const f of manifest.fields) {
    const name = f.name.normalize("NFC");
    // an unkeyed digest (the legacy hash) is reversible by enumeration, whatever the manifest says
    if (transformNamed(f.transform)?.exposure === "unkeyed_digest")
      out.push(t("engine.manifest.hash", { name }));
    const want = declared.get(name);
    if (!want) {
      out.push(t("engine.manifest.not_released", { name }));
      continue;
    }
    if (want.transform !== f.transform)
      out.push(t("engine.manifest.transform", { name, want: want.transform, got: f.transform }));
    const params = deriveParams(plan.agreement, name);
    if (params) {
      if (f.key_id === undefined) out.push(t("engine.manifest.no_key", { name }));
      else {
        const master = f.key_id.includes("/") ? masterIdOf(f.key_id) : "";
        const known = keyring.byId(master);
        if (!known?.secret || deriveKey(keyring, { ...params, master }).keyId !== f.key_id)
          out.push(t("engine.manifest.wrong_key", { name, key: f.key_id }));
      }
    }
  }
  for (const name of declared.keys())
    if (!manifest.fields.some((f) => f.name.normalize("NFC") === name))
      out.push(t("engine.manifest.missing_field", { name }));
  return out;
}
