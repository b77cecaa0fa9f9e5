// an agreement's history as the dashboard's agreements page shows it, from the DPIA view's figures (dpia(): release
// bodies proven against the signed checkpoint) and the declaration now: the released versions grouped by (version,
// digest) with their first and last release, the difference between the terms two versions released under, and the
// declared volume limits against the released volumes. Pure functions over data the route gathers.
import { type dpia, type ReleasedTerms, type TermsChange, termsChange } from "../../public/report.js";

type DpiaData = Awaited<ReturnType<typeof dpia>>["data"];

export interface VersionSummary {
  version: number;
  digest: string;
  releases: number;
  first: { seq: number; released_at: string };
  last: { seq: number; released_at: string };
  terms: ReleasedTerms;
}

export interface TermsDiff extends TermsChange {
  from: { version: number; digest: string };
  to: { version: number; digest: string };
}

export interface VolumeLimits {
  max_subjects: number | null;
  max_growth: number | null;
  max_releases_per_day: number | null;
}

/** A measured figure against its limit: `within` is null when no limit is declared. */
export interface Measured<T> {
  value: T;
  limit: number | null;
  within: boolean | null;
}

export interface VolumeActuals {
  largest: ({ seq: number; released_at: string } & Measured<number>) | null;
  latest: ({ seq: number; released_at: string } & Measured<number>) | null;
  /** the largest rise of people over the previous release (0.2 = 20% more), as the growth gate measures it */
  growth: ({ seq: number; released_at: string; people: number; previous: number } & Measured<number>) | null;
  /** the UTC day with the most releases */
  busiest_day: ({ day: string } & Measured<number>) | null;
}

/** The released versions, each with the dates of its first and last release (from the proven bodies). */
export function versionsOf(data: Pick<DpiaData, "versions" | "volume">): VersionSummary[] {
  const at = new Map(data.volume.history.map((h) => [h.seq, h.released_at]));
  return data.versions.map((v) => ({
    version: v.version,
    digest: v.digest,
    releases: v.releases,
    first: { seq: v.first_seq, released_at: at.get(v.first_seq) ?? "" },
    last: { seq: v.last_seq, released_at: at.get(v.last_seq) ?? "" },
    terms: v.terms,
  }));
}

/**
 * What changed from one version's released terms to another's (termsChange), with the two versions named.
 * @example termsDiff(v1, v2).fields_added // [{ name: "email", transform: "pseudonym" }]
 */
export function termsDiff(from: VersionSummary, to: VersionSummary): TermsDiff {
  return {
    from: { version: from.version, digest: from.digest },
    to: { version: to.version, digest: to.digest },
    ...termsChange(from.terms, to.terms),
  };
}

const measured = <T extends number>(value: T, limit: number | null | undefined): Measured<T> => ({
  value,
  limit: limit ?? null,
  within: limit === null || limit === undefined ? null : value <= limit,
});

/**
 * The released volumes against the declared limits: the largest and the latest release's people (max_subjects),
 * the largest growth over the previous release (max_growth) and the busiest UTC day's releases
 * (max_releases_per_day). `history` is the agreement's releases in entry order.
 * @example volumeActuals(history, { max_subjects: 1000, max_growth: 0.2, max_releases_per_day: null })
 */
export function volumeActuals(
  history: readonly { seq: number; released_at: string; people: number }[],
  limits: VolumeLimits,
): VolumeActuals {
  let largest: (typeof history)[number] | undefined;
  let growth: { at: (typeof history)[number]; previous: number; ratio: number } | undefined;
  const perDay = new Map<string, number>();
  for (const [i, h] of history.entries()) {
    if (largest === undefined || h.people > largest.people) largest = h;
    const prev = history[i - 1];
    if (prev !== undefined && prev.people > 0) {
      const ratio = h.people / prev.people - 1;
      if (growth === undefined || ratio > growth.ratio) growth = { at: h, previous: prev.people, ratio };
    }
    const day = h.released_at.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const latest = history.at(-1);
  let busiest: [string, number] | undefined;
  for (const [day, n] of perDay) if (busiest === undefined || n > busiest[1]) busiest = [day, n];
  const release = (h: (typeof history)[number] | undefined) =>
    h === undefined
      ? null
      : { seq: h.seq, released_at: h.released_at, ...measured(h.people, limits.max_subjects) };
  return {
    largest: release(largest),
    latest: release(latest),
    growth:
      growth === undefined
        ? null
        : {
            seq: growth.at.seq,
            released_at: growth.at.released_at,
            people: growth.at.people,
            previous: growth.previous,
            ...measured(growth.ratio, limits.max_growth),
          },
    busiest_day:
      busiest === undefined
        ? null
        : { day: busiest[0], ...measured(busiest[1], limits.max_releases_per_day) },
  };
}
