// the dashboard's size and first load: the production bundle's bytes (raw and gzip, as `jikimi serve` sends them),
// then, against `jikimi serve` on the corrected example with a daily feed of N releases (default 2,300: the example's 2
// agreements, one release of each a day), Chromium's first load of the overview (navigation to the flow map drawn) and of the
// releases page (to the table and timeline ready), best of 5, each in a fresh context (no cache). Baseline in
// the same run: the page's own API call (GET /v1/reports/inspection?format=json) timed alone.
//   npm run build && node bench/dashboard.mjs [--releases 2300]
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { openWorkspace } from "../dist/index.js";
import { planRelease } from "../dist/public/release.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const releases = Number(arg("--releases", "2300"));
const cli = join(root, "dist", "bin", "jikimi.js");

const assets = join(root, "dist", "web", "assets");
let raw = 0;
let gz = 0;
for (const f of readdirSync(assets)) {
  const bytes = readFileSync(join(assets, f));
  raw += statSync(join(assets, f)).size;
  gz += gzipSync(bytes).length;
  console.log(
    `| ${f} | ${(bytes.length / 1024).toFixed(0)} kB | ${(gzipSync(bytes).length / 1024).toFixed(0)} kB gzip |`,
  );
}
console.log(`| all assets | ${(raw / 1024).toFixed(0)} kB | ${(gz / 1024).toFixed(0)} kB gzip |`);

const dir = mkdtempSync(join(tmpdir(), "jikimi-bench-dashboard-"));
const env = { ...process.env, JIKIMI_KEYRING: join(dir, "k.keyring") };
const run = (args) => {
  const r = spawnSync(process.execPath, [cli, ...args], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};
const ws = join(dir, "ws");
let server;
try {
  run(["init", ws, "--example", "nsf-case-corrected"]);
  run(["keys", "init", "-w", ws]);
  const session = await openWorkspace({ root: ws, env });
  const started = performance.now();
  const { workspace } = session.declarations();
  // the example's two agreements, one release of each a day: 2,300 releases over 1,150 days
  const agreements = ["nsf-credit-feed", "overseas-settlement-feed"].map((id) => ({
    id,
    bytes: readFileSync(join(ws, workspace.agreements.get(id).file)),
  }));
  const base = Date.UTC(2020, 0, 1, 2);
  for (let i = 0; i < releases; i++) {
    const agreement = agreements[i % agreements.length];
    const at = new Date(
      base + Math.floor(i / agreements.length) * 86_400_000 + (i % agreements.length) * 60_000,
    );
    const { scope: _s, ...declared } = planRelease({
      workspace,
      agreement: agreement.id,
      at,
      keyring: session.keyring,
      agreementBytes: agreement.bytes,
    }).declared;
    const people = i === releases - 30 ? 500 : 100;
    await session.ledger().append(
      { ...declared, records: people, files: [], operator: "batch", channel: "file" },
      Array.from({ length: people }, (_, n) => `HB${String(n + 1).padStart(10, "0")}`),
      new Date(at.getTime() + 3_600_000),
    );
  }
  await session.close();
  console.log(
    `history of ${releases} releases built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const token = run(["tokens", "issue", "-w", ws, "--role", "dpo", "--name", "bench", "--ttl", "1h"]);
  server = spawn(process.execPath, [cli, "serve", "-w", ws, "--listen", "127.0.0.1:0"], { env });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.on("exit", (c) => reject(new Error(`serve exited ${c}`)));
  });
  const best = async (f) => {
    const times = [];
    for (let i = 0; i < 5; i++) times.push(await f());
    return Math.min(...times);
  };
  const api = await best(async () => {
    const t0 = performance.now();
    const r = await fetch(`${url}/v1/reports/inspection?format=json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await r.arrayBuffer();
    return performance.now() - t0;
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox"],
  });
  // to `ready` drawn; then, when `act` is given, to its answer on the page (the page is interactive)
  const load = (path, ready, act) =>
    best(async () => {
      const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${url}${path}#token=${encodeURIComponent(token)}`);
      try {
        for (const r of ready) await page.locator(r).first().waitFor({ timeout: 10_000 });
      } catch (e) {
        throw new Error(
          `${path}: ${ready.join(", ")} not drawn; the page says: ${await page.locator("main").textContent()}`,
          { cause: e },
        );
      }
      if (act) await act(page);
      const ms = performance.now() - t0;
      await context.close();
      return ms;
    });
  const overview = await load("/app/", ['[data-testid="flow-map"][data-ready="true"]']);
  const tableReady = ['[data-testid="releases"] tbody tr', '[data-testid="timeline"][data-ready="true"]'];
  const releasesPage = await load("/app/releases", tableReady);
  // interactive: the filter answers (the newest row is the other agreement's) after the page is ready
  const filterTwice = async (page) => {
    await page.getByTestId("filter").fill("nsf-credit");
    await page
      .locator('[data-testid="releases"] tbody tr:first-child td:nth-child(3)', {
        hasText: "nsf-credit-feed",
      })
      .waitFor();
    await page.getByTestId("filter").fill("");
    await page
      .locator('[data-testid="releases"] tbody tr:first-child td:nth-child(3)', { hasText: "overseas" })
      .waitFor();
  };
  const releasesInteractive = await load("/app/releases", tableReady, filterTwice);
  // the releases page opened from the overview's navigation (the shell loaded, the overview read): to the table and
  // timeline ready and the filter answering
  const releasesFromNav = await best(async () => {
    const context = await browser.newContext({ locale: "ko-KR", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}/app/#token=${encodeURIComponent(token)}`);
    await page.locator('[data-testid="flow-map"][data-ready="true"]').waitFor();
    // a person reads the overview before moving on: the page's reads ahead of time are done by then
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(2000);
    const t0 = performance.now();
    await page.locator('nav a[href="/app/releases"]').click();
    for (const r of tableReady) await page.locator(r).first().waitFor();
    await filterTwice(page);
    const ms = performance.now() - t0;
    await context.close();
    return ms;
  });
  await browser.close();
  console.log(`| baseline: GET /v1/reports/inspection?format=json | ${api.toFixed(0)} ms |`);
  console.log(`| first load of the overview, to the flow map drawn | ${overview.toFixed(0)} ms |`);
  console.log(
    `| the releases page (${releases} rows), to table and timeline ready | ${releasesPage.toFixed(0)} ms |`,
  );
  console.log(
    `| the releases page, ready and then filtered twice (interactive) | ${releasesInteractive.toFixed(0)} ms |`,
  );
  console.log(
    `| the releases page from the navigation: table and timeline ready, filtered twice | ${releasesFromNav.toFixed(0)} ms |`,
  );
} finally {
  server?.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
