// the ledger page end to end on the demo workspace: the checkpoint's size and root are GET /v1/checkpoint's own (the
// signed note's lines), the witnesses' cosignatures are the API's, the monitor's pass shows, run verify passes, the
// checkpoint downloaded through a blob URL is byte for byte the API's note, the tiles archive is offered to the tiles'
// readers only, English leaves no Korean or raw key, a phone's width reads in one column, and axe finds nothing
// serious.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
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

interface LedgerCheckpoint {
  origin: string;
  size: number;
  root: string;
  witnesses: { name: string; key_id: string; cosigned: boolean; time: string | null }[];
  met: boolean;
}

beforeAll(async () => {
  if (hasChromium) dash = await startDashboard();
}, 240_000);

afterAll(async () => {
  await dash?.stop();
});

/** A route's raw answer as `role`. */
const raw = (path: string, role: WebRole, init: RequestInit = {}) =>
  fetch(`${dash.url}${path}`, { ...init, headers: { authorization: `Bearer ${dash.tokens[role]}` } });

/** The file a click on `button` downloads, as bytes. */
async function downloaded(page: Page, name: string): Promise<{ file: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  const path = await download.path();
  return { file: download.suggestedFilename(), bytes: readFileSync(path) };
}

describe.skipIf(!hasChromium)("the ledger page in Chromium", () => {
  it("shows GET /v1/checkpoint's size and root, the witnesses, the monitor, runs verify and downloads the note", async () => {
    const note = await (await raw("/v1/checkpoint", "dpo")).text();
    const [origin, size, root64] = note.split("\n");
    const root = Buffer.from(root64 ?? "", "base64").toString("hex");
    const api = await dash.api<LedgerCheckpoint>("/v1/ledger/checkpoint", "dpo");
    expect(api).toMatchObject({ origin, size: Number(size), root });
    expect(api.witnesses.length).toBeGreaterThan(0);
    const { page, errors, close } = await dash.open("dpo", "/app/ledger");
    try {
      await page.getByTestId("checkpoint").waitFor();
      expect(await page.getByTestId("checkpoint-size").innerText()).toBe(
        Number(size).toLocaleString("ko-KR"),
      );
      expect(await page.getByTestId("checkpoint-root").innerText()).toBe(root);
      const witnesses = await page.getByTestId("witnesses").innerText();
      for (const w of api.witnesses) {
        expect(witnesses).toContain(w.name);
        expect(witnesses).toContain(w.key_id);
        if (w.time) expect(witnesses).toContain(w.time.slice(0, 19).replace("T", " "));
      }
      expect(witnesses).toMatch(api.witnesses.every((w) => w.cosigned) ? /예/ : /아니요/);
      await expect.poll(() => page.getByTestId("monitor").innerText()).toMatch(/경보가 없습니다/);

      await page.getByTestId("run-verify").click();
      await expect
        .poll(() => page.getByTestId("verify-result").innerText(), { timeout: 30_000 })
        .toMatch(new RegExp(`통과: 항목 ${Number(size).toLocaleString("ko-KR")}건`));

      const cp = await downloaded(page, "체크포인트(서명된 노트)");
      expect(cp.file).toBe("checkpoint.note");
      expect(cp.bytes.equals(Buffer.from(note, "utf8"))).toBe(true);
      const vkey = await downloaded(page, "원장 검증 키");
      expect(vkey.bytes.toString("utf8")).toBe(await (await raw("/v1/ledger/vkey", "dpo")).text());
      const tiles = await downloaded(page, "타일(tar 묶음)");
      expect(tiles.bytes.length % 512).toBe(0);
      expect(tiles.bytes.subarray(0, 17).toString("latin1")).toBe("ledger/checkpoint");
      expect(tiles.bytes.subarray(257, 262).toString("latin1")).toBe("ustar");

      await shot(page, "ledger");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
    // axe-core goes in as a script tag, which the console's CSP refuses: a page of its own, CSP bypassed
    const scan = await dash.open("dpo", "/app/ledger", { bypassCSP: true });
    try {
      await scan.page.getByTestId("monitor").waitFor();
      await scan.page.getByTestId("run-verify").click();
      await scan.page.getByTestId("verify-result").waitFor({ timeout: 30_000 });
      expect(await axeViolations(scan.page)).toEqual([]);
    } finally {
      await scan.close();
    }
  }, 90_000);

  it("offers the tiles to DPOs and regulators only, and refuses the page's routes to other roles", async () => {
    const { page, errors, close } = await dash.open("operator", "/app/ledger");
    try {
      await page.getByTestId("downloads").waitFor();
      await page.getByTestId("checkpoint").waitFor();
      expect(await page.getByTestId("download-tiles").count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
    const regulator = await dash.open("regulator", "/app/ledger");
    try {
      await regulator.page.getByTestId("download-tiles").waitFor();
    } finally {
      await regulator.close();
    }
    expect((await raw("/v1/ledger/tiles.tar", "operator")).status).toBe(403);
    expect((await raw("/v1/ledger/tiles.tar", "regulator")).status).toBe(200);
    for (const role of ["controller", "subject"] as const) {
      expect((await raw("/v1/ledger/checkpoint", role)).status).toBe(403);
      expect((await raw("/v1/ledger/monitor", role)).status).toBe(403);
      expect((await raw("/v1/ledger/verify", role, { method: "POST" })).status).toBe(403);
    }
    const nav = await dash.open("controller", "/app/ledger");
    try {
      await nav.page.getByRole("navigation").getByRole("link").first().waitFor();
      expect(await nav.page.locator("main").innerText()).not.toMatch(/원장|체크포인트/);
    } finally {
      await nav.close();
    }
  }, 60_000);

  it("reads in English with no Korean left, runs verify in English, and fits a phone's width", async () => {
    const { page, close } = await dash.open("regulator", "/app/ledger");
    try {
      await page.getByTestId("checkpoint").waitFor();
      await page.getByTestId("language").selectOption("en");
      await expect.poll(() => page.getByTestId("monitor").innerText()).toMatch(/No alerts/);
      await page.getByTestId("run-verify").click();
      await expect
        .poll(() => page.getByTestId("verify-result").innerText(), { timeout: 30_000 })
        .toMatch(/^Passed: [\d,]+ entries/);
      const en = await visibleText(page);
      expect(hangulLines(en)).toEqual(["한국어"]);
      expect(en).not.toMatch(RAW_KEY);
    } finally {
      await close();
    }
    const phone = await dash.open("dpo", "/app/ledger", { width: 390 });
    try {
      await phone.page.getByTestId("checkpoint").waitFor();
      await phone.page.getByTestId("monitor").waitFor();
      const overflow = await phone.page.evaluate<number>("document.documentElement.scrollWidth - innerWidth");
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(phone.page, "ledger-phone");
    } finally {
      await phone.close();
    }
  }, 90_000);
});
