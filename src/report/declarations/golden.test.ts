// golden tests of the declarations' reports: for every example workspace that loads, both reports in both
// languages. `data` is compared exactly (values and key order) with test/golden/reports/<example>.<report>.json,
// which must be the same in both languages; the Markdown and HTML are file snapshots beside it. No report may carry
// key material or a record value: the patterns of a keyring file and the identifying values of the examples' sample
// records are looked for in every output. Rewrite the goldens after an intended change with
//   JIKIMI_WRITE_GOLDEN=1 npx vitest run src/report/declarations -u
// (the variable rewrites the JSON, formatted by Biome as `biome check` wants it; -u the Markdown and HTML
// snapshots), then read the diff. The Markdown snapshots end in .md.snap: Biome formats .md files (it pads table
// columns), which would change the renderer's exact output under the test.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { diskReader } from "../../io/workspace-reader.js";
import { loadWorkspace } from "../../model/load.js";
import type { Workspace } from "../../model/workspace.js";
import { categoryOf } from "../../taxonomy/index.js";
import { renderHtml } from "../document/html.js";
import { renderMarkdown } from "../document/markdown.js";
import type { ReportDocument, ReportLanguage } from "../document/model.js";
import { privacyPolicyTables } from "./policy-tables.js";
import { recordsOfProcessing } from "./records-of-processing.js";
import type { DeclarationsReportOptions } from "./shared.js";

const ROOT = resolve(import.meta.dirname, "../../..");
const GOLDEN = join(ROOT, "test", "golden", "reports");
const WRITE = process.env.JIKIMI_WRITE_GOLDEN === "1";
const LANGS: ReportLanguage[] = ["ko", "en"];

type Build = (
  ws: Workspace,
  options: DeclarationsReportOptions,
) => { data: unknown; document: ReportDocument };
const REPORTS: [string, Build][] = [
  ["ropa", recordsOfProcessing],
  ["policy", privacyPolicyTables],
];

const EXAMPLES = readdirSync(join(ROOT, "examples"))
  .filter((name) => existsSync(join(ROOT, "examples", name, "jikimi.yaml")))
  .sort();

function load(name: string): Workspace | undefined {
  const loaded = loadWorkspace(diskReader(join(ROOT, "examples", name)));
  return loaded.ok ? loaded.workspace : undefined;
}

/** Patterns of a keyring file's content: its format line, its secret fields, a base64 32-byte key, a PKCS#8 key. */
const KEYRING_PATTERNS = [/jikimi-keyring\//, /"secret"\s*:/, /[A-Za-z0-9+/]{43}=/, /MC4CAQAwBQYDK2Vw/];

/**
 * The identifying values of an example's sample records: the subject key and every string field whose categories
 * identify a person, directly or with other data (names, phones, e-mails, account ids, their digests).
 */
function sampleValues(name: string, ws: Workspace): string[] {
  const dir = join(ROOT, "examples", name, "sample");
  if (!existsSync(dir)) return [];
  const out = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".csv"))) {
    const rows = parse(readFileSync(join(dir, file)), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const header = Object.keys(rows[0] ?? {});
    for (const { value: ds } of ws.datasets.values()) {
      const columns = Object.entries(ds.fields)
        .filter(
          ([field, f]) =>
            field === ds.subject_key ||
            (f.type === "string" &&
              f.categories.some((k) => (categoryOf(ws.taxonomy, k)?.identifying ?? "none") !== "none")),
        )
        .map(([field, f]) => f.source_column ?? field)
        .filter((column) => header.includes(column));
      for (const row of rows)
        for (const column of columns) {
          const value = row[column] ?? "";
          if (value.length >= 3) out.add(value);
        }
    }
  }
  return [...out];
}

describe("the examples", () => {
  it("load, all four of them", () => {
    expect(EXAMPLES.filter((name) => load(name) !== undefined)).toEqual(
      expect.arrayContaining(["hangul", "minimal", "nsf-case", "nsf-case-corrected"]),
    );
  });

  it("have sample records to look for, and the keyring patterns match a real keyring", () => {
    const values = EXAMPLES.flatMap((name) => {
      const ws = load(name);
      return ws ? sampleValues(name, ws) : [];
    });
    expect(values).toContain("HB0000000001");
    expect(values).toContain("김하늘");
    expect(values).toContain("jiwoo.kim@example.com");
    const keyring = readFileSync(join(ROOT, "test", "fixtures", "share-golden", "test-only.keyring"), "utf8");
    for (const pattern of KEYRING_PATTERNS) expect(keyring, String(pattern)).toMatch(pattern);
  });
});

for (const name of EXAMPLES) {
  const ws = load(name);
  if (ws === undefined) continue;
  describe(`examples/${name}`, () => {
    for (const [report, build] of REPORTS) {
      it(`${report}: data is the golden, the same in both languages, and plain JSON`, () => {
        const [ko, en] = LANGS.map((lang) => build(ws, { lang }).data);
        expect(JSON.stringify(en)).toBe(JSON.stringify(ko));
        expect(JSON.parse(JSON.stringify(ko))).toStrictEqual(ko);
        const file = join(GOLDEN, `${name}.${report}.json`);
        if (WRITE) {
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(file, `${JSON.stringify(ko, null, 2)}\n`);
          execFileSync(join(ROOT, "node_modules", ".bin", "biome"), ["format", "--write", file], {
            cwd: ROOT,
          });
        }
        expect(
          existsSync(file),
          `${file} is missing: JIKIMI_WRITE_GOLDEN=1 npx vitest run src/report/declarations`,
        ).toBe(true);
        const golden: unknown = JSON.parse(readFileSync(file, "utf8"));
        expect(ko).toStrictEqual(golden);
        // key order too (the file's formatting aside)
        expect(JSON.stringify(ko)).toBe(JSON.stringify(golden));
      });

      for (const lang of LANGS)
        it(`${report} (${lang}): Markdown and HTML match their snapshots and carry no key or record value`, async () => {
          const { data, document } = build(ws, { lang });
          expect(document.lang).toBe(lang);
          const markdown = renderMarkdown(document);
          const html = renderHtml(document);
          await expect(markdown).toMatchFileSnapshot(join(GOLDEN, `${name}.${report}.${lang}.md.snap`));
          await expect(html).toMatchFileSnapshot(join(GOLDEN, `${name}.${report}.${lang}.html`));
          const values = sampleValues(name, ws);
          for (const out of [JSON.stringify(data), markdown, html]) {
            for (const pattern of KEYRING_PATTERNS) expect(out).not.toMatch(pattern);
            for (const value of values) expect(out.includes(value), value).toBe(false);
          }
        });
    }
  });
}
