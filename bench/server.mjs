// bench: the HTTP API under load, on each state store. (1) A person's history (GET /v1/subjects/me/history with a
// signed subject token) at 200 concurrent connections for 30 s on a ledger of 4 M subjects x 2,300 releases,
// against the library's own `subjectHistory` on the same ledger in the same run (the baseline). (2) `share` over
// HTTP (the 10 M-row customers file streamed as the request body) against `jikimi share` on the same file, same
// workspace and keys, in the same run. Server and load generator (autocannon) are separate processes on loopback.
// The history load runs against `jikimi serve` with each of --workers (default 1 and 2 processes), then once more
// at a set rate (--rate answers/s, evenly spaced, over up to 200 kept-alive connections; each answer's time counts
// from when it was due, so a server that falls behind is not hidden: autocannon's own rate sends each second's
// share at once, a burst, which is why it is not used here).
// usage: npm run build && node bench/server.mjs [--store sqlite|postgres|both] [--subjects 4000000]
//        [--releases 2300] [--connections 200] [--duration 30] [--warmup 10] [--ceiling-duration 10]
//        [--workers 1,2] [--rate 1000] [--share-rows 10000000] [--no-history] [--no-share]
// PostgreSQL: --database-url, else $JIKIMI_BENCH_DATABASE_URL or $JIKIMI_TEST_DATABASE_URL (a database is made
// there and dropped after).
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import autocannon from "autocannon";
import pg from "pg";
import { openWorkspace } from "../dist/index.js";
import { mintSubjectToken } from "../dist/public/server.js";
import { agreementYaml, BENCH, PURPOSE_YAML, RECIPIENT_YAML } from "./share-baselines.mjs";
import { arg, benchSubject, buildHistory, cli, customersFile, serve } from "./support.mjs";

const N = Number(arg("subjects", 4_000_000));
const R = Number(arg("releases", 2300));
const CONNECTIONS = Number(arg("connections", 200));
const DURATION = Number(arg("duration", 30));
const WARMUP = Number(arg("warmup", 10));
const CEILING = Number(arg("ceiling-duration", 10));
const WORKERS = String(arg("workers", "1,2")).split(",").map(Number);
const RATE = Number(arg("rate", 1000));
const SHARE_ROWS = Number(arg("share-rows", 10_000_000));
const SERVER = arg(
  "database-url",
  process.env.JIKIMI_BENCH_DATABASE_URL ?? process.env.JIKIMI_TEST_DATABASE_URL,
);
const STORES = (() => {
  const s = arg("store", SERVER ? "both" : "sqlite");
  return s === "both" ? ["sqlite", "postgres"] : [s];
})();
const dir = mkdtempSync(join(tmpdir(), "jikimi-bench-server-"));
const log = (line) => process.stderr.write(`${line}\n`);
const rows = [];
const row = (what, value) => {
  rows.push([what, value]);
  log(`${what}: ${value}`);
};

/** A fresh database on the server for `name`, and how to drop it. */
async function freshDatabase(name) {
  const admin = new pg.Pool({ connectionString: SERVER, max: 1 });
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * An open-loop load: `rate` GETs of `path` a second, evenly spaced, for `warm` + `seconds` s over at most
 * `connections` kept-alive sockets; answers due in the first `warm` s are left out. Resolves with a summary line.
 */
async function paced(url, path, rate, warm, seconds, connections, bearer) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const total = rate * (warm + seconds);
  const rts = [];
  let sent = 0;
  let bad = 0;
  let failed = 0;
  const t0 = performance.now();
  await new Promise((done) => {
    let finished = 0;
    const settle = () => {
      if (++finished === total) done();
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
      while (sent < due) {
        const i = sent++;
        const scheduled = t0 + (i * 1000) / rate;
        const counted = scheduled - t0 >= warm * 1000;
        const req = request(
          `${url}${path}`,
          { agent, headers: { authorization: `Bearer ${bearer(i)}` } },
          (res) => {
            res.resume();
            res.on("end", () => {
              if (counted) {
                rts.push(performance.now() - scheduled);
                if (res.statusCode !== 200) bad++;
              }
              settle();
            });
          },
        );
        req.on("error", () => {
          if (counted) failed++;
          settle();
        });
        req.end();
      }
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  agent.destroy();
  rts.sort((a, b) => a - b);
  const at = (q) => (rts[Math.min(rts.length - 1, Math.floor(q * rts.length))] ?? 0).toFixed(1);
  return `${at(0.5)} ms / **${at(0.99)} ms** (${Math.round(rts.length / seconds)} req/s, ${failed} errors, ${bad} non-2xx)`;
}

/** POSTs `file` to `url` as the request body, piped; resolves with the status and the parsed JSON answer. */
function upload(url, file, headers) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d) => {
        text += d;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on("error", reject);
    pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), req).catch(reject);
  });
}

const jikimi = (args, env) => execFileSync(process.execPath, [cli, ...args], { env, encoding: "utf8" });

/** Part 1: a person's history over HTTP against the library on the same ledger. */
async function history(kind) {
  const ws = join(dir, `history-${kind}`);
  jikimi(["init", ws, "--example", "minimal"], process.env);
  const env = { ...process.env, JIKIMI_KEYRING: join(dir, `history-${kind}.keyring`) };
  jikimi(["keys", "init", "-w", ws], env);
  const db = kind === "postgres" ? await freshDatabase(`jikimi_bench_api_${process.pid}`) : undefined;
  if (db) env.JIKIMI_DATABASE_URL = db.url;
  try {
    let session = await openWorkspace({ root: ws, env });
    const tokens = [];
    try {
      const seconds = await buildHistory(session, N, R);
      row(`[${kind}] record ${R} releases of ${N.toLocaleString()} subjects`, `${seconds.toFixed(1)} s`);
      // the baseline: the library's own subjectHistory, 1,000 random subjects, in this process
      await session.close();
      session = await openWorkspace({ root: ws, env });
      let q = 99;
      // the library on the same ledger, one caller: the whole history, and the answer the route gives
      const baseline = async (what, call) => {
        const lat = [];
        for (let i = 0; i < 1000; i++) {
          q = (q * 1103515245 + 12345) >>> 0;
          const s = performance.now();
          await call(benchSubject(q % N));
          lat.push(performance.now() - s);
        }
        lat.sort((a, b) => a - b);
        row(
          `[${kind}] library ${what} p50 / p99 (baseline, one caller)`,
          `${lat[500].toFixed(2)} ms / ${lat[990].toFixed(2)} ms`,
        );
      };
      const ledger = session.ledger();
      await baseline("subjectHistory (every release)", (k) => ledger.subjectHistory(k));
      await baseline("subjectOverview (the route's answer: groups, 50 newest)", (k) =>
        ledger.subjectOverview(k, { limit: 50 }),
      );
      for (let i = 0; i < 1000; i++) {
        q = (q * 1103515245 + 12345) >>> 0;
        tokens.push((await mintSubjectToken(session, { subjectKey: benchSubject(q % N), ttl: "1h" })).token);
      }
    } finally {
      await session.close();
    }
    for (const [w, workers] of WORKERS.entries()) {
      const last = w === WORKERS.length - 1;
      const server = await serve(ws, env, workers);
      const label = `[${kind}, ${workers} ${workers === 1 ? "process" : "workers"}]`;
      try {
        let next = 0;
        const load = (path, duration) =>
          autocannon({
            url: server.url,
            connections: CONNECTIONS,
            duration,
            requests: [
              {
                method: "GET",
                path,
                setupRequest: (req) => ({
                  ...req,
                  headers: { ...req.headers, authorization: `Bearer ${tokens[next++ % tokens.length]}` },
                }),
              },
            ],
          });
        /** One load of `warm` + `duration` seconds, with the answers that started in each part summarised apart. */
        const steady = async (path, warm, duration) => {
          const t0 = performance.now();
          const boundary = t0 + warm * 1000;
          const parts = { warm: { rts: [], bad: 0, failed: 0 }, measured: { rts: [], bad: 0, failed: 0 } };
          const partAt = (start) => (start < boundary ? parts.warm : parts.measured);
          const instance = load(path, warm + duration);
          instance.on("response", (_client, status, _bytes, rt) => {
            const part = partAt(performance.now() - rt);
            part.rts.push(rt);
            if (status < 200 || status > 299) part.bad++;
          });
          // a timeout (autocannon's 10 s) or a failed request counts against the part it is seen in
          instance.on("reqError", () => partAt(performance.now()).failed++);
          await instance;
          const line = (part, seconds) => {
            const rts = part.rts.sort((a, b) => a - b);
            const at = (q) => Math.round(rts[Math.min(rts.length - 1, Math.floor(q * rts.length))] ?? 0);
            return `${at(0.5)} ms / **${at(0.99)} ms** (${Math.round(rts.length / seconds)} req/s, ${part.failed} errors or timeouts, ${part.bad} non-2xx)`;
          };
          return { warm: line(parts.warm, warm), measured: line(parts.measured, duration) };
        };
        const summary = (r) =>
          `${r.latency.p50} ms / **${r.latency.p99} ms** (${Math.round(r.requests.average)} req/s, ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts)`;
        // a fresh process compiles its code and fills its caches in its first seconds, and 200 connections opened at
        // once against a busy server are accepted over a second or two (the wait is before the app: no request spends
        // a second inside it). One run of warm-up + duration on the same connections; the answers that started after
        // the warm-up are the measure, the others reported on their own line.
        const phases = await steady("/v1/subjects/me/history", WARMUP, DURATION);
        row(
          `${label} warm-up: the first ${WARMUP} s of the run (fresh processes, new connections)`,
          phases.warm,
        );
        row(
          `${label} **GET /v1/subjects/me/history**, ${CONNECTIONS} connections x ${DURATION} s after it: p50 / **p99**`,
          phases.measured,
        );
        if (!last) continue;
        // a load the server keeps up with: RATE answers a second, evenly spaced (its first seconds apart)
        row(
          `${label} GET /v1/subjects/me/history at ${RATE.toLocaleString()} answers/s, evenly spaced, up to ${CONNECTIONS} connections, ${DURATION} s after ${WARMUP} s: p50 / **p99**`,
          await paced(
            server.url,
            "/v1/subjects/me/history",
            RATE,
            WARMUP,
            DURATION,
            CONNECTIONS,
            (i) => tokens[i % tokens.length],
          ),
        );
        // the ceiling of this machine: routes that read nothing, under the same load, in the same process
        row(`${label} ceiling: GET /healthz (no token, no store)`, summary(await load("/healthz", CEILING)));
        row(
          `${label} ceiling: GET /v1/whoami (a subject token checked, no store)`,
          summary(await load("/v1/whoami", CEILING)),
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    await db?.drop();
  }
}

/** Part 2: share over HTTP against the CLI on the same file (SQLite; the store is not the bottleneck here). */
async function share() {
  const file = customersFile(SHARE_ROWS, log);
  const ws = join(dir, "share");
  const env = { ...process.env, JIKIMI_KEYRING: join(dir, "share.keyring") };
  jikimi(["init", ws, "--example", "nsf-case-corrected"], env);
  writeFileSync(join(ws, "recipients", `${BENCH.recipient}.yaml`), RECIPIENT_YAML);
  writeFileSync(join(ws, "purposes", "churn-analytics.yaml"), PURPOSE_YAML);
  writeFileSync(join(ws, "agreements", `${BENCH.agreement}.yaml`), agreementYaml());
  jikimi(["keys", "init", "-w", ws], env);
  const fresh = () => rmSync(join(ws, ".jikimi"), { recursive: true, force: true });

  // both releases are dated now: the gateway holds a release back-dated past its window (BENCH.at is 2024)
  fresh();
  let t = performance.now();
  const out = JSON.parse(
    jikimi(
      ["share", BENCH.agreement, "-w", ws, "-i", file, "--out-dir", join(dir, "cli-out"), "--format", "json"],
      env,
    ),
  );
  const cliSeconds = (performance.now() - t) / 1000;
  const cliRate = out.counts.read / cliSeconds;
  row(
    `jikimi share (CLI), ${out.counts.read.toLocaleString()} rows`,
    `${cliSeconds.toFixed(1)} s, ${Math.round(cliRate).toLocaleString()} rows/s`,
  );

  fresh();
  const { token } = JSON.parse(
    jikimi(
      [
        "tokens",
        "issue",
        "-w",
        ws,
        "--role",
        "operator",
        "--name",
        "bench",
        "--ttl",
        "1d",
        "--format",
        "json",
      ],
      env,
    ),
  );
  const server = await serve(ws, env);
  try {
    const headers = { authorization: `Bearer ${token}` };
    t = performance.now();
    // the client as a pipeline would run it: the file piped into a plain HTTP request (curl --data-binary @file)
    const res = await upload(`${server.url}/v1/uploads/releases/${BENCH.agreement}`, file, {
      ...headers,
      "content-type": "text/csv",
    });
    let job = res.body;
    if (res.status >= 300) throw new Error(`upload: ${res.status} ${JSON.stringify(job)}`);
    while (job.state === "running") {
      await new Promise((r) => setTimeout(r, 100));
      job = await (await fetch(`${server.url}/v1/jobs/${job.id}`, { headers })).json();
    }
    const httpSeconds = (performance.now() - t) / 1000;
    if (job.state !== "done") throw new Error(`release job: ${JSON.stringify(job.error)}`);
    const read = job.result?.counts?.read ?? out.counts.read;
    const httpRate = read / httpSeconds;
    row(
      `**share over HTTP** (upload streamed, job polled), ${read.toLocaleString()} rows`,
      `${httpSeconds.toFixed(1)} s, ${Math.round(httpRate).toLocaleString()} rows/s (**${((httpRate / cliRate) * 100).toFixed(1)}%** of the CLI's)`,
    );
  } finally {
    await server.stop();
  }
}

try {
  if (!process.argv.includes("--no-history")) for (const kind of STORES) await history(kind);
  if (!process.argv.includes("--no-share")) await share();
  process.stdout.write(
    `\n| measure (bench/server.mjs, ${new Date().toISOString().slice(0, 10)}) | value |\n| --- | --- |\n`,
  );
  for (const [what, value] of rows) process.stdout.write(`| ${what} | ${value} |\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
