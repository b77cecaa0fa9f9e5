// the dashboard end to end: `jikimi serve` (the built CLI) on the corrected example with a fortnight of its daily
// feed (one day's fivefold jump held, then released over its hold; one back-dated release) and a recorded check,
// driven by Debian's Chromium through playwright-core. Every page shows the API's own figures, the jump is marked
// on the timeline, roles decide the pages, the language switch changes every visible string (a raw catalogue key
// fails), and axe-core finds no serious violation. Screenshots go to test-results/dashboard/ (and to docs/img/
// with JIKIMI_WRITE_DOCS=1).
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/app/workspace.js";
import { heldRelease, planRelease } from "../../src/engine/release-plan.js";
import type { HoldReason } from "../../src/ledger/entry.js";
import { exampleWorkspace, ROOT } from "../support/cli.js";

const CHROMIUM = process.env.JIKIMI_CHROMIUM ?? "/usr/bin/chromium";
const SHOTS = join(ROOT, "test-results", "dashboard");
const AGREEMENT = "nsf-credit-feed";
const key = (n: number) => `HB${String(n).padStart(10, "0")}`;
const cleanups: (() => void)[] = [];
let server: ChildProcess | undefined;
let browser: Browser | undefined;
let url = "";
const tokens: Record<"operator" | "dpo" | "regulator" | "subject", string> = {
  operator: "",
  dpo: "",
  regulator: "",
  subject: "",
};

interface Inspection {
  totals: { releases: number; people: number; holds: number };
  by_recipient: { name: string; people: number }[];
  releases: { seq: number; anomalies: string[] }[];
}

/** A fortnight of the feed: 40 people a day, 200 on day 6 (held, then released over it), day 3 recorded late. */
async function history(root: string, env: Record<string, string>): Promise<void> {
  const ws = await openWorkspace({ root, env });
  try {
    const { workspace } = ws.declarations();
    const file = workspace.agreements.get(AGREEMENT)?.file ?? "";
    const bytes = readFileSync(join(root, file));
    const base = Date.now() - 20 * 86_400_000;
    const days = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 3];
    for (const [i, d] of days.entries()) {
      const at = new Date(base + d * 86_400_000);
      const recorded = new Date(base + (i === days.length - 1 ? 15 : d) * 86_400_000 + 3_600_000);
      const people = d === 6 ? 200 : 40;
      const { scope: _scope, ...declared } = planRelease({
        workspace,
        agreement: AGREEMENT,
        at,
        keyring: ws.keyring,
        agreementBytes: bytes,
      }).declared;
      const growth: HoldReason = { code: "max_growth", measured: 4, limit: 0.5, subjects: 200, previous: 40 };
      if (d === 6)
        await ws
          .ledger()
          .recordHold(
            heldRelease(declared, { holds: [growth], subjects: people, operator: "batch", channel: "file" }),
            new Date(at.getTime() + 1_800_000),
          );
      await ws.ledger().append(
        {
          ...declared,
          records: people,
          files: [],
          operator: "batch@hanbitpay.example",
          channel: "file",
          ...(d === 6 ? { override: "year-end campaign, approved by the DPO", overridden: [growth] } : {}),
          ...(d === 3 ? { override: "the 3rd's file arrived late" } : {}),
        },
        Array.from({ length: people }, (_, n) => key(n + 1)),
        recorded,
      );
    }
  } finally {
    await ws.close();
  }
}

async function api<T>(path: string, role: keyof typeof tokens, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${tokens[role]}`, ...(init.headers ?? {}) },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A new page in Korean (the browser's language) at 1280 px, signed in with `role`'s token. */
async function open(
  role: keyof typeof tokens,
  path = "/app/",
  options: { width?: number; bypassCSP?: boolean } = {},
) {
  const context = await (browser as Browser).newContext({
    locale: "ko-KR",
    viewport: { width: options.width ?? 1280, height: 900 },
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  await page.goto(`${url}${path}#token=${encodeURIComponent(tokens[role])}`);
  return { page, errors, close: () => context.close() };
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  // the README shows the overview and the releases
  if (process.env.JIKIMI_WRITE_DOCS === "1" && (name === "overview" || name === "releases"))
    copyFileSync(file, join(ROOT, "docs", "img", `dashboard-${name}.png`));
}

/** Every text the page shows (what a person reads), one string. */
// page scripts are passed as text: this file is compiled without the DOM's types
const visibleText = (page: Page) => page.evaluate<string>("document.body.innerText");

beforeAll(async () => {
  const w = exampleWorkspace(cleanups, { keys: true });
  await history(w.ws, w.env);
  for (const role of ["operator", "dpo", "regulator"] as const) {
    const issued = w.run(["tokens", "issue", "--role", role, "--name", `e2e-${role}`, "--ttl", "1h"]);
    if (issued.status !== 0) throw new Error(issued.stderr);
    tokens[role] = issued.stdout.trim();
  }
  const person = w.run(["tokens", "issue", "--role", "subject", "--subject", key(7), "--ttl", "1h"]);
  if (person.status !== 0) throw new Error(person.stderr);
  tokens.subject = person.stdout.trim();
  const child = spawn(
    process.execPath,
    [join(ROOT, "dist", "cli", "main.js"), "serve", "-w", w.ws, "--listen", "127.0.0.1:0"],
    {
      env: { ...process.env, ...w.env },
    },
  );
  server = child;
  url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  await api("/v1/checks", "dpo", { method: "POST" });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  for (const c of cleanups.splice(0)) c();
});

describe.runIf(existsSync(CHROMIUM))("the dashboard in Chromium", () => {
  it("shows the overview with the API's own figures: verification, totals, flows, findings and the hold", async () => {
    const expected = await api<Inspection>("/v1/reports/inspection?format=json", "dpo");
    const { page, errors, close } = await open("dpo");
    try {
      await page.getByTestId("totals").waitFor();
      await expect.poll(() => page.getByTestId("verification").innerText()).toMatch(/통과: 항목 \d+건/);
      const totals = await page.getByTestId("totals").innerText();
      expect(totals).toContain(expected.totals.people.toLocaleString("ko-KR"));
      expect(totals).toContain(String(expected.totals.releases));
      const flows = await page.getByTestId("flows").innerText();
      for (const r of expected.by_recipient) {
        expect(flows).toContain(r.name);
        expect(flows).toContain(r.people.toLocaleString("ko-KR"));
      }
      await page.locator('[data-testid="flow-map"][data-ready="true"]').waitFor();
      expect(await page.getByTestId("flow-map").locator("svg").count()).toBe(1);
      expect(await page.getByTestId("holds").innerText()).toMatch(/200\s+.*max_growth/s);
      expect(await page.getByTestId("findings").innerText()).toMatch(/오류\s*0/);
      await shot(page, "overview");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("marks the fivefold jump on the timeline, filters the table and opens a release", async () => {
    const expected = await api<Inspection>("/v1/reports/inspection?format=json", "operator");
    const jump = expected.releases.find((r) => r.anomalies.includes("growth"));
    expect(jump).toBeDefined();
    const { page, errors, close } = await open("operator", "/app/releases");
    try {
      await page.locator('[data-testid="timeline"][data-ready="true"]').waitFor();
      // the mark is text in the chart's SVG: the jump's ratio beside its bar
      expect(await page.getByTestId("timeline").locator("svg text").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringMatching(/증가 ×5\.0/)]),
      );
      const rows = page.getByTestId("releases").locator("tbody tr");
      expect(await rows.count()).toBe(expected.totals.releases);
      await page.getByTestId("filter").fill("no-such-recipient");
      expect(await rows.count()).toBe(0);
      await page.getByTestId("filter").fill("SG");
      expect(await rows.count()).toBe(expected.totals.releases);
      await page.getByRole("button", { name: String(jump?.seq), exact: true }).click();
      const detail = await page.getByTestId("detail").innerText();
      expect(detail).toContain("year-end campaign, approved by the DPO");
      expect(detail).toMatch(/customer_id: pseudonym/);
      await shot(page, "releases");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("switches every visible string to English and back, with no raw catalogue key", async () => {
    const { page, close } = await open("dpo");
    try {
      await page.getByTestId("totals").waitFor();
      const ko = await visibleText(page);
      expect(ko).toMatch(/[가-힣]/);
      await page.getByTestId("language").selectOption("en");
      await expect.poll(() => visibleText(page)).toMatch(/Overview/);
      const en = await visibleText(page);
      // the data shown is ASCII here (ids, names, English override reasons): any Hangul left is an untranslated label
      expect(en.match(/[^\n]*[가-힣][^\n]*/g) ?? []).toEqual(["한국어"]);
      for (const text of [ko, en]) expect(text).not.toMatch(/\bweb\.[a-z_]+\.[a-z_]+/);
      expect(await page.evaluate<string>("document.documentElement.lang")).toBe("en");
      await page.getByRole("link", { name: "Releases" }).click();
      await page.getByTestId("releases").waitFor();
      const releases = await visibleText(page);
      expect(releases.match(/[^\n]*[가-힣][^\n]*/g) ?? []).toEqual(["한국어"]);
      expect(releases).not.toMatch(/\bweb\.[a-z_]+\.[a-z_]+/);
    } finally {
      await close();
    }
  }, 60_000);

  it("shows each role only its pages: a regulator no person's data, a person only their own releases", async () => {
    const regulator = await open("regulator");
    try {
      await regulator.page.getByTestId("totals").waitFor();
      const nav = await regulator.page.getByRole("navigation").getByRole("link").allInnerTexts();
      expect(nav).toEqual(["개요", "제공 내역"]);
    } finally {
      await regulator.close();
    }
    const history = await api<{ count: number }>("/v1/subjects/me/history", "subject");
    expect(history.count).toBeGreaterThan(0);
    const person = await open("subject", "/app/releases");
    try {
      await person.page.getByTestId("my-count").waitFor();
      expect(await person.page.getByRole("navigation").getByRole("link").allInnerTexts()).toEqual([
        "내 정보",
      ]);
      expect(await person.page.getByTestId("my-count").innerText()).toContain(`${history.count}번`);
      expect(await visibleText(person.page)).not.toMatch(/HB\d{10}/);
      await shot(person.page, "my-data");
    } finally {
      await person.close();
    }
    // on a phone's width the overview still reads in one column
    const phone = await open("dpo", "/app/", { width: 390 });
    try {
      await phone.page.getByTestId("totals").waitFor();
      const overflow = await phone.page.evaluate<number>("document.documentElement.scrollWidth - innerWidth");
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(phone.page, "overview-phone");
    } finally {
      await phone.close();
    }
  }, 60_000);

  it("passes an axe-core scan of every page with no serious or critical violation", async () => {
    const axe = join(createRequire(import.meta.url).resolve("axe-core"), "..", "axe.min.js");
    for (const [role, path, ready] of [
      ["dpo", "/app/", "totals"],
      ["operator", "/app/releases", "releases"],
      ["subject", "/app/my", "my-count"],
    ] as const) {
      // axe is injected as an inline script, which the page's policy refuses: this context alone bypasses it
      const { page, close } = await open(role, path, { bypassCSP: true });
      try {
        await page.getByTestId(ready).waitFor();
        await page.addScriptTag({ path: axe });
        const found = await page.evaluate<{ id: string; impact: string }[]>(
          "axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact })))",
        );
        const violations = found
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => v.id);
        expect(violations, `${path}`).toEqual([]);
      } finally {
        await close();
      }
    }
  }, 90_000);
});
