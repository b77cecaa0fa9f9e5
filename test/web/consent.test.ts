// the consent page end to end on the demo workspace: the table per purpose, the buckets and the withdrawals show
// GET /v1/consent/summary's own figures (its chain verified, its releases proven), the rate chart is drawn, no
// subject key is in the answer or on the page, the regulator neither sees the page in the navigation nor reads the
// route (403, as the controller and a person), English leaves no Korean or raw key, a phone's width reads in one
// column, and axe finds nothing serious. The test only reads: the shared demo workspace is left as it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  type Dashboard,
  hangulLines,
  hasChromium,
  RAW_KEY,
  shot,
  startDashboard,
  visibleText,
  type WebRole,
} from "./fixture.js";

let dash: Dashboard;

interface Summary {
  unit: string;
  chain: { events: number; verified: boolean; problems: number };
  ledger: { verified: boolean; size: number };
  purposes: {
    purpose: string;
    population: { count: number; source: string; seq: number | null };
    in_force: number;
    granted: number;
    withdrawn: number;
    rate: number | null;
    series: { start: string; in_force: number; granted: number; withdrawn: number; rate: number | null }[];
    releases: { count: number; chain_count: number; rate: number | null }[];
  }[];
  recent_withdrawals: { day: string; purpose: string; count: number }[];
}

const PATH = "/v1/consent/summary";

beforeAll(async () => {
  if (hasChromium) dash = await startDashboard();
}, 240_000);

afterAll(async () => {
  await dash?.stop();
});

const status = async (role: WebRole) =>
  (await fetch(`${dash.url}${PATH}`, { headers: { authorization: `Bearer ${dash.tokens[role]}` } })).status;
const pct = (r: number | null) => (r === null ? "-" : `${(r * 100).toFixed(1)}%`);

describe.skipIf(!hasChromium)("the consent page in Chromium", () => {
  it("shows the route's own figures: per purpose, per bucket and the withdrawals, with no subject", async () => {
    const s = await dash.api<Summary>(PATH, "operator");
    expect(s.chain.verified).toBe(true);
    expect(s.ledger.verified).toBe(true);
    // the demo: 19 in 20 of its 2,000 customers granted the overseas provision, none withdrew
    expect(s.purposes.length).toBeGreaterThan(0);
    const first = s.purposes[0] as Summary["purposes"][number];
    expect(first.in_force).toBeGreaterThan(0);
    expect(first.population.count).toBeGreaterThanOrEqual(first.in_force);
    // the count each release committed to is the chain's count at its as-of time (nothing was back-dated after)
    for (const r of first.releases) expect(r.chain_count).toBe(r.count);
    // counts only: no customer key in the answer
    expect(JSON.stringify(s)).not.toMatch(/HB\d{10}/);
    expect(JSON.stringify(s)).not.toContain(dash.demo.person);
    // a DPO reads the same figures
    expect((await dash.api<Summary>(PATH, "dpo")).purposes).toEqual(s.purposes);

    const { page, errors, close } = await dash.open("operator", "/app/consent");
    try {
      const table = page.getByTestId("consent-purposes");
      await table.waitFor();
      const ko = (x: number) => x.toLocaleString("ko-KR");
      for (const p of s.purposes) {
        const row = table.locator(`tr[data-purpose="${p.purpose}"]`);
        const cell = (f: string) => row.locator(`[data-field="${f}"]`).innerText();
        expect(await cell("in_force")).toBe(ko(p.in_force));
        expect(await cell("granted")).toBe(ko(p.granted));
        expect(await cell("withdrawn")).toBe(ko(p.withdrawn));
        expect(await cell("population")).toContain(ko(p.population.count));
        expect(await cell("rate")).toBe(pct(p.rate));
        const last = p.releases.at(-1);
        expect(await cell("last_release")).toBe(
          last === undefined ? "-" : `${ko(last.count)} (${pct(last.rate)})`,
        );
        // the latest bucket first in its table
        const latest = p.series.at(-1);
        const bucket = page
          .locator(`[data-testid="consent-buckets"][data-purpose="${p.purpose}"] tbody tr`)
          .first();
        if (latest !== undefined) {
          const text = await bucket.innerText();
          expect(text).toContain(latest.start);
          expect(text).toContain(ko(latest.in_force));
          expect(text).toContain(pct(latest.rate));
        }
      }
      await expect
        .poll(() => page.getByTestId("consent-verification").innerText())
        .toContain(ko(s.chain.events));
      await page.locator('[data-testid="consent-rates"][data-ready="true"]').waitFor();
      expect(await page.getByTestId("consent-rates").locator("svg").count()).toBe(1);
      const withdrawn = s.purposes.reduce((sum, p) => sum + p.withdrawn, 0);
      if (withdrawn === 0) await page.getByTestId("no-withdrawals").waitFor();
      else {
        await page.locator('[data-testid="consent-withdrawals"][data-ready="true"]').waitFor();
        expect(await page.getByTestId("consent-recent").locator("tbody tr").count()).toBe(
          s.recent_withdrawals.length,
        );
      }
      expect(await visibleText(page)).not.toMatch(/HB\d{10}/);
      await shot(page, "consent");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("refuses the regulator (403 from the route, no link, no page), the controller and a person", async () => {
    expect(await status("operator")).toBe(200);
    expect(await status("dpo")).toBe(200);
    for (const role of ["regulator", "controller", "subject"] as const)
      expect(await status(role), role).toBe(403);
    const { page, errors, close } = await dash.open("regulator");
    try {
      const nav = page.getByRole("navigation").getByRole("link");
      await nav.first().waitFor();
      expect(await nav.allInnerTexts()).not.toContain("동의");
      expect(await page.locator('nav a[href$="/app/consent"]').count()).toBe(0);
      await page.goto(`${dash.url}/app/consent`);
      await expect.poll(() => page.locator("main").innerText()).toMatch(/볼 수 없/);
      // the page did not even ask the route
      expect(errors.filter((e) => e.includes(PATH))).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("reads in English with no Korean or raw key left, one column at a phone's width, and passes axe", async () => {
    const s = await dash.api<Summary>(PATH, "dpo");
    const { page, close } = await dash.open("dpo", "/app/consent", { bypassCSP: true });
    try {
      await page.getByTestId("consent-purposes").waitFor();
      expect(await visibleText(page)).not.toMatch(RAW_KEY);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId("language").selectOption("en");
      await expect.poll(() => page.locator("h1").first().innerText()).toBe("Consent");
      const en = await visibleText(page);
      expect(hangulLines(en)).toEqual(["한국어"]);
      expect(en).not.toMatch(RAW_KEY);
      const p = s.purposes[0] as Summary["purposes"][number];
      expect(await page.getByTestId("consent-purposes").innerText()).toContain(
        p.in_force.toLocaleString("en-US"),
      );
      await page.getByTestId("language").selectOption("ko");
      await expect.poll(() => page.locator("h1").first().innerText()).toBe("동의");
    } finally {
      await close();
    }
    const phone = await dash.open("operator", "/app/consent", { width: 390 });
    try {
      await phone.page.getByTestId("consent-purposes").waitFor();
      await phone.page.locator('[data-testid="consent-rates"][data-ready="true"]').waitFor();
      const overflow = await phone.page.evaluate<number>("document.documentElement.scrollWidth - innerWidth");
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(phone.page, "consent-phone");
    } finally {
      await phone.close();
    }
  }, 90_000);
});
