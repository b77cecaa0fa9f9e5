// the error catalogue (src/errors/catalogue.ts) holds every code the library throws, and docs/errors.md is that
// catalogue as a table with the CLI's exit codes and the HTTP statuses; run with JIKIMI_WRITE_DOCS=1 to rewrite it.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitCode, exitCodeOf } from "../src/cli/exit-codes.js";
import { ERRORS, type ErrorKind, httpStatusOf, JikimiError, kindOf } from "../src/errors.js";

const ROOT = resolve(import.meta.dirname, "..");
const DOC = join(ROOT, "docs", "errors.md");

/** Codes made from a template (`${alg}_kernel_mismatch`, `invalid_${flag}`): typed, so tsc checks them. */
const TEMPLATED = new Set([
  "md5_kernel_mismatch",
  "sha1_kernel_mismatch",
  "invalid_rows",
  "invalid_seed",
  "invalid_customers",
  "invalid_threads",
]);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(full));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

const KIND_ORDER: ErrorKind[] = [
  "input",
  "findings",
  "held",
  "conflict",
  "unavailable",
  "not_found",
  "interrupted",
  "internal",
];

/** docs/errors.md as the catalogue gives it. */
function renderDoc(): string {
  const kinds = KIND_ORDER.map((k) => {
    const code = Object.keys(ERRORS).find((c) => kindOf(c) === k) as string;
    return `| \`${k}\` | ${exitCodeOf(k)} | ${httpStatusOf(code)} |`;
  });
  const rows = Object.entries(ERRORS)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(
      ([code, e]) =>
        `| \`${code}\` | ${e.kind} | ${exitCodeOf(e.kind)} | ${httpStatusOf(code)} | ${e.meaning.replace(/\|/g, "\\|")} |`,
    );
  return [
    "# Errors",
    "",
    "Every error Jikimi raises has a stable snake_case `code`, a `message` (what is wrong and where), a `hint`",
    "(what to do) and, for some, `details` (names, counts, flags; never a record value, key or token). The code's",
    "kind, from the catalogue in `src/errors/catalogue.ts`, decides the CLI's exit code (`src/cli/exit-codes.ts`)",
    "and the HTTP status of the API (`httpStatusOf`). Core code names the code only. `jikimi ... --format json`",
    'prints an error as `{"error": {"code", "message", "hint"}}` on stdout, the text line on stderr.',
    "",
    "This file is generated from the catalogue (`JIKIMI_WRITE_DOCS=1 npx vitest run test/errors-catalogue.test.ts`);",
    "a test fails when they differ.",
    "",
    "## Kinds",
    "",
    "- `input`: bad input or usage. `findings`: a verification or check found problems. `held`: a release held by",
    "  a guard, gate, time rule or witness quorum (nothing released; a guard's hold is recorded as a signed hold",
    "  entry). `conflict`: something else holds what was asked for (a lock, a running release, an existing file or",
    "  key). `unavailable`: the store, disk or network cannot serve now (retry later). `not_found`: a named thing",
    "  does not exist. `interrupted`: stopped by SIGINT/SIGTERM. `internal`: a bug or a broken runtime.",
    "- Conflicts, unavailable stores and missing things exit 2 like bad input, as they always have: scripts tell",
    "  them apart by the code (`--format json`), servers by the status. A parse error of the command line",
    "  (commander's, e.g. `unknown_option`) exits 2; an error that is not a JikimiError is `internal_error`.",
    "",
    "| kind | exit code | HTTP status |",
    "| --- | --- | --- |",
    ...kinds,
    "",
    "## Codes",
    "",
    "| code | kind | exit code | HTTP status | meaning |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

describe("error catalogue", () => {
  it("lists every code thrown under src/", () => {
    const thrown = new Map<string, string>();
    const pattern = /(?:new JikimiError\(|super\(|failure\()\s*"([a-z0-9_]+)"/g;
    for (const file of sources(join(ROOT, "src"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(pattern)) thrown.set(m[1] as string, relative(ROOT, file));
    }
    expect(thrown.size).toBeGreaterThan(100);
    const missing = [...thrown]
      .filter(([code]) => !Object.hasOwn(ERRORS, code))
      .map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it("holds no code the library no longer uses", () => {
    const text = sources(join(ROOT, "src"))
      .filter((f) => !f.endsWith(join("errors", "catalogue.ts")))
      .map((f) => readFileSync(f, "utf8"))
      .join("\n");
    const unused = Object.keys(ERRORS).filter((c) => !TEMPLATED.has(c) && !text.includes(`"${c}"`));
    expect(unused).toEqual([]);
  });

  it("keeps the exit codes users see", () => {
    expect(exitCodeOf(kindOf("agreement_refused"))).toBe(ExitCode.findings);
    expect(exitCodeOf(kindOf("ledger_corrupt"))).toBe(1);
    expect(exitCodeOf(kindOf("held"))).toBe(3);
    expect(exitCodeOf(kindOf("release_awaits_witnesses"))).toBe(3);
    expect(exitCodeOf(kindOf("workspace_not_found"))).toBe(2);
    expect(exitCodeOf(kindOf("share_running"))).toBe(2);
    expect(exitCodeOf(kindOf("store_unreachable"))).toBe(2);
    expect(exitCodeOf(kindOf("transform_key_missing"))).toBe(70);
    expect(exitCodeOf(kindOf("interrupted"))).toBe(130);
    expect(httpStatusOf("unknown_agreement")).toBe(404);
    expect(httpStatusOf("held")).toBe(409);
    expect(httpStatusOf("agreement_refused")).toBe(422);
    expect(httpStatusOf("store_unreachable")).toBe(503);
    expect(httpStatusOf("bad_row")).toBe(400);
    expect(httpStatusOf("internal_error")).toBe(500);
  });

  it("gives an error as data, its kind from the catalogue", () => {
    const e = new JikimiError("no_such_entry", "no entry 9", { hint: "see ledger log", details: { seq: 9 } });
    expect(e.toData()).toEqual({
      code: "no_such_entry",
      kind: "not_found",
      message: "no entry 9",
      hint: "see ledger log",
      details: { seq: 9 },
    });
    expect(e.message).toBe("no entry 9: see ledger log");
  });

  it("is what docs/errors.md shows", () => {
    const want = renderDoc();
    if (process.env.JIKIMI_WRITE_DOCS === "1") writeFileSync(DOC, want);
    expect(readFileSync(DOC, "utf8")).toBe(want);
  });
});
