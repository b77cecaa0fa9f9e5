// load issues as data: every problem in a workspace, each with a place, a code and a fix.

/** A place in a workspace file, 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
}

export interface LoadIssue extends Location {
  code: string;
  /** dotted path inside the file, e.g. fields.phone.transform */
  path: string;
  message: string;
  hint: string;
}

/** Formats a path like ["fields", "phone", 0] as fields.phone[0]. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}
