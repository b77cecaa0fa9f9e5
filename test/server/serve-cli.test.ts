// `jikimi serve` as an operator runs it: a process on a free loopback port that prints its ready line, answers a
// token issued by `jikimi tokens issue`, logs one JSON line per request on stderr without the token, and stops
// cleanly on SIGTERM.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exampleWorkspace, ROOT } from "../support/cli.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe("jikimi serve", () => {
  it("serves the API until SIGTERM, logging requests without tokens", async () => {
    const w = exampleWorkspace(cleanups, { keys: true });
    const issued = w.run(["tokens", "issue", "--role", "regulator", "--name", "inspector", "--ttl", "1h"]);
    expect(issued.status, issued.stderr).toBe(0);
    const token = issued.stdout.trim();
    const child = spawn(
      process.execPath,
      [join(ROOT, "dist", "bin", "jikimi.js"), "serve", "-w", w.ws, "--listen", "127.0.0.1:0"],
      { env: { ...process.env, ...w.env, LANG: "en_US.UTF-8", LC_ALL: "" } },
    );
    cleanups.push(() => child.kill("SIGKILL"));
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    });
    const who = await fetch(`${url}/v1/whoami`, { headers: { authorization: `Bearer ${token}` } });
    expect(who.status).toBe(200);
    expect(await who.json()).toMatchObject({ role: "regulator", name: "inspector" });
    const refused = await fetch(`${url}/v1/access-log`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(403);
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = stderr.split("\n").filter((l) => l.startsWith("{"));
    expect(lines.map((l) => JSON.parse(l).route)).toEqual(["/v1/whoami", "/v1/access-log"]);
    expect(stderr).not.toContain(token);
    expect(stderr).not.toContain(token.slice(16));
  });

  it("refuses a --redis that does not answer before it listens, naming the fix and not the password", () => {
    const w = exampleWorkspace(cleanups, { keys: true });
    const r = w.run([
      "serve",
      "--listen",
      "127.0.0.1:0",
      "--redis",
      "redis://jikimi:s3cret-pw@127.0.0.1:1/0",
      "--format",
      "json",
    ]);
    expect(r.status).not.toBe(0);
    const doc = JSON.parse(r.stdout) as { error: { code: string } };
    expect(doc.error.code).toBe("redis_unreachable");
    expect(r.stdout + r.stderr).not.toContain("listening");
    expect(r.stdout + r.stderr).not.toContain("s3cret-pw");
  });
});
