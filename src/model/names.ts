// user-chosen names (fields, datasets, agreements, recipients, purposes) as keys: the names every JS object
// inherits (`constructor`, `toString`, `__proto__`, ...) are refused where a workspace is loaded, and every
// lookup of a user-named key goes through `own`, which never answers from Object.prototype.

/** Property names every plain object inherits from Object.prototype, `__proto__` included. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** True when `name` is inherited by every plain object, so it cannot name a field or a declaration. */
export function isReservedName(name: string): boolean {
  return RESERVED_NAMES.has(name);
}

/** Why a reserved name is refused and what to do instead; the same words for every file kind. */
export const RESERVED_NAME_MESSAGE =
  "is a reserved name (every JavaScript object has a property of that name)";
export const RESERVED_NAME_HINT =
  "rename it, e.g. with a suffix (constructor_id), here and in the files and record headers that use it";

/**
 * The value of an own property of a record keyed by user-chosen names; undefined for inherited names.
 * @example own({ phone: f }, "constructor") // undefined, where ({ phone: f })["constructor"] is Object
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
