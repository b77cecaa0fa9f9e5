// runs the built jikimi CLI (dist/) as a child process, the way a user does.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = join(ROOT, "dist", "bin", "jikimi.js");

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `jikimi ...args`; the tests expect `npm run build` to have made dist/. */
export function jikimi(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): CliRun {
  if (!existsSync(MAIN))
    throw new Error("dist/bin/jikimi.js is missing: run `npm run build` first (npm test does)");
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    // English unless a test asks for Korean (--lang ko or LANG), whatever the machine's locale
    env: { ...process.env, NO_COLOR: "1", LC_ALL: "", LC_MESSAGES: "", LANG: "en_US.UTF-8", ...options.env },
    input: options.input,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = "jikimi-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Writes a consent file granting the case's overseas provision (2023-01-01) to the customers of a generated
 * customers CSV that `keep` selects (by 0-based data row); returns the path.
 */
export function writeConsent(
  customersCsv: string,
  out: string,
  keep: (row: number) => boolean = () => true,
): string {
  const ids = readFileSync(customersCsv, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[0] ?? "")
    .filter((_, i) => keep(i));
  writeFileSync(
    out,
    `subject,purpose,action,at,source\n${ids.map((id) => `${id},nsf-provision-overseas,grant,2023-01-01T00:00:00Z,app-v3`).join("\n")}\n`,
  );
  return out;
}

/**
 * An ISO time `daysAgo` days and one more hour before now: a `--at` inside the back-dating window (7 days) that
 * increases from one release to the next when `daysAgo` decreases.
 */
export function recentIso(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000).toISOString();
}

/**
 * The corrected case example in a fresh temporary folder (removed by a cleanup pushed onto `cleanups`), with its
 * keyring outside the workspace; `keys` also creates the keys. `run` runs jikimi on that workspace.
 */
export function exampleWorkspace(cleanups: (() => void)[], options: { keys?: boolean } = {}) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const ws = join(dir, "ws");
  const env = { JIKIMI_KEYRING: join(dir, "keys", "test.keyring") };
  if (jikimi(["init", ws, "--example", "nsf-case-corrected"]).status !== 0)
    throw new Error("jikimi init of the corrected example failed");
  const run = (args: string[]) => jikimi([...args, "-w", ws], { env });
  if (options.keys && run(["keys", "init"]).status !== 0) throw new Error("jikimi keys init failed");
  return { dir, ws, env, run };
}
