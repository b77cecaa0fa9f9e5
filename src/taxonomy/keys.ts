// dotted taxonomy keys: a rule on a parent key covers all its children.

/** True when `key` equals `ancestor` or sits below it. @example isWithin("user.contact.email", "user.contact") // true */
export function isWithin(key: string, ancestor: string): boolean {
  return key === ancestor || key.startsWith(`${ancestor}.`);
}

/** The key and all its ancestors, nearest first. @example lineage("a.b.c") // ["a.b.c", "a.b", "a"] */
export function lineage(key: string): string[] {
  const parts = key.split(".");
  const out: string[] = [];
  for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join("."));
  return out;
}

/** The parent key, or undefined for a root. */
export function parentOf(key: string): string | undefined {
  const i = key.lastIndexOf(".");
  return i < 0 ? undefined : key.slice(0, i);
}

export const KEY_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
