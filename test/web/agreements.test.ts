// the agreements page end to end on the demo workspace: the declaration, the last check's findings, the released
// versions and a diff of two, and the volumes against the limits show the figures of GET /v1/agreements/{id}/history
// itself; the page reads in English with no Hangul or raw key left, passes axe-core, fits a phone's width, and only
// the readers (operator, DPO, regulator) see it or reach its route.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebAgreementHistory, WebAgreementList } from "../../web/src/types.js";
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
const history = (id: string, query = "") => `/v1/agreements/${id}/history${query}`;
const ko = (n: number) => n.toLocaleString("ko-KR");
const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;

beforeAll(async () => {
  if (hasChromium) dash = await startDashboard();
}, 240_000);

afterAll(async () => {
  await dash?.stop();
});

describe.skipIf(!hasChromium)("the agreements page in Chromium", () => {
  it("shows the declaration, findings, versions and volumes with the API's own figures", async () => {
    const list = await dash.api<WebAgreementList>("/v1/agreements", "dpo");
    const id = list.agreements[0]?.id as string;
    const h = await dash.api<WebAgreementHistory>(history(id), "dpo");
    expect(h.verification.ok).toBe(true);
    const { page, errors, close } = await dash.open("dpo", "/app/agreements");
    try {
      await page.locator(`[data-testid="agreement"][data-agreement="${id}"]`).waitFor();
      // the declaration now
      const d = h.declaration;
      expect(d).not.toBeNull();
      if (d === null) return;
      const decl = await page.getByTestId("declaration").innerText();
      for (const s of [d.recipient.name, d.recipient.country, d.legal_basis, ...d.purposes, d.valid.from])
        expect(decl).toContain(s);
      expect(decl).toContain(`v${d.version}`);
      if (d.valid.until !== null) expect(decl).toContain(d.valid.until);
      expect(await page.getByTestId("validity").innerText()).toContain(
        d.valid.in_force ? `오늘(${h.today}) 유효` : "유효하지 않음",
      );
      const fields = page.getByTestId("fields").locator("tbody tr");
      expect(await fields.count()).toBe(d.fields.length);
      expect(await fields.allInnerTexts()).toEqual(d.fields.map((f) => `${f.name}\t${f.transform}`));
      // the last check's findings about it
      if (h.findings === null) expect(await visibleText(page)).toContain("기록된 점검이 아직 없습니다");
      else if (h.findings.items.length === 0)
        expect(await page.getByTestId("findings-none").innerText()).toContain(h.findings.checked_for);
      else {
        const rows = page.getByTestId("agreement-findings").locator("tbody tr");
        expect(await rows.count()).toBe(h.findings.items.length);
        const text = await page.getByTestId("agreement-findings").innerText();
        for (const f of h.findings.items) for (const a of f.articles) expect(text).toContain(a.citation);
      }
      // the versions the ledger recorded
      const versions = page.getByTestId("versions").locator("tbody tr");
      expect(await versions.count()).toBe(h.versions.length);
      for (const [i, v] of h.versions.entries()) {
        const row = await versions.nth(i).innerText();
        expect(row).toContain(`v${v.version}`);
        expect(row).toContain(v.digest.slice(0, 12));
        expect(row).toContain(String(v.releases));
        expect(row).toContain(v.first.released_at.slice(0, 16).replace("T", " "));
        expect(row).toContain(`항목 ${v.terms.fields.length}개`);
      }
      // the volumes against the limits
      const a = h.volume.actual;
      const cell = (id: string) => page.getByTestId(id).innerText();
      if (a.largest) expect(await cell("volume-largest-value")).toContain(ko(a.largest.value));
      if (a.latest) expect(await cell("volume-latest-value")).toContain(ko(a.latest.value));
      if (a.growth) expect(await cell("volume-growth-value")).toContain(pct(a.growth.value));
      if (a.busiest_day) expect(await cell("volume-busiest-value")).toContain(ko(a.busiest_day.value));
      const l = h.volume.limits;
      if (l.max_subjects !== null) expect(await cell("volume-largest-limit")).toBe(ko(l.max_subjects));
      if (l.max_growth !== null) expect(await cell("volume-growth-limit")).toBe(pct(l.max_growth));
      if (l.max_releases_per_day !== null)
        expect(await cell("volume-busiest-limit")).toBe(ko(l.max_releases_per_day));
      if (a.largest?.within === true) expect(await cell("volume-largest")).toContain("한도 이내");
      if (a.largest?.within === false) expect(await cell("volume-largest")).toContain("한도 초과");
      if (h.volume.holds.length > 0)
        expect(await cell("holds")).toContain(`보류한 제공: ${h.volume.holds.length}건`);
      await page.locator('[data-testid="volume-chart"][data-ready="true"]').waitFor();
      const chart = await page.getByTestId("volume-chart").locator("svg text").allTextContents();
      if (l.max_subjects !== null) expect(chart).toContain(`한도 ${ko(l.max_subjects)}`);
      await shot(page, "agreements");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 90_000);

  it("compares two versions with the server's diff, and shows an agreement never released", async () => {
    const list = await dash.api<WebAgreementList>("/v1/agreements", "regulator");
    const withVersions: { id: string; h: WebAgreementHistory }[] = [];
    for (const a of list.agreements)
      withVersions.push({ id: a.id, h: await dash.api<WebAgreementHistory>(history(a.id), "regulator") });
    const released = withVersions.find((x) => x.h.versions.length > 0);
    expect(released).toBeDefined();
    if (released === undefined) return;
    const { id, h } = released;
    const [first] = h.versions;
    const last = h.versions.at(-1);
    if (first === undefined || last === undefined) return;
    // the pair the page will ask for, as the API answers it (the demo may have one version: then it is compared
    // with itself, and the diff's real logic is tested with two versions in test/server/agreements-web.test.ts)
    const asked = await dash.api<WebAgreementHistory>(
      history(id, `?from=${last.digest}&to=${first.digest}`),
      "regulator",
    );
    const { page, errors, close } = await dash.open("regulator", "/app/agreements");
    try {
      await page.getByTestId("agreement-pick").selectOption(id);
      await page.locator(`[data-testid="agreement"][data-agreement="${id}"]`).waitFor();
      expect(await page.getByTestId("diff-from").locator("option").count()).toBe(h.versions.length);
      await page.getByTestId("diff-from").selectOption(last.digest);
      await page.getByTestId("diff-to").selectOption(first.digest);
      await page.getByRole("button", { name: "비교" }).click();
      const diff = page.getByTestId("diff");
      await expect
        .poll(() => diff.innerText())
        .toContain(`v${last.version}(${last.digest.slice(0, 12)})에서 v${first.version}`);
      const d = asked.diff;
      expect(d).not.toBeNull();
      if (d === null) return;
      const changes =
        d.fields_added.length +
        d.fields_removed.length +
        d.transforms_changed.length +
        d.purposes_added.length +
        d.purposes_removed.length +
        (d.legal_basis ? 1 : 0) +
        (d.recipient ? 1 : 0);
      if (changes === 0) expect(await diff.innerText()).toContain("두 버전의 제공 조건이 같습니다");
      else {
        expect(await diff.locator("li").count()).toBe(changes);
        const text = await diff.innerText();
        for (const f of [...d.fields_added, ...d.fields_removed]) expect(text).toContain(f.name);
        for (const c of d.transforms_changed) expect(text).toContain(`${c.from} → ${c.to}`);
      }
      // an agreement with no release: its versions and volumes say so
      const never = withVersions.find((x) => x.h.versions.length === 0);
      if (never) {
        await page.getByTestId("agreement-pick").selectOption(never.id);
        await page.locator(`[data-testid="agreement"][data-agreement="${never.id}"]`).waitFor();
        expect(await visibleText(page)).toContain("이 계약으로 기록된 제공이 없습니다");
        expect(await page.getByTestId("volume-largest").innerText()).toContain("제공 없음");
      }
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 90_000);

  it("reads in English with no Hangul or raw key, passes axe-core and fits a phone", async () => {
    const { page, close } = await dash.open("operator", "/app/agreements", { bypassCSP: true });
    try {
      await page.getByTestId("agreement").waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId("language").selectOption("en");
      await expect.poll(() => page.evaluate<string>("document.documentElement.lang")).toBe("en");
      await page.getByTestId("agreement").waitFor();
      await expect.poll(() => page.locator("main").innerText()).toContain("Volume against the limits");
      const en = await visibleText(page);
      expect(hangulLines(en)).toEqual(["한국어"]);
      expect(en).not.toMatch(RAW_KEY);
      await page.getByRole("button", { name: "Compare" }).click();
      await page.getByTestId("diff").waitFor();
      expect(await visibleText(page)).not.toMatch(RAW_KEY);
    } finally {
      await close();
    }
    const phone = await dash.open("dpo", "/app/agreements", { width: 390 });
    try {
      await phone.page.locator('[data-testid="volume-chart"][data-ready="true"]').waitFor();
      const overflow = await phone.page.evaluate<number>("document.documentElement.scrollWidth - innerWidth");
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(phone.page, "agreements-phone");
    } finally {
      await phone.close();
    }
  }, 90_000);

  it("is for the readers only: a controller or a person neither sees the page nor reaches its route", async () => {
    const list = await dash.api<WebAgreementList>("/v1/agreements", "operator");
    const id = list.agreements[0]?.id as string;
    for (const role of ["operator", "dpo", "regulator"] as const)
      expect((await dash.api<WebAgreementHistory>(history(id), role)).agreement).toBe(id);
    for (const role of ["controller", "subject"] as const) {
      const res = await fetch(`${dash.url}${history(id)}`, {
        headers: { authorization: `Bearer ${dash.tokens[role]}` },
      });
      expect(res.status, role).toBe(403);
    }
    const o = await dash.open("controller", "/app/agreements");
    try {
      await expect.poll(() => o.page.locator("main").innerText()).toMatch(/볼 수 없/);
      expect(await o.page.getByRole("navigation").getByRole("link").allInnerTexts()).not.toContain(
        "제공 계약",
      );
    } finally {
      await o.close();
    }
  }, 60_000);
});
