// the log side's witness policy: which witnesses to ask (name, submission URL, cosigner vkey), how many cosignatures
// a checkpoint needs (the quorum), and how long to wait for each. Checked whole: every issue is reported at once.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { type CosignerKey, parseCosignerVkey } from "./cosignature.js";

export interface WitnessEndpoint {
  /** the witness's key name, as in its vkey */
  name: string;
  /** the submission prefix: requests go to `<url>/add-checkpoint` */
  url: string;
  /** the witness's cosigner vkey (type 0x04) */
  vkey: string;
}

export interface WitnessPolicy {
  witnesses: WitnessEndpoint[];
  quorum: number;
  /** per request; default 10 s */
  timeoutMs?: number;
}

export interface PolicyIssue {
  code: string;
  path: string;
  message: string;
}

export interface ResolvedWitness extends WitnessEndpoint {
  key: CosignerKey;
  /** `<url>/add-checkpoint` */
  endpoint: string;
}

export interface ResolvedPolicy {
  witnesses: ResolvedWitness[];
  quorum: number;
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Every problem of a policy, as data (empty when it is usable).
 * @example checkPolicy({ witnesses: [], quorum: 1 }) // [{ code: "no_witness", path: "witnesses", ... }]
 */
export function checkPolicy(policy: WitnessPolicy): PolicyIssue[] {
  return resolve(policy).issues;
}

/**
 * The policy with parsed keys and endpoints; throws one JikimiError naming every issue.
 * @example resolvePolicy({ witnesses: [{ name, url: "http://127.0.0.1:7380", vkey }], quorum: 1 }).witnesses[0].endpoint
 */
export function resolvePolicy(policy: WitnessPolicy): ResolvedPolicy {
  const { issues, resolved } = resolve(policy);
  if (issues.length > 0)
    throw new JikimiError(
      "witness_policy_invalid",
      t("witness.policy.invalid", { issues: issues.map((i) => `${i.path}: ${i.message}`).join("; ") }),
    );
  return resolved;
}

function resolve(policy: WitnessPolicy): { issues: PolicyIssue[]; resolved: ResolvedPolicy } {
  const issues: PolicyIssue[] = [];
  const witnesses: ResolvedWitness[] = [];
  const seen = new Set<string>();
  policy.witnesses.forEach((w, i) => {
    const path = `witnesses[${i}]`;
    let key: CosignerKey | undefined;
    try {
      key = parseCosignerVkey(w.vkey);
    } catch (e) {
      issues.push({ code: "vkey_invalid", path: `${path}.vkey`, message: (e as Error).message });
    }
    if (key && key.name !== w.name)
      issues.push({
        code: "name_mismatch",
        path: `${path}.name`,
        message: t("witness.policy.name_mismatch", { key: key.name, name: w.name }),
      });
    if (seen.has(w.name))
      issues.push({
        code: "duplicate_witness",
        path: `${path}.name`,
        message: t("witness.policy.duplicate", { name: w.name }),
      });
    seen.add(w.name);
    let url: URL | undefined;
    try {
      url = new URL(w.url);
    } catch {
      // reported below
    }
    if (
      !url ||
      (url.protocol !== "http:" && url.protocol !== "https:") ||
      url.search !== "" ||
      url.hash !== ""
    )
      issues.push({
        code: "url_invalid",
        path: `${path}.url`,
        message: t("witness.policy.url"),
      });
    if (key && url) witnesses.push({ ...w, key, endpoint: `${w.url.replace(/\/+$/, "")}/add-checkpoint` });
  });
  const n = policy.witnesses.length;
  if (n === 0)
    issues.push({ code: "no_witness", path: "witnesses", message: t("witness.policy.no_witness") });
  // a quorum of 0 collects cosignatures without requiring any (a trial period with new witnesses)
  else if (!Number.isSafeInteger(policy.quorum) || policy.quorum < 0 || policy.quorum > n)
    issues.push({
      code: "quorum_out_of_range",
      path: "quorum",
      message: t("witness.policy.quorum", { count: n, quorum: policy.quorum }),
    });
  const timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000)
    issues.push({ code: "timeout_out_of_range", path: "timeoutMs", message: t("witness.policy.timeout") });
  return { issues, resolved: { witnesses, quorum: policy.quorum, timeoutMs } };
}
