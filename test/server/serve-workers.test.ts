// `jikimi serve --workers 2` as an operator runs it: one address, two worker processes that both answer; a job
// started on one is read through the other; a token's rate limit is shared out so two workers never allow more
// than it; a worker killed is started again; SIGTERM stops every process; a bad --workers is refused.
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exampleWorkspace, ROOT } from "../support/cli.js";

const MAIN = join(ROOT, "dist", "bin", "jikimi.js");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** One request on a connection of its own (so the primary hands each to the next worker). */
function fresh(
  url: string,
  path: string,
  token: string,
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: body === undefined ? "GET" : "POST",
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { "content-type": "text/csv" }),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The pids of `parent`'s children. */
const childrenOf = (parent: number): number[] =>
  execFileSync("pgrep", ["-P", String(parent)], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map(Number);

function startServe(
  ws: string,
  env: Record<string, string>,
  args: string[],
  listen = "127.0.0.1:0",
): { child: ChildProcessWithoutNullStreams; ready: Promise<string>; stderr: () => string } {
  const child = spawn(process.execPath, [MAIN, "serve", "-w", ws, "--listen", listen, ...args], {
    env: { ...process.env, ...env, LANG: "en_US.UTF-8", LC_ALL: "" },
  });
  cleanups.push(() => {
    for (const pid of (() => {
      try {
        return childrenOf(child.pid as number);
      } catch {
        return [];
      }
    })())
      process.kill(pid, "SIGKILL");
    child.kill("SIGKILL");
  });
  let err = "";
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
  });
  const ready = new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  return { child, ready, stderr: () => err };
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe("jikimi serve --workers", () => {
  it("answers from every worker, reads a job through any of them, shares the rate limit and restarts a dead worker", async () => {
    const w = exampleWorkspace(cleanups, { keys: true });
    const issue = (name: string) => {
      const issued = w.run(["tokens", "issue", "--role", "operator", "--name", name, "--ttl", "1h"]);
      expect(issued.status, issued.stderr).toBe(0);
      return issued.stdout.trim();
    };
    const token = issue("airflow");
    const limited = issue("limited");
    const serve = startServe(w.ws, w.env, ["--workers", "2", "--rate-limit", "40"]);
    const url = await serve.ready;
    expect(serve.stderr()).toContain(
      "in 2 worker processes (40 requests per token per minute, each worker counting 20)",
    );
    const workers = childrenOf(serve.child.pid as number);
    expect(workers).toHaveLength(2);

    // a job started on one worker, read on new connections: the primary hands them out in turn, so both workers
    // answer, and each gives the same job
    const started = await fresh(
      url,
      "/v1/uploads/scans?name=customers.csv",
      token,
      "name,phone\n김민준,010-1234-5678\n",
    );
    expect(started.status).toBe(202);
    const id = started.json.id as string;
    const reads = [];
    for (let i = 0; i < 6; i++) reads.push(await fresh(url, `/v1/jobs/${id}`, token));
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(reads.map((r) => r.json.id))).toEqual(new Set([id]));
    const logged = () =>
      serve
        .stderr()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { worker: number; route: string; status: number });
    await until(() => logged().filter((l) => l.route === "/v1/jobs/:id").length === 6, "the request log");
    expect(
      new Set(
        logged()
          .filter((l) => l.route === "/v1/jobs/:id")
          .map((l) => l.worker),
      ),
    ).toEqual(new Set([1, 2]));
    // another caller's token does not see the job through either worker
    for (let i = 0; i < 2; i++) expect((await fresh(url, `/v1/jobs/${id}`, limited)).status).toBe(404);

    // 40 per minute over two workers: each counts 20, so 44 requests (22 to each) get 40 answers and 4 refusals
    const statuses: number[] = [];
    for (let i = 0; i < 42; i++) statuses.push((await fresh(url, "/v1/whoami", limited)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(38);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);

    // a worker that dies is started again, and the server keeps answering
    process.kill(workers[0] as number, "SIGKILL");
    await until(() => serve.stderr().includes("stopped (SIGKILL); starting it again"), "the restart note");
    await until(() => {
      try {
        return childrenOf(serve.child.pid as number).length === 2;
      } catch {
        return false;
      }
    }, "the new worker");
    for (let i = 0; i < 4; i++) expect((await fresh(url, "/v1/whoami", token)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => serve.child.on("exit", resolve));
    serve.child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(serve.stderr()).toContain("SIGTERM: finishing open requests and stopping");
    expect(serve.stderr()).not.toContain(token);
  });

  it("stops with an exit code when its workers cannot listen", async () => {
    const w = exampleWorkspace(cleanups, { keys: true });
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => taken.close());
    const port = (taken.address() as { port: number }).port;
    const serve = startServe(w.ws, w.env, ["--workers", "2"], `127.0.0.1:${port}`);
    const refused = expect(serve.ready).rejects.toThrow(/serve exited with 2/);
    const code = await new Promise<number | null>((resolve) => serve.child.on("exit", resolve));
    await refused;
    expect(code).toBe(2);
    expect(serve.stderr()).toContain("EADDRINUSE");
    expect(serve.stderr()).toContain("a worker process stopped before the server was ready");
  });

  it("refuses a worker count out of range", () => {
    const w = exampleWorkspace(cleanups, { keys: true });
    const r = w.run(["serve", "--workers", "0", "--listen", "127.0.0.1:0"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--workers is not a whole number from 1 to 64");
  });
});
