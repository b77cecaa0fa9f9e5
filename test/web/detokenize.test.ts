// the detokenize page end to end. On the demo workspace (its agreements release pseudonyms, no token): the
// controller sees this page alone, the form is labelled and keyboard-driven, a field that is not a token gets the
// API's own refusal in Korean and in English, the token limit is the API's, and every other role has no link and
// is refused the page and the route. On a copy of examples/minimal after a real release of newsletter-mailing
// (member_id: token): the page opens the released tokens to the members' ids, the DPO's access log records the
// call, and the values go when the form changes and never reach the console or the tab's storage.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWorkspace } from "../../src/app/workspace.js";
import { folderSink } from "../../src/io/folder-sink.js";
import { fileSource } from "../../src/io/record-source.js";
import { MAX_TOKENS } from "../../src/server/routes/detokenize.js";
import { jikimi, tempDir } from "../support/cli.js";
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

const cleanups: (() => void)[] = [];
let dash: Dashboard;

interface Refusal {
  error: { code: string; message: string };
}

/** POST /v1/detokenize as `role` in `lang`, the raw answer. */
async function detokenize(d: Dashboard, role: WebRole, body: unknown, lang = "ko") {
  const res = await fetch(`${d.url}/v1/detokenize`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${d.tokens[role]}`,
      "accept-language": lang,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

beforeAll(async () => {
  if (!hasChromium) return;
  dash = await startDashboard();
}, 240_000);

afterAll(async () => {
  await dash?.stop();
  for (const c of cleanups.splice(0)) c();
});

describe.skipIf(!hasChromium)("the detokenize page on the demo workspace", () => {
  it("is the controller's only page; a pseudonym field gets the API's refusal in Korean and English", async () => {
    const body = { agreement: "nsf-credit-feed", field: "customer_id", tokens: ["tk_one", "tk_two"] };
    const ko = await detokenize(dash, "controller", body, "ko");
    const en = await detokenize(dash, "controller", body, "en");
    expect(ko.status).toBe(400);
    expect((ko.body as Refusal).error.code).toBe("not_a_token_field");
    const [koMessage, enMessage] = [(ko.body as Refusal).error.message, (en.body as Refusal).error.message];
    expect(koMessage).not.toBe(enMessage);

    const { page, context, errors, close } = await dash.open("controller", "/app/detokenize", {
      bypassCSP: true,
    });
    try {
      await page.getByRole("heading", { level: 1, name: "가명 복원" }).waitFor();
      expect(await page.getByRole("navigation").getByRole("link").allInnerTexts()).toEqual(["가명 복원"]);
      // the sign-in link lands on the first page: this one
      // the notice of the access log, and the API's limit
      expect(await page.getByTestId("recorded").innerText()).toMatch(/접근 기록/);
      expect(await page.getByTestId("token-count").innerText()).toContain(MAX_TOKENS.toLocaleString("ko-KR"));
      const submit = page.getByRole("button", { name: "토큰 복원" });
      expect(await submit.isDisabled()).toBe(true);

      // by keyboard alone: each input reached by Tab from the one before, found by its label
      await page.getByLabel("제공 계약 ID").focus();
      await page.keyboard.type(body.agreement);
      await page.keyboard.press("Tab");
      await page.keyboard.type(body.field);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.type(body.tokens.join("\n"));
      expect(await page.getByLabel("항목 이름").inputValue()).toBe(body.field);
      expect(await page.getByLabel("토큰(한 줄에 하나)").inputValue()).toBe(body.tokens.join("\n"));
      expect(await page.getByTestId("token-count").innerText()).toMatch(/^토큰 2개/);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      const alert = page.getByTestId("detokenize-error");
      await alert.waitFor();
      expect(await alert.innerText()).toContain(koMessage);
      expect(await page.getByTestId("detokenized").count()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, "detokenize");

      // the error was worded in Korean: a language switch reloads the shell (whoami in the new language), which
      // clears the form with it; asked again, the API words its refusal in English
      await page.getByTestId("language").selectOption("en");
      await page.getByRole("heading", { level: 1, name: "Detokenize" }).waitFor();
      expect(await alert.count()).toBe(0);
      await page.getByLabel("Agreement id").fill(body.agreement);
      await page.getByLabel("Field name").fill(body.field);
      await page.getByLabel("Tokens, one per line").fill(body.tokens.join("\n"));
      await page.getByRole("button", { name: "Open the tokens" }).click();
      await alert.waitFor();
      expect(await alert.innerText()).toContain(enMessage);
      const text = await visibleText(page);
      expect(hangulLines(text)).toEqual(["한국어"]);
      expect(text).not.toMatch(RAW_KEY);
      expect(await page.getByRole("navigation").getByRole("link").allInnerTexts()).toEqual(["Detokenize"]);

      // changing the form clears the refusal
      await page.getByLabel("Field name").fill("phone");
      expect(await alert.count()).toBe(0);

      // more tokens than the API takes in one call, pasted (as a person would; typing them is far slower):
      // refused here, before any call
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      const many = Array.from({ length: MAX_TOKENS + 1 }, (_, i) => `t${i}`).join("\n");
      await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(many)})`);
      await page.getByLabel("Tokens, one per line").focus();
      await page.keyboard.press("Control+A");
      await page.keyboard.press("Control+V");
      expect(await page.getByTestId("token-count").innerText()).toMatch(/Too many tokens/);
      expect(await page.getByRole("button", { name: "Open the tokens" }).isDisabled()).toBe(true);

      // the two refusals were the API's 400s; nothing else failed
      expect(errors).toEqual(["400 /v1/detokenize", "400 /v1/detokenize"]);
    } finally {
      await close();
    }
  }, 90_000);

  it("is refused to every other role: no link, the page not allowed, the route 403", async () => {
    for (const role of ["regulator", "dpo", "operator"] as const) {
      const res = await detokenize(dash, role, {
        agreement: "nsf-credit-feed",
        field: "customer_id",
        tokens: ["x"],
      });
      expect(`${role} ${res.status}`).toBe(`${role} 403`);
      const home = await dash.open(role);
      try {
        await home.page.getByRole("navigation").getByRole("link").first().waitFor();
        const links = await home.page.getByRole("navigation").getByRole("link").allInnerTexts();
        expect(links).not.toContain("가명 복원");
        expect(links.length).toBeGreaterThan(0);
      } finally {
        await home.close();
      }
      const o = await dash.open(role, "/app/detokenize");
      try {
        await expect.poll(() => o.page.locator("main").innerText()).toMatch(/볼 수 없/);
        expect(await o.page.getByTestId("detokenize-form").count()).toBe(0);
      } finally {
        await o.close();
      }
    }
  }, 60_000);

  it("reads in one column at a phone's width", async () => {
    const { page, close } = await dash.open("controller", "/app/detokenize", { width: 390 });
    try {
      await page.getByTestId("detokenize-form").waitFor();
      const overflow = await page.evaluate<boolean>(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth",
      );
      expect(overflow).toBe(false);
      await shot(page, "detokenize-phone");
    } finally {
      await close();
    }
  }, 30_000);
});

/** A copy of examples/minimal with one release of newsletter-mailing: its tokens and the member ids they hide. */
async function minimalReleased() {
  const { dir, cleanup } = tempDir("jikimi-web-detok-");
  cleanups.push(cleanup);
  const ws = join(dir, "ws");
  const env = { JIKIMI_KEYRING: join(dir, "keys", "test.keyring") };
  if (jikimi(["init", ws, "--example", "minimal"]).status !== 0) throw new Error("jikimi init failed");
  const keys = jikimi(["keys", "init", "-w", ws], { env });
  if (keys.status !== 0) throw new Error(keys.stderr);
  const out = join(dir, "out");
  mkdirSync(out);
  const members = join(ws, "sample", "members.csv");
  const at = new Date("2026-06-01T02:00:00Z");
  const session = await openWorkspace({ root: ws, env });
  try {
    const r = await session.share({
      agreement: "newsletter-mailing",
      source: fileSource(members),
      sink: folderSink(out, ws),
      at,
      now: at,
      operator: "test",
    });
    if (r.held.length > 0) throw new Error(`the release was held: ${r.held.join("; ")}`);
  } finally {
    await session.close();
  }
  const file = readdirSync(out).find((f) => f.endsWith(".csv")) as string;
  const [header, ...rows] = readFileSync(join(out, file), "utf8").trim().split("\n");
  const column = header?.split(",").indexOf("member_id") ?? -1;
  const tokens = rows.map((r) => r.split(",")[column] as string);
  // the released rows are in the input's order: the subscribers' member ids
  const ids = readFileSync(members, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .filter((l) => l.endsWith(",true"))
    .map((l) => l.split(",")[0] as string);
  return { ws, dir, env, tokens, ids };
}

describe.skipIf(!hasChromium)("the detokenize page opening real tokens (examples/minimal)", () => {
  let minimal: Dashboard;
  let released: Awaited<ReturnType<typeof minimalReleased>>;

  beforeAll(async () => {
    released = await minimalReleased();
    minimal = await startDashboard({
      ws: released.ws,
      demo: released.dir,
      env: released.env,
      person: released.ids[0] as string,
    });
  }, 120_000);

  afterAll(async () => {
    await minimal?.stop();
  });

  it("shows each token's value, records the call, and forgets the values when the form changes", async () => {
    const { tokens, ids } = released;
    expect(tokens.length).toBeGreaterThan(1);
    expect(tokens).not.toEqual(ids);
    const { page, errors, close } = await minimal.open("controller", "/app/detokenize", { bypassCSP: true });
    const logged: string[] = [];
    page.on("console", (m) => logged.push(m.text()));
    try {
      await page.getByLabel("제공 계약 ID").fill("newsletter-mailing");
      await page.getByLabel("항목 이름").fill("member_id");
      // blank lines and spaces around a token are skipped, as the API trims them
      await page.getByLabel("토큰(한 줄에 하나)").fill(`${tokens.join("\n")}\n\n  `);
      await page.getByRole("button", { name: "토큰 복원" }).click();
      const table = page.getByTestId("detokenized");
      await table.waitFor();
      const rows = table.locator("tbody tr");
      expect(await rows.count()).toBe(tokens.length);
      for (const [i, token] of tokens.entries()) {
        expect(await rows.nth(i).locator("th").innerText()).toBe(token);
        expect(await rows.nth(i).locator("td.value").innerText()).toBe(ids[i]);
      }
      expect(await table.locator("caption").innerText()).toContain(`${tokens.length}개`);
      // the focus moved to the values' heading
      expect(await page.evaluate<string>("document.activeElement?.tagName ?? ''")).toBe("H2");
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, "detokenize-values");

      // the call is in the DPO's access log: who, which agreement and field, how many
      const log = await minimal.api<{
        events: { action: string; role: string; agreement?: string; field?: string; count?: number }[];
        chain_ok: boolean;
      }>("/v1/access-log", "dpo");
      expect(log.chain_ok).toBe(true);
      expect(log.events.filter((e) => e.action === "detokenize")).toEqual([
        expect.objectContaining({
          role: "controller",
          agreement: "newsletter-mailing",
          field: "member_id",
          count: tokens.length,
        }),
      ]);

      // the values are on the page only: not in the console, not in the tab's storage
      const kept = await page.evaluate<string>(
        "JSON.stringify(Object.entries(sessionStorage)) + JSON.stringify(Object.entries(localStorage))",
      );
      for (const id of ids) {
        expect(kept).not.toContain(id);
        expect(logged.join("\n")).not.toContain(id);
      }

      // the values' table (long tokens) fits a phone's width
      await page.setViewportSize({ width: 390, height: 900 });
      expect(
        await page.evaluate<boolean>(
          "document.documentElement.scrollWidth > document.documentElement.clientWidth",
        ),
      ).toBe(false);

      // changing the form forgets the values
      await page.getByLabel("폐기된 키 ID(선택)").fill("x");
      expect(await table.count()).toBe(0);
      expect(await visibleText(page)).not.toContain(ids[0] as string);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 60_000);
});
