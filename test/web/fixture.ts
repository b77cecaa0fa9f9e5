// the dashboard's end-to-end fixture: `npm run demo`'s own script (scripts/demo.mjs, 2,000 customers) builds the
// demo workspace once per test run in a temporary folder (the first test file to ask builds it under a lock, the
// others wait for it), then each test file starts `jikimi serve` (the built CLI) on it, issues a token per role and
// one for a released customer, and drives Debian's Chromium through playwright-core. Screenshots go to
// test-results/dashboard/ (and the README's two to docs/img/ with JIKIMI_WRITE_DOCS=1).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { jikimi, ROOT } from "../support/cli.js";

export const CHROMIUM = process.env.JIKIMI_CHROMIUM ?? "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
const SHOTS = join(ROOT, "test-results", "dashboard");
const RUN = process.env.JIKIMI_TEST_RUN ?? String(process.ppid);

export type WebRole = "operator" | "dpo" | "regulator" | "controller" | "subject";

export interface DemoWorkspace {
  /** the corrected workspace the demo released from */
  ws: string;
  /** the demo's folder (outbox, checkpoint.note, public/ tiles, log.vkey) */
  demo: string;
  env: Record<string, string>;
  /** a customer in the released feed (as `npm run serve` picks one) */
  person: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The demo workspace of this test run, built by the first caller (under a lock) and shared by the rest. */
export async function demoWorkspace(): Promise<DemoWorkspace> {
  const home = join(tmpdir(), `jikimi-web-demo-${RUN}`);
  const demo = join(home, "demo");
  const done = join(home, "ready");
  const failed = join(home, "failed");
  const result = (): DemoWorkspace => {
    const rows = readFileSync(join(demo, "nsf-case", "data", "customers.csv"), "utf8").split("\n");
    const header = (rows[0] ?? "").split(",");
    const [id, linked] = [header.indexOf("customer_id"), header.indexOf("appstore_linked")];
    const person =
      rows
        .slice(1)
        .filter((l) => l !== "")
        .find((l, i) => l.split(",")[linked] === "true" && i % 20 !== 7)
        ?.split(",")[id] ?? "";
    return {
      ws: join(demo, "nsf-case-corrected"),
      demo,
      env: { JIKIMI_KEYRING: join(demo, "keys", "demo.keyring") },
      person,
    };
  };
  let mine = false;
  try {
    mkdirSync(home);
    mine = true;
  } catch {
    // another test file builds it
  }
  if (mine) {
    sweep(home);
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "demo.mjs")], {
      cwd: ROOT,
      env: { ...process.env, DEMO_ROWS: "2000", JIKIMI_DEMO_HOME: home },
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) {
      writeFileSync(failed, `${r.stdout}\n${r.stderr}`);
      throw new Error(`the demo failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
    }
    writeFileSync(done, "");
    return result();
  }
  for (let waited = 0; waited < 180_000; waited += 250) {
    if (existsSync(done)) return result();
    if (existsSync(failed)) throw new Error(`the demo failed: ${readFileSync(failed, "utf8").slice(-2000)}`);
    await sleep(250);
  }
  throw new Error(`the demo workspace in ${home} was not ready after 3 minutes`);
}

/** Removes demo folders of earlier test runs (older than six hours). */
function sweep(keep: string): void {
  const old = Date.now() - 6 * 3_600_000;
  for (const name of readdirSync(tmpdir())) {
    const dir = join(tmpdir(), name);
    if (!name.startsWith("jikimi-web-demo-") || dir === keep) continue;
    try {
      if (statSync(dir).mtimeMs < old) rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

export interface Opened {
  page: Page;
  context: BrowserContext;
  /** page errors, console errors and HTTP answers >= 400 seen so far */
  errors: string[];
  close: () => Promise<void>;
}

export interface Dashboard {
  url: string;
  demo: DemoWorkspace;
  tokens: Record<WebRole, string>;
  /** GET (or `init`) `path` of the API as `role`, parsed JSON; throws on a non-2xx answer */
  api: <T>(path: string, role: WebRole, init?: RequestInit) => Promise<T>;
  /** a new page in Korean (the browser's language) at 1280 px (or `width`), signed in as `role` */
  open: (role: WebRole, path?: string, options?: { width?: number; bypassCSP?: boolean }) => Promise<Opened>;
  stop: () => Promise<void>;
}

/** Serves the demo workspace (or `workspace`) and launches Chromium; `stop` ends both. */
export async function startDashboard(workspace?: DemoWorkspace): Promise<Dashboard> {
  const demo = workspace ?? (await demoWorkspace());
  const tokens = { operator: "", dpo: "", regulator: "", controller: "", subject: "" };
  for (const role of ["operator", "dpo", "regulator", "controller"] as const) {
    const issued = jikimi(["tokens", "issue", "-w", demo.ws, "--role", role, "--name", `e2e-${role}`], {
      env: demo.env,
    });
    if (issued.status !== 0) throw new Error(issued.stderr);
    tokens[role] = issued.stdout.trim();
  }
  const person = jikimi(["tokens", "issue", "-w", demo.ws, "--role", "subject", "--subject", demo.person], {
    env: demo.env,
  });
  if (person.status !== 0) throw new Error(person.stderr);
  tokens.subject = person.stdout.trim();
  const server: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, "dist", "bin", "jikimi.js"), "serve", "-w", demo.ws, "--listen", "127.0.0.1:0"],
    { env: { ...process.env, ...demo.env } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    server.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox"],
  });
  const api = async <T>(path: string, role: WebRole, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${tokens[role]}`, ...(init.headers ?? {}) },
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const open = async (
    role: WebRole,
    path = "/app/",
    options: { width?: number; bypassCSP?: boolean } = {},
  ): Promise<Opened> => {
    const context = await browser.newContext({
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
    return { page, context, errors, close: () => context.close() };
  };
  return {
    url,
    demo,
    tokens,
    api,
    open,
    stop: async () => {
      await browser.close();
      server.kill("SIGTERM");
    },
  };
}

/** Saves a full-page screenshot as test-results/dashboard/`name`.png (the README's two also to docs/img/). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.JIKIMI_WRITE_DOCS === "1" && (name === "overview" || name === "releases"))
    copyFileSync(file, join(ROOT, "docs", "img", `dashboard-${name}.png`));
}

/** Every text the page shows (what a person reads), one string. Page scripts go as text: no DOM types here. */
export const visibleText = (page: Page) => page.evaluate<string>("document.body.innerText");

/** Lines of `text` with Hangul in them (an English page should have none but the language switch's own name). */
export const hangulLines = (text: string) => text.match(/[^\n]*[가-힣][^\n]*/g) ?? [];

/** A raw catalogue key shown instead of its message. */
export const RAW_KEY = /\bweb\.[a-z_]+\.[a-z_]+/;

/** Runs axe-core on the page; the ids of serious or critical violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { createRequire } = await import("node:module");
  const axe = join(createRequire(import.meta.url).resolve("axe-core"), "..", "axe.min.js");
  await page.addScriptTag({ path: axe });
  const found = await page.evaluate<{ id: string; impact: string }[]>(
    "axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact })))",
  );
  return found.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}
