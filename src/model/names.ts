// user-chosen names (fields, datasets, agreements, recipients, purposes) as keys: the names every JS object
// inherits (`constructor`, `toString`, `__proto__`, ...) are refused where a workspace is loaded, and every
// lookup of a user-named key goes through `own`, which never answers from Object.prototype. `closestFirst`
// orders known names by how close they are to a mistyped one, for hints.
import { t } from "../i18n/index.js";

/** Property names every plain object inherits from Object.prototype, `__proto__` included. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** True when `name` is inherited by every plain object, so it cannot name a field or a declaration. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/** Why a reserved name is refused, in the language in force; the same words for every file kind. */
export const reservedNameMessage = (): string => t("model.name.reserved");
/** What to do about a reserved name, in the language in force. */
export const reservedNameHint = (): string => t("model.name.reserved_hint");

/**
 * The value of an own property of a record keyed by user-chosen names; undefined for inherited names.
 * @example own({ phone: f }, "constructor") // undefined, where ({ phone: f })["constructor"] is Object
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Levenshtein distance over code points (names are short: a row of the table at a time). */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++)
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[y.length] as number;
}

/**
 * Known names, the closest to `name` first (edits per character, then a shared first letter, then declaration
 * order).
 * @example closestFirst("balanse", ["age", "os", "balance"])[0] // "balance"
 */
export function closestFirst(name: string, known: Iterable<string>): string[] {
  const target = name.normalize("NFC").toLowerCase();
  return [...known]
    .map((k, order) => {
      const lower = k.toLowerCase();
      // edits per character of the longer name, so a short name is not close to everything
      const d = distance(target, lower) / Math.max(1, [...target].length, [...lower].length);
      return { k, order, d, prefix: lower.startsWith(target[0] ?? "") ? 0 : 1 };
    })
    .sort((a, b) => a.d - b.d || a.prefix - b.prefix || a.order - b.order)
    .map((e) => e.k);
}

/**
 * A short list of names for a message: at most `max`, then "...".
 * @example listed(["a", "b"]) // "a, b"
 */
export function listed(names: readonly string[], max = 12): string {
  return names.slice(0, max).join(", ") + (names.length > max ? ", ..." : "");
}
