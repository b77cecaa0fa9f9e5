// from per-column counts to categories. The rule, per column with n non-empty values and per category c:
//   raw(c)      = (values matching any detector of c) / n, summed over c's detectors (they are disjoint), capped at 1
//   weighted(c) = sum over c's detectors of share x weight (weak patterns weigh less: bank 0.3, unchecked RRN 0.6)
//   - the column name carries a hint of one of c's detectors (and no negative word such as "order"):
//       confidence = 0.5 + 0.5 x raw, if raw >= 0.2 (the hint vouches for a weak pattern; else nothing)
//   - no hint: confidence = weighted, times 0.4 when the name holds a negative word (order, sku, product, ...),
//     else times 0.6 when it hints another category;
//     a detector with a plausibility test (dates of birth: years spread like birth years) counts only if it holds
//   - in free text (values that hold a match inside longer text, when c was not found as whole values):
//       confidence = min(1, 0.5 + share) if at least 1% of values hold one
// A category is reported at confidence >= 0.5: "high" from 0.8, else "medium".
import type { Detector } from "./detector.js";
import { firstHint, prepareName } from "./hints.js";
import type { ColumnFinding } from "./result.js";

export const REPORT_AT = 0.5;
const HIGH_AT = 0.8;
const HINTED_MIN_SHARE = 0.2;
const OTHER_HINT_FACTOR = 0.6;
const NEGATIVE_FACTOR = 0.4;
const FREE_TEXT_MIN_SHARE = 0.01;

/** The bounded state of one column: counts per detector and min/max of detector features. */
export interface ColumnCounts {
  nonEmpty: number;
  matches: Float64Array;
  freeText: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** Fresh counts for `detectors` whole-value detectors and `freeText` free-text detectors. */
export function newCounts(detectors: number, freeText: number): ColumnCounts {
  return {
    nonEmpty: 0,
    matches: new Float64Array(detectors),
    freeText: new Float64Array(freeText),
    min: new Float64Array(detectors).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(detectors).fill(Number.NEGATIVE_INFINITY),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * Classifies one column. `title` names a category.
 * @example classifyColumn("phone", counts, DETECTORS, FREE_TEXT_DETECTORS, titleOf)[0].category
 */
export function classifyColumn(
  column: string,
  counts: ColumnCounts,
  detectors: readonly Detector[],
  freeTextDetectors: readonly Detector[],
  title: (category: string) => string,
): ColumnFinding[] {
  const n = counts.nonEmpty;
  if (n === 0) return [];
  const name = prepareName(column);
  const categories = [...new Set(detectors.map((d) => d.category))];
  const hintOf = new Map<string, string>();
  for (const c of categories) {
    for (const d of detectors) {
      if (d.category !== c) continue;
      const h = firstHint(name, d.nameHints);
      if (h !== undefined) {
        hintOf.set(c, h);
        break;
      }
    }
  }
  const out: ColumnFinding[] = [];
  for (const c of categories) {
    let raw = 0;
    let weighted = 0;
    let matches = 0;
    const ids: string[] = [];
    detectors.forEach((d, k) => {
      const m = counts.matches[k] ?? 0;
      if (d.category !== c || m === 0) return;
      const share = m / n;
      raw += share;
      matches += m;
      ids.push(d.id);
      const ok = d.plausible === undefined || d.plausible(counts.min[k] ?? 0, counts.max[k] ?? 0);
      if (ok) weighted += share * (d.weight ?? 1);
    });
    if (matches === 0) continue;
    raw = Math.min(1, raw);
    const hint = hintOf.get(c);
    let confidence: number;
    if (hint !== undefined) confidence = raw >= HINTED_MIN_SHARE ? 0.5 + 0.5 * raw : 0;
    else {
      const other = [...hintOf.keys()].some((k) => k !== c);
      const factor = name.negative ? NEGATIVE_FACTOR : other ? OTHER_HINT_FACTOR : 1;
      confidence = Math.min(1, weighted) * factor;
    }
    if (confidence < REPORT_AT) continue;
    out.push(finding(c, title(c), confidence, matches, false, ids, hint));
  }
  freeTextDetectors.forEach((d, k) => {
    const m = counts.freeText[k] ?? 0;
    if (m === 0 || m / n < FREE_TEXT_MIN_SHARE) return;
    if (out.some((f) => f.category === d.category && !f.inFreeText)) return;
    const same = out.find((f) => f.category === d.category && f.inFreeText);
    if (same) {
      same.matches = Math.max(same.matches, m);
      same.detectors.push(d.id);
      same.confidence = round(Math.max(same.confidence, Math.min(1, 0.5 + m / n)));
      return;
    }
    out.push(finding(d.category, title(d.category), Math.min(1, 0.5 + m / n), m, true, [d.id], undefined));
  });
  return out.sort((a, b) => b.confidence - a.confidence || a.category.localeCompare(b.category));
}

function finding(
  category: string,
  title: string,
  confidence: number,
  matches: number,
  inFreeText: boolean,
  detectors: string[],
  hint: string | undefined,
): ColumnFinding {
  const c = round(confidence);
  return {
    category,
    title,
    confidence: c,
    level: c >= HIGH_AT ? "high" : "medium",
    matches,
    inFreeText,
    detectors,
    ...(hint === undefined ? {} : { hint }),
  };
}
