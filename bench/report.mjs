// Reports at the case's scale: `jikimi report inspection` over a ledger of --subjects x --releases (default 4 M x
// 2,300, the daily feed of six years), run as a user runs it (a new process, the workspace on its SQLite store),
// in each format; the baseline in the same run is `jikimi ledger log` of every entry, which reads the same bodies
// and prints them without proving them or computing anything. Then a person's statement over the API (HTML, their
// own token, one request at a time) for --people random subjects, against their history on the same server.
// usage: npm run build && node bench/report.mjs [--subjects 4000000] [--releases 2300] [--formats json,md,html,pdf]
//        [--people 200]
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openWorkspace } from "../dist/index.js";
import { mintSubjectToken } from "../dist/public/server.js";
import { arg, benchSubject, buildHistory, cli, rng, serve } from "./support.mjs";

const N = Number(arg("subjects", 4_000_000));
const R = Number(arg("releases", 2300));
const FORMATS = String(arg("formats", "json,md,html,pdf")).split(",");
const PEOPLE = Number(arg("people", 200));
const dir = mkdtempSync(join(tmpdir(), "jikimi-bench-report-"));
const ws = join(dir, "ws");
const env = { ...process.env, JIKIMI_KEYRING: join(dir, "bench.keyring") };
const jikimi = (args) =>
  execFileSync(process.execPath, [cli, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
const rows = [];
const row = (what, value) => {
  rows.push(`| ${what} | ${value} |`);
  console.log(`${what}: ${value}`);
};
/** Wall time of `jikimi args` in a new process, best of `runs`. */
const timed = (args, runs = 3) => {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    jikimi(args);
    best = Math.min(best, performance.now() - t);
  }
  return best;
};

try {
  jikimi(["init", ws, "--example", "minimal"]);
  jikimi(["keys", "init", "-w", ws]);
  const session = await openWorkspace({ root: ws, env });
  try {
    const seconds = await buildHistory(session, N, R);
    row(`build ${R} releases of ${N.toLocaleString()} subjects`, `${seconds.toFixed(1)} s`);
  } finally {
    await session.close();
  }
  const base = timed(["ledger", "log", "-w", ws, "--limit", String(R + 10), "--format", "json"]);
  row("baseline: `jikimi ledger log` of every entry (json)", `${(base / 1000).toFixed(2)} s`);
  for (const format of FORMATS) {
    const out = join(dir, `inspection.${format}`);
    const ms = timed(["report", "inspection", "-w", ws, "--format", format, "-o", out]);
    row(
      `\`jikimi report inspection --format ${format}\` (${Math.round(statSync(out).size / 1024).toLocaleString()} kB)`,
      `${(ms / 1000).toFixed(2)} s (${(ms / base).toFixed(1)}x the baseline)`,
    );
  }
  // a person's statement over the API, against their history on the same server and subjects
  const minting = await openWorkspace({ root: ws, env });
  const next = rng(7);
  const tokens = [];
  try {
    for (let i = 0; i < PEOPLE; i++)
      tokens.push(
        (await mintSubjectToken(minting, { subjectKey: benchSubject(next() % N), ttl: "1h" })).token,
      );
  } finally {
    await minting.close();
  }
  const server = await serve(ws, env);
  try {
    const timings = async (path) => {
      const ms = [];
      for (const token of tokens) {
        const t = performance.now();
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      const at = (q) => (ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0).toFixed(1);
      return `${at(0.5)} / ${at(0.99)} ms`;
    };
    await timings("/v1/subjects/me/history"); // warm-up: the server's first requests compile its code
    row(
      `baseline: GET /v1/subjects/me/history, ${PEOPLE} people one at a time, p50 / p99`,
      await timings("/v1/subjects/me/history"),
    );
    row(
      `**GET /v1/subjects/me/statement?format=html**, the same people, p50 / p99`,
      await timings("/v1/subjects/me/statement?format=html&lang=ko"),
    );
  } finally {
    await server.stop();
  }
  console.log(
    `\n| measure (bench/report.mjs, ${new Date().toISOString().slice(0, 10)}) | value |\n| --- | --- |`,
  );
  console.log(rows.join("\n"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
