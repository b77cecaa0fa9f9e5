// the dashboard end to end on the demo workspace (`npm run demo`'s own script, built once per test run by the
// fixture): `jikimi serve` (the built CLI) and Debian's Chromium through playwright-core. The overview and the
// releases show the API's own figures, the demo's fivefold jump (held) is marked on the timeline with its ratio, a
// release's detail proves itself in the browser, roles decide the pages, the language switch changes every visible
// string of every page (a raw catalogue key fails), a phone's width reads in one column, and axe-core finds no
// serious violation on any page. Each page's own file (agreements, ledger, consent, detokenize) tests its content.
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
} from "./fixture.js";

let dash: Dashboard;

interface Inspection {
  totals: { releases: number; people: number; holds: number };
  by_recipient: { recipient: string; name: string; people: number }[];
  releases: { seq: number; anomalies: string[]; agreement: { id: string } }[];
  holds: { people: number; reasons: { code: string; subjects?: number; previous?: number }[] }[];
}

interface Stored {
  entry: { files: { name: string; sha256: string }[] } | null;
}

beforeAll(async () => {
  if (hasChromium) dash = await startDashboard();
}, 240_000);

afterAll(async () => {
  await dash?.stop();
});

describe.skipIf(!hasChromium)("the dashboard in Chromium", () => {
  it("shows the overview with the API's own figures: verification, totals, flows, findings and the holds", async () => {
    const expected = await dash.api<Inspection>("/v1/reports/inspection?format=json", "dpo");
    expect(expected.totals.holds).toBeGreaterThan(0);
    const { page, errors, close } = await dash.open("dpo");
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
      // the demo's two recipients are one company: each is told apart by its id, in the table and on the map
      expect(expected.by_recipient.length).toBe(2);
      for (const r of expected.by_recipient) expect(flows).toContain(r.recipient);
      await page.locator('[data-testid="flow-map"][data-ready="true"]').waitFor();
      expect(await page.getByTestId("flow-map").locator("svg").count()).toBe(1);
      // the words drawn (not the measuring copy, nor a cut label's title)
      const map = (
        await page
          .getByTestId("flow-map")
          .locator("svg text:not(.probe)")
          .evaluateAll((els) => els.map((e) => e.firstChild?.textContent ?? ""))
      ).join("\n");
      for (const r of expected.by_recipient) expect(map).toContain(`${r.name} · ${r.recipient}`.slice(0, 20));
      const holds = await page.getByTestId("holds").innerText();
      for (const h of expected.holds) expect(holds).toContain(h.people.toLocaleString("ko-KR"));
      expect(holds).toMatch(/max_growth|476%/);
      expect(await page.getByTestId("findings").innerText()).toMatch(/오류\s*0/);
      await shot(page, "overview");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("marks the held fivefold jump on the timeline, filters the table and proves a release in the browser", async () => {
    const expected = await dash.api<Inspection>("/v1/reports/inspection?format=json", "operator");
    const jump = expected.holds
      .flatMap((h) => h.reasons)
      .find((r) => r.code === "max_growth" && r.subjects !== undefined && r.previous);
    const ratio = ((jump?.subjects ?? 0) / (jump?.previous ?? 1)).toFixed(1);
    expect(Number(ratio)).toBeGreaterThanOrEqual(5);
    const { page, errors, close } = await dash.open("operator", "/app/releases");
    try {
      await page.locator('[data-testid="timeline"][data-ready="true"]').waitFor();
      // the mark is text in the chart's SVG: the hold's ratio (from its signed reason) beside its point
      expect(await page.getByTestId("timeline").locator("svg text:not(.probe)").allTextContents()).toEqual(
        expect.arrayContaining([`보류: 증가 ×${ratio}`]),
      );
      const rows = page.getByTestId("releases").locator("tbody tr");
      expect(await rows.count()).toBe(Math.min(50, expected.totals.releases));
      await page.getByTestId("filter").fill("no-such-recipient");
      expect(await rows.count()).toBe(0);
      await page.getByTestId("filter").fill("SG");
      expect(await rows.count()).toBe(Math.min(50, expected.totals.releases));
      // the credit feed's latest release (the demo also releases the settlement feed, under the same company name)
      const first = expected.releases.findLast((r) => r.agreement.id === "nsf-credit-feed")?.seq ?? -1;
      expect(first).toBeGreaterThanOrEqual(0);
      const stored = await dash.api<Stored>(`/v1/releases/${first}`, "operator");
      await page.getByRole("button", { name: String(first), exact: true }).click();
      const detail = page.getByTestId("detail");
      await expect
        .poll(() => detail.getByTestId("proof").innerText())
        .toMatch(/이 브라우저에서 확인했습니다/);
      expect(await detail.innerText()).toMatch(/customer_id: pseudonym/);
      expect(await detail.getByTestId("gates").innerText()).toMatch(/유효기간 안에서/);
      const manifest = await detail.getByTestId("manifest").innerText();
      expect(stored.entry?.files.length).toBeGreaterThan(0);
      for (const f of stored.entry?.files ?? []) {
        expect(manifest).toContain(f.name);
        expect(manifest).toContain(f.sha256.slice(0, 16));
      }
      await shot(page, "releases");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);

  it("switches every visible string of every page to English and back, with no raw catalogue key", async () => {
    for (const role of ["dpo", "operator", "regulator", "controller", "subject"] as const) {
      const { page, close } = await dash.open(role);
      try {
        const nav = page.getByRole("navigation").getByRole("link");
        await nav.first().waitFor();
        const ko = await visibleText(page);
        expect(ko).toMatch(/[가-힣]/);
        await page.getByTestId("language").selectOption("en");
        await expect.poll(() => page.evaluate<string>("document.documentElement.lang")).toBe("en");
        for (const name of await nav.allInnerTexts()) {
          await nav.getByText(name, { exact: true }).click();
          await expect.poll(() => page.locator("main").innerText()).not.toMatch(/Loading…|불러오는 중/);
          const en = await visibleText(page);
          // the demo's data is ASCII (ids, names, English reasons): any Hangul left is an untranslated label
          expect(hangulLines(en), `${role} ${name}`).toEqual(["한국어"]);
          expect(en, `${role} ${name}`).not.toMatch(RAW_KEY);
        }
        await page.getByTestId("language").selectOption("ko");
        await expect.poll(() => visibleText(page)).toMatch(/[가-힣]{2}/);
        expect(await visibleText(page)).not.toMatch(RAW_KEY);
      } finally {
        await close();
      }
    }
  }, 120_000);

  it("shows each role only its pages: a regulator no consent or detokenize, a person only their own releases", async () => {
    const nav = async (role: "regulator" | "operator" | "controller" | "subject") => {
      const o = await dash.open(role);
      try {
        await o.page.getByRole("navigation").getByRole("link").first().waitFor();
        return await o.page.getByRole("navigation").getByRole("link").allInnerTexts();
      } finally {
        await o.close();
      }
    };
    expect(await nav("regulator")).toEqual(["개요", "제공 내역", "제공 계약", "원장"]);
    expect(await nav("operator")).toEqual(["개요", "제공 내역", "제공 계약", "원장", "동의"]);
    expect(await nav("controller")).toEqual(["가명 복원"]);
    for (const path of ["/app/consent", "/app/detokenize"]) {
      const o = await dash.open("regulator", path);
      try {
        await expect.poll(() => o.page.locator("main").innerText()).toMatch(/볼 수 없/);
      } finally {
        await o.close();
      }
    }
    const history = await dash.api<{ count: number }>("/v1/subjects/me/history", "subject");
    expect(history.count).toBeGreaterThan(0);
    const person = await dash.open("subject", "/app/my");
    try {
      await person.page.getByTestId("my-count").waitFor();
      expect(await person.page.getByRole("navigation").getByRole("link").allInnerTexts()).toEqual([
        "내 정보",
      ]);
      expect(await person.page.getByTestId("my-count").innerText()).toContain(`${history.count}번`);
      // no other person's key, and not even their own
      expect(await visibleText(person.page)).not.toMatch(/HB\d{10}/);
      await shot(person.page, "my-data");
    } finally {
      await person.close();
    }
    // on a phone's width every page reads in one column
    for (const path of ["/app/", "/app/releases"]) {
      const phone = await dash.open("dpo", path, { width: 390 });
      try {
        await phone.page.locator("main h1").waitFor();
        await expect.poll(() => phone.page.locator("main").innerText()).not.toMatch(/불러오는 중|Loading…/);
        const overflow = await phone.page.evaluate<number>(
          "document.documentElement.scrollWidth - innerWidth",
        );
        expect(overflow, path).toBeLessThanOrEqual(0);
        if (path === "/app/") await shot(phone.page, "overview-phone");
      } finally {
        await phone.close();
      }
    }
  }, 120_000);

  it("passes an axe-core scan of the overview, releases with a detail open, and My data", async () => {
    for (const [role, path, ready] of [
      ["dpo", "/app/", "totals"],
      ["operator", "/app/releases", "releases"],
      ["subject", "/app/my", "my-count"],
    ] as const) {
      // axe is injected as an inline script, which the page's policy refuses: this context alone bypasses it
      const { page, close } = await dash.open(role, path, { bypassCSP: true });
      try {
        await page.getByTestId(ready).waitFor();
        if (path === "/app/releases") {
          await page.getByTestId("releases").locator("tbody button").first().click();
          await page.getByTestId("proof").waitFor();
        }
        expect(await axeViolations(page), path).toEqual([]);
      } finally {
        await close();
      }
    }
  }, 90_000);
});
