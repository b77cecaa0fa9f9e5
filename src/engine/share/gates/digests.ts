// gate: the hash audit. Every released field without a key is sampled; a column that looks like digests and whose
// sampled values can be reversed (dates of birth, mobile numbers) holds the release.
import { isDigitAlgorithm } from "../../../crypto/digits/index.js";
import { auditDigests, auditDigestsWith, type DigestShape, digestShape } from "../../../scan/hash-audit.js";
import type { Hold } from "./hold.js";

/** A released column of digests found by sampling, audited before release. */
export interface DigestFinding {
  field: string;
  algorithm: string;
  sampled: number;
  reversed: number;
}

/**
 * Audits each sampled column (`samples[i]` holds distinct values of `fields[i]`): findings for the columns that look
 * like digests, a hold for each one with a reversed value.
 */
export async function digestGate(
  samples: Set<string>[],
  fields: string[],
  signal: AbortSignal | undefined,
): Promise<{ findings: DigestFinding[]; holds: Hold[] }> {
  const findings: DigestFinding[] = [];
  const holds: Hold[] = [];
  for (const [p, values] of samples.entries()) {
    const field = fields[p] ?? "?";
    const sample = [...values];
    const shape = digestShape(sample);
    if (!shape) continue;
    const audit = await cheapestFirst(sample, shape, signal);
    findings.push({ field, algorithm: shape.algorithm, sampled: audit.distinct, reversed: audit.reversed });
    if (audit.reversed > 0)
      holds.push({
        code: "reversible_digests",
        measured: audit.reversed,
        limit: 0,
        field,
        algorithm: shape.algorithm,
        distinct: audit.distinct,
        seconds: audit.seconds,
      });
  }
  return { findings, holds };
}

/**
 * The gate only needs to know whether anything can be reversed, so the cheap spaces go first (dates of birth),
 * then one mobile format at a time, stopping at the first that recovers a value.
 */
async function cheapestFirst(sample: string[], shape: DigestShape, signal: AbortSignal | undefined) {
  const base = signal ? { signal } : {};
  let audit = await auditDigests(sample, shape, { ...base, spaces: ["birthdate"] });
  for (const format of ["plain", "hyphenated", "international"] as const) {
    if (audit.reversed > 0 || !isDigitAlgorithm(shape.algorithm)) break;
    audit = await auditDigestsWith(
      sample,
      shape,
      { ...base, spaces: ["mobile"] },
      { mobileFormats: [format] },
    );
  }
  return audit;
}
