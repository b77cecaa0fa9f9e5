// digest columns in a scan. While the scanner counts, each column keeps the values of a digest length (hex or base64
// of MD5, SHA-1, SHA-256, SHA-512) among its first DIGEST_WINDOW non-empty values; after the pass, a column whose
// window is digests (>= 90% of it, >= 50% under a hash hint such as phone_sha256 or 해시) has up to DIGEST_SAMPLE
// distinct digests put through the hash audit (hash-audit.ts: dates of birth, then the Korean mobile space for MD5,
// SHA-1 and SHA-256).
//   - some recovered: the column is the personal data behind it (category of the space that recovered most),
//     confidence 1, and it counts as personal data like any other finding;
//   - none: a digest nobody reversed from what was tried, reported as a pseudonymous identifier (user.unique_id,
//     a possible join key) at medium level, which does not make the file "personal data found".
// Other columns cost one length check per value of the window. Nothing kept or returned is a value.
import {
  type AuditInternals,
  type AuditSpace,
  auditDigestsWith,
  digestShape,
  hasShape,
} from "./hash-audit.js";
import { hashHint, prepareName } from "./hints.js";
import type { ColumnFinding, ColumnResult } from "./result.js";

/** Non-empty values per column looked at for the digest shape. */
export const DIGEST_WINDOW = 1024;
/** Distinct digests per column put through the audit. */
export const DIGEST_SAMPLE = 64;

const SHARE = 0.9;
const HINTED_SHARE = 0.5;
const PSEUDONYM_CATEGORY = "user.unique_id";
/** the category of the data a space recovers, by the prefix of the audit's form names */
const SPACE_CATEGORY: readonly [prefix: string, category: string][] = [
  ["mobile", "user.contact.phone.mobile"],
  ["birthdate", "user.demographic.date_of_birth"],
];

const LENGTHS = new Uint8Array(129);
// hex 32/40/64/128; base64 unpadded 22/27/43/86 and padded 24/28/44/88
for (const n of [32, 40, 64, 128, 22, 24, 27, 28, 43, 44, 86, 88]) LENGTHS[n] = 1;

/** The window of one column: values of a digest length, and how many other non-empty values it held. */
export class DigestWindow implements WindowState {
  left = DIGEST_WINDOW;
  readonly values: string[] = [];
  /** each kept value's place among the non-empty values the window took (0-based) */
  readonly positions: number[] = [];
  others = 0;

  /** Takes one trimmed non-empty value while the window is open. */
  add(v: string): void {
    const at = DIGEST_WINDOW - this.left;
    this.left--;
    if (v.length <= 128 && LENGTHS[v.length] === 1) {
      this.values.push(v);
      this.positions.push(at);
    } else this.others++;
  }

  /**
   * Continues with the window of the rows that follow (a block counted on another thread), as far as this one is
   * still open: the result is the window one pass over both would have kept.
   */
  follow(next: WindowState): void {
    const base = DIGEST_WINDOW - this.left;
    const n = Math.min(this.left, DIGEST_WINDOW - next.left);
    let kept = 0;
    for (let i = 0; i < next.values.length && (next.positions[i] as number) < n; i++) {
      this.values.push(next.values[i] as string);
      this.positions.push(base + (next.positions[i] as number));
      kept++;
    }
    this.others += n - kept;
    this.left -= n;
  }
}

/** A window as data (what crosses from a worker thread). */
export interface WindowState {
  left: number;
  values: string[];
  positions: number[];
  others: number;
}

/** How the scan audits digest columns. */
export interface DigestAuditOptions {
  /** worker threads for the mobile space; default one per core */
  threads?: number;
  /** default every space the audit knows */
  spaces?: readonly AuditSpace[];
  signal?: AbortSignal;
  /** a smaller mobile space, for tests */
  internals?: AuditInternals;
}

/**
 * Audits each digest-looking column and appends its finding (see the module comment).
 * @example await addDigestFindings(columns, windows, {}, titleOf)
 */
export async function addDigestFindings(
  columns: ColumnResult[],
  windows: readonly DigestWindow[],
  options: DigestAuditOptions,
  title: (category: string) => string,
): Promise<void> {
  for (const column of columns) {
    const window = windows[column.index];
    if (window === undefined || window.values.length === 0) continue;
    const finding = await auditColumn(column.name, window, options, title);
    if (finding !== undefined) column.findings.push(finding);
  }
}

async function auditColumn(
  name: string,
  window: DigestWindow,
  options: DigestAuditOptions,
  title: (category: string) => string,
): Promise<ColumnFinding | undefined> {
  const hint = hashHint(prepareName(name));
  const share = hint === undefined ? SHARE : HINTED_SHARE;
  const shape = digestShape(window.values, { others: window.others, share });
  if (shape === undefined) return undefined;
  const shaped = window.values.filter((v) => hasShape(v, shape));
  const sample = [...new Set(shaped)].slice(0, DIGEST_SAMPLE);
  const audit = await auditDigestsWith(
    sample,
    shape,
    {
      ...(options.spaces === undefined ? {} : { spaces: options.spaces }),
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
    options.internals ?? {},
  );
  const reversedBy = Object.entries(audit.byForm)
    .filter(([, n]) => n > 0)
    .map(([form]) => form);
  let category = PSEUDONYM_CATEGORY;
  let best = 0;
  for (const [prefix, c] of SPACE_CATEGORY) {
    let n = 0;
    for (const [form, k] of Object.entries(audit.byForm)) if (form.startsWith(prefix)) n += k;
    if (n > best) {
      best = n;
      category = c;
    }
  }
  const reversible = audit.reversed > 0;
  const confidence = reversible ? 1 : hint === undefined ? 0.6 : 0.7;
  return {
    category,
    title: title(category),
    confidence,
    level: reversible ? "high" : "medium",
    matches: shaped.length,
    inFreeText: false,
    detectors: [`digest-${shape.algorithm}-${shape.encoding}`],
    ...(hint === undefined ? {} : { hint }),
    digest: {
      algorithm: shape.algorithm,
      encoding: shape.encoding,
      sampled: audit.distinct,
      recovered: audit.reversed,
      share: Math.round(audit.share * 1000) / 1000,
      reversible,
      reversedBy,
      tried: audit.tried,
      mobileSearched: audit.mobileSearched,
    },
  };
}

/** Whether a finding makes a file hold personal data: every finding under `user` but a digest nobody reversed. */
export function countsAsPersonal(f: ColumnFinding): boolean {
  return f.digest === undefined || f.digest.reversible;
}
