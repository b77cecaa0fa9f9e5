// one key case in every JSON the CLI prints: snake_case. Library results keep their TypeScript names (camelCase in
// places); the CLI converts the keys when it prints them, leaving alone the maps whose keys are data (form names,
// field names, jurisdictions), which the caller names.

const CAMEL = /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/;

/**
 * The snake_case spelling of a camelCase key; any other key (already snake_case, or data) as it is.
 * @example snakeCase("outOfScope") // "out_of_scope"
 */
export function snakeCase(key: string): string {
  return CAMEL.test(key) ? key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : key;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A copy of `value` with every object key in snake_case. `data` lists keys (in snake_case) whose value is a map
 * keyed by data: that map's own keys stay as they are, the values inside it are still converted.
 * @example snakeKeys({ byForm: { plainText: 1 } }, ["by_form"]) // { by_form: { plainText: 1 } }
 */
export function snakeKeys(value: unknown, data: readonly string[] = []): unknown {
  const dataKeys = new Set(data);
  const walk = (v: unknown, keepKeys: boolean): unknown => {
    if (Array.isArray(v)) return v.map((item) => walk(item, false));
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(v)) {
      const name = keepKeys ? key : snakeCase(key);
      out[name] = walk(inner, !keepKeys && dataKeys.has(name));
    }
    return out;
  };
  return walk(value, false);
}
