// golden reports of the corrected case example: a month of its daily feed recorded with fixed clocks (one day's
// fivefold jump released over its hold, one back-dated release), then the inspection report and one customer's
// statement, and the DPIA view of the feed. The JSON is compared exactly, except the tree root, which depends on the freshly made subject key;
// the Markdown and HTML are snapshots in both languages. Rewrite after an intended change with
//   JIKIMI_WRITE_GOLDEN=1 npx vitest run test/report-golden.test.ts -u
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dpia, inspection, type Report, statement } from "../src/app/reports.js";
import { openWorkspace, type WorkspaceSession } from "../src/app/workspace.js";
import { initKeyring } from "../src/crypto/keyring.js";
import { heldRelease, planRelease } from "../src/engine/release-plan.js";
import { withLanguage } from "../src/i18n/index.js";
import type { HoldReason } from "../src/ledger/entry.js";
import { renderHtml } from "../src/report/document/html.js";
import { renderMarkdown } from "../src/report/document/markdown.js";
import { ROOT } from "./support/cli.js";

const GOLDEN = join(ROOT, "test", "golden", "reports");
const WRITE = process.env.JIKIMI_WRITE_GOLDEN === "1";
const NOW = new Date("2026-12-01T09:00:00Z");
const key = (n: number) => `HB${String(n).padStart(10, "0")}`;

let dir: string;
let ws: WorkspaceSession;
/** what the tree root is replaced by in the goldens */
let root: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "jikimi-golden-"));
  const rootDir = join(dir, "ws");
  cpSync(join(ROOT, "examples", "nsf-case-corrected"), rootDir, { recursive: true });
  const keyring = join(dir, "k.keyring");
  initKeyring(keyring, new Date("2024-01-01T00:00:00Z"), {});
  ws = await openWorkspace({ root: rootDir, env: { JIKIMI_KEYRING: keyring } });
  const { workspace } = ws.declarations();
  const agreement = "nsf-credit-feed";
  const bytes = readFileSync(join(rootDir, workspace.agreements.get(agreement)?.file ?? ""));
  // days 1..10 of November: 40 people a day, 200 on day 6 (held, then released over its hold), and day 3 recorded
  // on day 11
  const days = [1, 2, 4, 5, 6, 7, 8, 9, 10, 3];
  for (const [i, d] of days.entries()) {
    const at = new Date(Date.UTC(2026, 10, d, 2));
    const recorded = new Date(Date.UTC(2026, 10, i === days.length - 1 ? 11 : d, 3));
    const people = d === 6 ? 200 : 40;
    const { scope: _scope, ...declared } = planRelease({
      workspace,
      agreement,
      at,
      keyring: ws.keyring,
      agreementBytes: bytes,
    }).declared;
    // day 6 is held first by its growth guard (a signed hold entry), then released over it with a reason
    const growth: HoldReason = { code: "max_growth", measured: 4, limit: 0.5, subjects: 200, previous: 40 };
    const rows = { read: people * 5, bad: 0, out_of_scope: people * 3, no_consent: people, released: people };
    if (d === 6)
      await ws.ledger().recordHold(
        heldRelease(declared, {
          holds: [growth],
          subjects: people,
          rows,
          operator: "batch@hanbitpay.example",
          channel: "file",
        }),
        new Date(Date.UTC(2026, 10, d, 2, 30)),
      );
    await ws.ledger().append(
      {
        ...declared,
        records: people,
        files: [],
        operator: "batch@hanbitpay.example",
        channel: "file",
        rows,
        ...(d === 6 ? { override: "year-end campaign, approved by the DPO", overridden: [growth] } : {}),
        ...(d === 3 ? { override: "the 3rd's file arrived late" } : {}),
      },
      Array.from({ length: people }, (_, n) => key(n + 1)),
      recorded,
    );
  }
  root = (await inspection(ws, {}, NOW)).data.verification.root;
}, 60_000);

afterAll(async () => {
  await ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The report's JSON and its documents, with the key-dependent root and derived key ids replaced. */
function texts<D>(report: Report<D>) {
  const mask = (s: string) =>
    s
      .replaceAll(root, "ROOT")
      .replaceAll(root.slice(0, 16), "ROOT16")
      .replaceAll(/master-[0-9a-f]{8}\/[0-9a-f]{16}/g, "KEY-ID");
  return {
    json: `${mask(JSON.stringify(report.data, null, 2))}\n`,
    md: (lang: "ko" | "en") => mask(withLanguage(lang, () => renderMarkdown(report.document()))),
    html: (lang: "ko" | "en") => mask(withLanguage(lang, () => renderHtml(report.document()))),
  };
}

async function golden(name: string, report: Report<unknown>): Promise<void> {
  const t = texts(report);
  const file = join(GOLDEN, `nsf-case-corrected.${name}.json`);
  if (WRITE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, t.json);
    // formatted as `biome check` wants it; compared below as JSON, key order included
    execFileSync(join(ROOT, "node_modules", ".bin", "biome"), ["format", "--write", file], { cwd: ROOT });
  }
  expect(t.json).toBe(`${JSON.stringify(JSON.parse(readFileSync(file, "utf8")), null, 2)}\n`);
  for (const lang of ["ko", "en"] as const) {
    await expect(t.md(lang)).toMatchFileSnapshot(join(GOLDEN, `nsf-case-corrected.${name}.${lang}.md.snap`));
    await expect(t.html(lang)).toMatchFileSnapshot(join(GOLDEN, `nsf-case-corrected.${name}.${lang}.html`));
  }
  for (const out of [t.json, t.md("ko"), t.html("en")]) expect(out).not.toMatch(/HB\d{10}/);
}

describe("golden reports of examples/nsf-case-corrected", () => {
  it("the inspection report", async () => {
    const report = await inspection(ws, {}, NOW);
    expect(report.data.totals).toMatchObject({ releases: 10, people: 560, overrides: 2 });
    expect(report.data.anomalies.map((a) => [a.released_at.slice(0, 10), a.code])).toEqual([
      ["2026-11-06", "growth"],
      ["2026-11-06", "override"],
      ["2026-11-03", "override"],
      ["2026-11-03", "before_previous"],
      ["2026-11-03", "back_dated"],
    ]);
    await golden("inspection", report);
  });

  it("the DPIA view of the feed", async () => {
    const report = await dpia(ws, "nsf-credit-feed", {}, NOW);
    expect(report.data.volume).toMatchObject({ releases: 10, people: 560, largest: { people: 200 } });
    expect(report.data.findings).toEqual([]);
    await golden("dpia", report);
  });

  it("one customer's statement lists exactly their releases", async () => {
    const report = await statement(ws, key(100), NOW);
    const history = await ws.ledger().subjectHistory(key(100));
    expect(report.data.provisions.flatMap((p) => p.seqs)).toEqual(history.map((r) => r.seq));
    expect(report.data.count).toBe(1);
    await golden("statement", report);
  });
});
