// the releases timeline over a history the demo does not make: a fortnight of the corrected example's daily feed
// where one day's fivefold jump is held and then released over its hold (an override) and one day's file is
// recorded late (back-dated). Each mark sits on its day with its words; the held jump carries its ratio too.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/app/workspace.js";
import { heldRelease, planRelease } from "../../src/engine/release-plan.js";
import type { HoldReason } from "../../src/ledger/entry.js";
import { exampleWorkspace } from "../support/cli.js";
import { type Dashboard, hasChromium, startDashboard } from "./fixture.js";

const AGREEMENT = "nsf-credit-feed";
const key = (n: number) => `HB${String(n).padStart(10, "0")}`;
const cleanups: (() => void)[] = [];
let dash: Dashboard;

interface Inspection {
  totals: { releases: number };
  releases: { seq: number; released_at: string; anomalies: string[]; override: string | null }[];
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

beforeAll(async () => {
  if (!hasChromium) return;
  const w = exampleWorkspace(cleanups, { keys: true });
  await history(w.ws, w.env);
  dash = await startDashboard({ ws: w.ws, demo: w.dir, env: w.env, person: key(7) });
}, 120_000);

afterAll(async () => {
  await dash?.stop();
  for (const c of cleanups.splice(0)) c();
});

describe.skipIf(!hasChromium)("the releases timeline in Chromium", () => {
  it("marks the released jump, its hold, the override and the back-dated day, and details the gates", async () => {
    const expected = await dash.api<Inspection>("/v1/reports/inspection?format=json", "operator");
    const jump = expected.releases.find((r) => r.anomalies.includes("growth"));
    const late = expected.releases.find((r) => r.anomalies.includes("back_dated"));
    expect(jump?.override).toBe("year-end campaign, approved by the DPO");
    expect(late).toBeDefined();
    const { page, errors, close } = await dash.open("operator", "/app/releases");
    try {
      await page.locator('[data-testid="timeline"][data-ready="true"]').waitFor();
      const marks = await page.getByTestId("timeline").locator("svg text").allTextContents();
      // the released jump's pin, and the hold of the same day with the ratio its signed reason records (200 / 40)
      expect(marks).toEqual(expect.arrayContaining([expect.stringMatching(/증가 ×5\.0/)]));
      expect(marks).toEqual(expect.arrayContaining([expect.stringMatching(/보류: 증가 ×5\.0/)]));
      expect(marks.join(" ")).toMatch(/소급/);
      const rows = page.getByTestId("releases").locator("tbody tr");
      expect(await rows.count()).toBe(expected.totals.releases);
      await page.getByRole("button", { name: String(jump?.seq), exact: true }).click();
      const detail = page.getByTestId("detail");
      await expect.poll(() => detail.getByTestId("proof").innerText()).toMatch(/확인했습니다/);
      const gates = await detail.getByTestId("gates").innerText();
      expect(gates).toMatch(/max_growth\(측정 4, 한도 0\.5\)로 보류되었으나/);
      expect(await detail.innerText()).toContain("year-end campaign, approved by the DPO");
      await page.getByRole("button", { name: String(late?.seq), exact: true }).click();
      expect(await page.getByTestId("gates").innerText()).toMatch(/소급 기록/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
