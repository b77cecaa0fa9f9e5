// the hash audit: tell whether a column holds unkeyed digests (MD5, SHA-1, SHA-256, SHA-512 in hex or base64) and
// try to reverse them by enumerating what personal data usually is, cheapest first: the caller's candidate list,
// dates of birth (node:crypto, every algorithm), then the whole Korean mobile space (MD5, SHA-1 and SHA-256, through
// the WebAssembly SIMD digit kernels of src/crypto/digits on worker threads, mobile-search.ts; SHA-512 has no kernel
// and through node:crypto the space would take minutes, so it is not enumerated). The audit stops as soon as every
// distinct digest is recovered. `tried` and `verdict` are sentences in the language in force (src/i18n); the form
// names (byForm keys, e.g. "mobile 010-####-####") are stable codes.
//
// The audit returns counts only. Recovered plaintexts never leave the search (the workers answer with target
// indexes), and no digest value is put in a result or a message: a digest of personal data is personal data.
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { isDigitAlgorithm, KOREAN_MOBILE_TEMPLATES } from "../crypto/digits/index.js";
import { t } from "../i18n/index.js";
import { searchMobile } from "./mobile-search.js";

export type DigestAlgorithm = "md5" | "sha1" | "sha256" | "sha512";

export interface DigestShape {
  algorithm: DigestAlgorithm;
  encoding: "hex" | "base64" | "base64url";
}

/** The spaces the audit enumerates, cheapest first. */
export const AUDIT_SPACES = ["birthdate", "mobile"] as const;
export type AuditSpace = (typeof AUDIT_SPACES)[number];

export interface AuditOptions {
  /** values the recipient may hold, e.g. the controller's own e-mail list; tried as given, trimmed, lower- and upper-case, before any space */
  candidates?: readonly string[];
  /** the spaces to enumerate (in the order of AUDIT_SPACES whatever the order given); default all */
  spaces?: readonly AuditSpace[];
  /** worker threads for the mobile space; default one per core */
  threads?: number;
  signal?: AbortSignal;
}

export interface AuditResult {
  shape: DigestShape;
  /** non-empty values audited (values of another shape are left out) */
  values: number;
  /** distinct digests among them */
  distinct: number;
  /** distinct digests recovered */
  reversed: number;
  /** reversed / distinct */
  share: number;
  seconds: number;
  /** what was enumerated, e.g. "mobile 010######## (10^8)", "birthdate YYYYMMDD 1900-2025", "12,000 candidates" */
  tried: string[];
  /** distinct digests recovered under each form tried; each digest counts once, under the first form that found it */
  byForm: Record<string, number>;
  /** true when every distinct digest was recovered before all that was asked for was enumerated */
  stoppedEarly: boolean;
  /**
   * whether the Korean mobile space was searched (asked for, and the algorithm has a kernel: not SHA-512), or
   * skipped because every digest was already recovered: only then does "none recovered" suggest a keyed pseudonym
   */
  mobileSearched: boolean;
  verdict: string;
}

/** Internal knobs for tests and benchmarks: a smaller mobile space, or fewer formats. */
export interface AuditInternals {
  /** numbers n in [start, end) of the 8 digits after 010; default the whole [0, 10^8) */
  mobileRange?: readonly [number, number];
  mobileFormats?: readonly (keyof typeof KOREAN_MOBILE_TEMPLATES)[];
  /** numbers per task sent to a worker; default 5,000,000 */
  chunk?: number;
}

const BYTES: Record<DigestAlgorithm, number> = { md5: 16, sha1: 20, sha256: 32, sha512: 64 };
const ALGORITHMS: readonly DigestAlgorithm[] = ["md5", "sha1", "sha256", "sha512"];
const ENCODINGS: readonly DigestShape["encoding"][] = ["hex", "base64", "base64url"];
const NAMES: Record<DigestAlgorithm, string> = {
  md5: "MD5",
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha512: "SHA-512",
};
const HEX_LENGTH = new Map<number, DigestAlgorithm>(ALGORITHMS.map((a) => [BYTES[a] * 2, a]));
/** Unpadded base64 length of each digest size. */
const B64_LENGTH = new Map<number, DigestAlgorithm>(
  ALGORITHMS.map((a) => [Math.ceil((BYTES[a] * 4) / 3), a]),
);
const SHARE_NEEDED = 0.9;
const MOBILE_SPACE = 100_000_000;
const DEFAULT_CHUNK = 5_000_000;

const HEX = /^[0-9a-fA-F]+$/;
const DIGITS = /^[0-9]+$/;
const B64_BODY = /^[A-Za-z0-9+/_-]+$/;
const UUID4 = /^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/i;

/** The shapes one (trimmed, non-empty) value can be, as keys "algorithm/encoding". */
function shapesOf(v: string): string[] {
  const hexAlg = HEX_LENGTH.get(v.length);
  // an all-decimal string is a number, not a digest: a random 32-hex digest has no letter with odds 3e-7
  if (hexAlg !== undefined && HEX.test(v) && !DIGITS.test(v)) return [`${hexAlg}/hex`];
  const body = v.replace(/={1,2}$/, "");
  const alg = B64_LENGTH.get(body.length);
  if (alg === undefined || !B64_BODY.test(body)) return [];
  if (v.length !== body.length && v.length % 4 !== 0) return []; // padding, when present, must complete the quad
  const std = /[+/]/.test(body);
  const url = /[-_]/.test(body);
  if (std && url) return [];
  // canonical: the unused low bits of the last character are zero (a random token of that length rarely is)
  const bytes = Buffer.from(body, "base64");
  if (bytes.length !== BYTES[alg]) return [];
  const again = bytes.toString(url ? "base64url" : "base64").replace(/=+$/, "");
  if (again !== body) return [];
  if (std) return [`${alg}/base64`];
  if (url) return [`${alg}/base64url`];
  return [`${alg}/base64`, `${alg}/base64url`];
}

/**
 * The digest shape most non-empty values share (>= 90% of them, or `share`), or undefined. `others` counts
 * non-empty values not passed in. Hex of any case; base64 padded
 * or not, in either alphabet. All-decimal strings and hyphenless UUIDs (v4) are not taken for digests.
 * @example digestShape(column) // { algorithm: "sha256", encoding: "hex" }
 */
export function digestShape(
  values: readonly string[],
  options: { share?: number; others?: number } = {},
): DigestShape | undefined {
  const counts = new Map<string, number>();
  // non-empty values the caller left out (e.g. of no digest length): they count against the share
  let nonEmpty = options.others ?? 0;
  let uuid = 0;
  for (const raw of values) {
    const v = raw.trim();
    if (v === "") continue;
    nonEmpty++;
    if (v.length === 32 && UUID4.test(v)) uuid++;
    for (const s of shapesOf(v)) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  if (nonEmpty === 0) return undefined;
  let best: DigestShape | undefined;
  let bestCount = 0;
  for (const algorithm of ALGORITHMS) {
    for (const encoding of ENCODINGS) {
      const c = counts.get(`${algorithm}/${encoding}`) ?? 0;
      if (c > bestCount) {
        best = { algorithm, encoding };
        bestCount = c;
      }
    }
  }
  if (best === undefined || bestCount < (options.share ?? SHARE_NEEDED) * nonEmpty) return undefined;
  // a column of hyphenless random UUIDs has the MD5 hex shape; a random digest has the v4 marks with odds 1/64
  if (best.algorithm === "md5" && best.encoding === "hex" && uuid > bestCount / 2) return undefined;
  return best;
}

/** Whether `value` (trimmed) is a digest of `shape`: the values {@link auditDigests} audits. */
export function hasShape(value: string, shape: DigestShape): boolean {
  return shapesOf(value.trim()).includes(`${shape.algorithm}/${shape.encoding}`);
}

/** The digest bytes of `v` (trimmed) when it has `shape`, else undefined. */
function decode(v: string, shape: DigestShape): Buffer | undefined {
  if (!hasShape(v, shape)) return undefined;
  return Buffer.from(v, shape.encoding === "hex" ? "hex" : "base64");
}

const count = (n: number): string => n.toLocaleString("en-US");
/** The algorithms whose mobile space is enumerated, for messages. */
const KERNEL_NAMES = "MD5, SHA-1, SHA-256";
const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The targets: distinct digests (bytes -> index) and their bytes, back to back in shared memory. */
interface Targets {
  index: DigestIndex;
  bytes: Uint8Array;
  values: number;
}

/**
 * Distinct digests of one size, back to back in a growing shared buffer, found by their bytes through an
 * open-addressing table keyed by their first four bytes (digests are uniform). Built once per audit: a Map of
 * 100,000 hex strings took 75 ms of a 4 s audit, this a few.
 */
class DigestIndex {
  bytes: Uint8Array;
  size = 0;
  private slots: Int32Array;
  private mask: number;

  constructor(
    private readonly width: number,
    most: number,
  ) {
    let capacity = 16;
    while (capacity < 2 * most) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.bytes = new Uint8Array(new SharedArrayBuffer(Math.max(1, Math.min(most, 1 << 16) * width)));
  }

  /** Where a digest's first slot is. */
  private home(d: Uint8Array, at: number): number {
    return (
      (((d[at] as number) |
        ((d[at + 1] as number) << 8) |
        ((d[at + 2] as number) << 16) |
        ((d[at + 3] as number) << 24)) >>>
        0) &
      this.mask
    );
  }

  private same(i: number, d: Uint8Array, at: number): boolean {
    const w = this.width;
    const b = this.bytes;
    for (let k = 0; k < w; k++) if (b[i * w + k] !== d[at + k]) return false;
    return true;
  }

  /** The target index of the digest d[at, at + width), or undefined. */
  get(d: Uint8Array, at = 0): number | undefined {
    for (let s = this.home(d, at); ; s = (s + 1) & this.mask) {
      const i = this.slots[s] as number;
      if (i < 0) return undefined;
      if (this.same(i, d, at)) return i;
    }
  }

  /** Room for one more digest at the end of `bytes` (where the caller parses the next value). */
  reserve(): number {
    const need = (this.size + 1) * this.width;
    if (need > this.bytes.length) {
      const grown = new Uint8Array(new SharedArrayBuffer(Math.max(need, this.bytes.length * 2)));
      grown.set(this.bytes);
      this.bytes.fill(0);
      this.bytes = grown;
    }
    return this.size * this.width;
  }

  /** Keeps the digest parsed at the end of `bytes` unless it is there already. */
  keep(): void {
    const at = this.size * this.width;
    for (let s = this.home(this.bytes, at); ; s = (s + 1) & this.mask) {
      const i = this.slots[s] as number;
      if (i < 0) {
        this.slots[s] = this.size++;
        return;
      }
      if (this.same(i, this.bytes, at)) return;
    }
  }

  /** The targets' bytes, exactly (the parse area beyond them wiped). */
  exact(): Uint8Array {
    const out = new Uint8Array(new SharedArrayBuffer(Math.max(1, this.size * this.width)));
    out.set(this.bytes.subarray(0, this.size * this.width));
    this.bytes.fill(0);
    // lookups go on against the exact copy
    this.bytes = out;
    return out;
  }
}

function targetsOf(values: readonly string[], shape: DigestShape): Targets {
  const size = BYTES[shape.algorithm];
  if (shape.encoding === "hex") return hexTargets(values, size);
  const index = new DigestIndex(size, values.length);
  let audited = 0;
  for (const raw of values) {
    const d = decode(raw.trim(), shape);
    if (d === undefined) continue;
    audited++;
    index.bytes.set(d, index.reserve());
    d.fill(0);
    index.keep();
  }
  const bytes = index.exact();
  return { index, bytes, values: audited };
}

const HEX_LETTER = /[a-f]/i;

/**
 * targetsOf for hex digests, each written straight into the index's buffer by Buffer's native hex decoder (which
 * stops at the first character that is not hex): the same values as `decode` (trimmed; hex of the length, any
 * case, not all decimal digits). A regex test, a Buffer and its hex string per value took 120 ms for 100,000
 * digests, in a 4 s audit; a JavaScript parse loop 50.
 */
function hexTargets(values: readonly string[], size: number): Targets {
  const index = new DigestIndex(size, values.length);
  const length = 2 * size;
  let view = Buffer.from(index.bytes.buffer, 0, index.bytes.length);
  let audited = 0;
  for (const raw of values) {
    const v = raw.length === length ? raw : raw.trim();
    if (v.length !== length) continue;
    const at = index.reserve();
    // a Buffer view of the index's buffer, made again only when it grew
    if (view.buffer !== index.bytes.buffer) view = Buffer.from(index.bytes.buffer, 0, index.bytes.length);
    // an all-decimal string is a number, not a digest (as digestShape has it)
    if (view.write(v, at, size, "hex") !== size || !HEX_LETTER.test(v)) continue;
    audited++;
    index.keep();
  }
  const bytes = index.exact();
  return { index, bytes, values: audited };
}

/** Recovered targets per form, in the order the forms were tried, and all of them. */
class Recovery {
  readonly forms = new Map<string, Set<number>>();
  readonly all = new Set<number>();
  constructor(private readonly distinct: number) {}
  add(form: string, target: number): void {
    let s = this.forms.get(form);
    if (s === undefined) {
      s = new Set();
      this.forms.set(form, s);
    }
    s.add(target);
    this.all.add(target);
  }
  /** every distinct digest is recovered: nothing more to enumerate */
  complete(): boolean {
    return this.all.size >= this.distinct;
  }
  declare(form: string): void {
    if (!this.forms.has(form)) this.forms.set(form, new Set());
  }
}

/** Hashes each string of `texts` with node:crypto and records the targets it hits under `form`. */
async function hashAll(
  texts: Iterable<string>,
  form: string,
  algorithm: DigestAlgorithm,
  targets: Targets,
  found: Recovery,
  signal: AbortSignal | undefined,
): Promise<void> {
  found.declare(form);
  let i = 0;
  for (const text of texts) {
    const hit = targets.index.get(createHash(algorithm).update(text, "utf8").digest());
    if (hit !== undefined) {
      found.add(form, hit);
      if (found.complete()) return;
    }
    if (++i % 65_536 === 0) {
      await yieldNow();
      signal?.throwIfAborted();
    }
  }
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** Every day from 1900-01-01 to `today` (UTC) as [YYYYMMDD, YYMMDD, YYYY-MM-DD]. */
function* days(today: Date): Generator<[string, string, string]> {
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (let ms = Date.UTC(1900, 0, 1); ms <= end; ms += 86_400_000) {
    const d = new Date(ms);
    const y = pad(d.getUTCFullYear(), 4);
    const m = pad(d.getUTCMonth() + 1);
    const day = pad(d.getUTCDate());
    yield [`${y}${m}${day}`, `${y.slice(2)}${m}${day}`, `${y}-${m}-${day}`];
  }
}

function* column<T>(rows: Iterable<T[]>, i: number): Generator<T> {
  for (const r of rows) yield r[i] as T;
}

const GROUPS = [
  ["mobile", "scan.audit.part_mobile"],
  ["birthdate", "scan.audit.part_birthdate"],
  ["candidate", "scan.audit.part_candidate"],
] as const;

function percent(part: number, whole: number): string {
  const p = (100 * part) / whole;
  // never round a partial recovery up to 100% nor a non-zero one down to 0%
  const shown = part < whole ? Math.min(99.9, p) : p;
  return `${(part > 0 ? Math.max(0.1, shown) : 0).toFixed(1)}%`;
}

/**
 * {@link auditDigests} with internal limits (a part of the mobile space, some formats only): for tests and
 * benchmarks. The `tried` lines say what was really enumerated.
 */
export async function auditDigestsWith(
  values: readonly string[],
  shape: DigestShape,
  options: AuditOptions,
  internals: AuditInternals,
): Promise<AuditResult> {
  const t0 = performance.now();
  const signal = options.signal;
  signal?.throwIfAborted();
  const spaces = options.spaces ?? AUDIT_SPACES;
  const targets = targetsOf(values, shape);
  const distinct = targets.index.size;
  const found = new Recovery(distinct);
  const tried: string[] = [];
  const alg = shape.algorithm;
  // cheapest first, and nothing more once every distinct digest is recovered
  const pending = () => distinct > 0 && !found.complete();
  let stoppedEarly = false;
  /** whether to run a step that was asked for; one skipped because all is recovered is noted */
  const run = (asked: boolean): boolean => {
    if (asked && distinct > 0 && found.complete()) stoppedEarly = true;
    return asked && pending();
  };

  const candidates = options.candidates ?? [];
  if (run(candidates.length > 0)) {
    tried.push(t("scan.audit.tried_candidates", { count: candidates.length, n: count(candidates.length) }));
    const seen = new Set<string>();
    const variants: [string, (s: string) => string][] = [
      ["candidate", (s) => s],
      ["candidate trimmed", (s) => s.trim()],
      ["candidate lower-case", (s) => s.trim().toLowerCase()],
      ["candidate upper-case", (s) => s.trim().toUpperCase()],
    ];
    for (const [form, f] of variants) {
      if (!run(true)) break;
      const texts: string[] = [];
      for (const c of candidates) {
        const v = f(c);
        if (v === "" || seen.has(v)) continue;
        seen.add(v);
        texts.push(v);
      }
      await hashAll(texts, form, alg, targets, found, signal);
    }
  }
  if (run(spaces.includes("birthdate"))) {
    const today = new Date();
    const span = `1900-${today.getUTCFullYear()}`;
    const forms = ["YYYYMMDD", "YYMMDD", "YYYY-MM-DD"];
    const all = [...days(today)];
    for (const [i, f] of forms.entries()) {
      if (!run(true)) break;
      tried.push(t("scan.audit.tried_birthdate", { form: f, span }));
      // YYMMDD repeats every century: hash each string once
      const texts = i === 1 ? new Set(column(all, i)) : column(all, i);
      await hashAll(texts, `birthdate ${f}`, alg, targets, found, signal);
    }
  }
  const mobileSearched = spaces.includes("mobile") && distinct > 0 && isDigitAlgorithm(alg);
  if (run(spaces.includes("mobile"))) {
    if (isDigitAlgorithm(alg)) {
      const range = internals.mobileRange ?? [0, MOBILE_SPACE];
      if (range[0] < 0 || range[1] > MOBILE_SPACE || range[1] < range[0])
        throw new RangeError("mobileRange must lie within [0, 10^8)");
      const formats = internals.mobileFormats ?? ["plain", "hyphenated", "international"];
      const templates = formats.map((f) => KOREAN_MOBILE_TEMPLATES[f]);
      const size =
        range[0] === 0 && range[1] === MOBILE_SPACE
          ? "10^8"
          : t("scan.audit.size_part", { n: count(range[1] - range[0]) });
      for (const template of templates) {
        tried.push(t("scan.audit.tried_mobile", { template, size }));
        found.declare(`mobile ${template}`);
      }
      if (
        await searchMobile({
          algorithm: alg,
          bytes: targets.bytes,
          count: distinct,
          templates,
          range,
          threads: Math.max(1, Math.floor(options.threads ?? availableParallelism())),
          chunk: Math.max(4000, internals.chunk ?? DEFAULT_CHUNK),
          signal,
          hit: (template, list) => {
            for (const h of list) found.add(`mobile ${template}`, h);
          },
          done: () => found.complete(),
        })
      )
        stoppedEarly = true;
    } else {
      tried.push(t("scan.audit.tried_mobile_unsupported", { kernels: KERNEL_NAMES, algorithm: NAMES[alg] }));
    }
  }

  // each digest counts once, under the first form that found it
  const recovered = new Set<number>();
  const byForm: Record<string, number> = {};
  for (const [form, hits] of found.forms) {
    let n = 0;
    for (const h of hits) {
      if (recovered.has(h)) continue;
      recovered.add(h);
      n++;
    }
    byForm[form] = n;
  }
  // whole milliseconds: a float tail such as 1.1300000000000001 is noise in a report
  const seconds = Math.round(performance.now() - t0) / 1000;
  const reversed = recovered.size;
  const share = distinct === 0 ? 0 : reversed / distinct;
  const secs = seconds < 10 ? seconds.toFixed(1) : seconds.toFixed(0);
  let verdict: string;
  if (distinct === 0) {
    verdict = t("scan.audit.verdict_empty", { algorithm: NAMES[alg], encoding: shape.encoding });
  } else if (reversed > 0) {
    const parts: string[] = [];
    for (const [prefix, key] of GROUPS) {
      let n = 0;
      for (const [form, k] of Object.entries(byForm)) if (form.startsWith(prefix)) n += k;
      if (n > 0) parts.push(t(key, { n: count(n) }));
    }
    verdict = t("scan.audit.verdict_reversed", {
      percent: percent(reversed, distinct),
      reversed: count(reversed),
      distinct: count(distinct),
      parts: parts.join(", "),
      seconds: secs,
    });
  } else if (mobileSearched) {
    verdict = t("scan.audit.verdict_pseudonym");
  } else {
    const why = isDigitAlgorithm(alg)
      ? t("scan.audit.why_not_tried")
      : t("scan.audit.why_unsupported", { kernels: KERNEL_NAMES, algorithm: NAMES[alg] });
    verdict = t("scan.audit.verdict_inconclusive", { why });
  }
  return {
    shape,
    values: targets.values,
    distinct,
    reversed,
    share,
    seconds,
    tried,
    byForm,
    stoppedEarly,
    mobileSearched,
    verdict,
  };
}

/**
 * Tries to reverse a column of digests: the candidates, dates of birth 1900..today as YYYYMMDD, YYMMDD and
 * YYYY-MM-DD, and the Korean mobile space in three formats (MD5, SHA-1 and SHA-256: 3 x 10^8 hashes on worker
 * threads; not SHA-512).
 * Returns counts only, never a recovered value or a digest.
 * @example const r = await auditDigests(column, digestShape(column) ?? fail(), { candidates: emails })
 */
export function auditDigests(
  values: readonly string[],
  shape: DigestShape,
  options: AuditOptions = {},
): Promise<AuditResult> {
  return auditDigestsWith(values, shape, options, {});
}
