// a release's result as the API gives it: the ShareResult as data in snake_case, file names without the server's
// folders, and `held` as the CLI's exit code 3 would tell it (held reasons as the gateway words them).
import { basename } from "node:path";
import type { DistributedResult } from "../../public/distributed.js";
import type { ShareResult } from "../../public/share.js";

/** What a release job's `result` holds. */
export interface ReleaseView {
  agreement: string;
  at: string;
  dry_run: boolean;
  /** true when a guard held the release: nothing was written, the hold recorded as `hold` (the CLI's exit code 3) */
  held: boolean;
  /** why it was held; with an override, the holds that were overridden */
  held_reasons: string[];
  overridden: boolean;
  counts: {
    read: number;
    bad: number;
    out_of_scope: number;
    no_consent: number;
    released: number;
    subjects: number;
  };
  previous_subjects?: number;
  /** the released file's name; GET /v1/jobs/{id}/output gives it (a distributed release: its parts, in order) */
  output?: string;
  /** a distributed release: its deterministic id, and its part files' names in order */
  release_id?: string;
  parts?: string[];
  manifest?: string;
  quarantine?: string;
  quarantined: { row: number; field?: string; code: string }[];
  entry?: {
    seq: number;
    size: number;
    root: string;
    leaf_hash: string;
    subjects: number;
    new_subjects: number;
    recorded_at: string;
  };
  /** the signed hold entry of a held release */
  hold?: { seq: number; size: number; root: string; leaf_hash: string; recorded_at: string };
  risk?: { k: number; unique_share: number };
  digests?: { field: string; algorithm: string; sampled: number; reversed: number }[];
  recovered?: { agreement: string; action: string; seq?: number };
}

/**
 * The API's view of `r`, a release of `agreement` at `at`.
 * @example releaseView(result, { agreement: "newsletter-mailing", at, dryRun: false, override: undefined })
 */
export function releaseView(
  r: ShareResult | DistributedResult,
  run: { agreement: string; at: Date; dryRun: boolean; override: string | undefined },
): ReleaseView {
  const c = r.counts;
  const overridden = r.held.length > 0 && run.override !== undefined;
  return {
    agreement: run.agreement,
    at: run.at.toISOString(),
    dry_run: run.dryRun,
    held: r.held.length > 0 && !overridden,
    held_reasons: [...r.held],
    overridden,
    counts: {
      read: c.read,
      bad: c.bad,
      out_of_scope: c.outOfScope,
      no_consent: c.noConsent,
      released: c.released,
      subjects: c.subjects,
    },
    ...(r.previous === undefined ? {} : { previous_subjects: r.previous }),
    ...(r.output ? { output: basename(r.output) } : {}),
    ...("releaseId" in r ? { release_id: r.releaseId, parts: r.parts.map((p) => basename(p)) } : {}),
    ...(r.manifest ? { manifest: basename(r.manifest) } : {}),
    ...(r.quarantine ? { quarantine: basename(r.quarantine) } : {}),
    quarantined: r.quarantined.map((q) => ({
      row: q.row,
      ...(q.field ? { field: q.field } : {}),
      code: q.code,
    })),
    ...(r.entry
      ? {
          entry: {
            seq: r.entry.seq,
            size: r.entry.size,
            root: r.entry.root,
            leaf_hash: r.entry.leafHash,
            subjects: r.entry.subjects,
            new_subjects: r.entry.newSubjects,
            recorded_at: r.entry.recordedAt,
          },
        }
      : {}),
    ...(r.hold
      ? {
          hold: {
            seq: r.hold.seq,
            size: r.hold.size,
            root: r.hold.root,
            leaf_hash: r.hold.leafHash,
            recorded_at: r.hold.recordedAt,
          },
        }
      : {}),
    ...(r.risk ? { risk: { k: r.risk.k, unique_share: r.risk.uniqueShare } } : {}),
    ...(r.digests ? { digests: r.digests.map((d) => ({ ...d })) } : {}),
    ...(r.recovered
      ? {
          recovered: {
            agreement: r.recovered.agreement,
            action: r.recovered.action,
            ...(r.recovered.seq === undefined ? {} : { seq: r.recovered.seq }),
          },
        }
      : {}),
  };
}

/** `value` as a release job's result, when it is one. */
export function asReleaseView(value: unknown): ReleaseView | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Partial<ReleaseView>;
  return typeof v.agreement === "string" && typeof v.held === "boolean" && typeof v.dry_run === "boolean"
    ? (v as ReleaseView)
    : undefined;
}
