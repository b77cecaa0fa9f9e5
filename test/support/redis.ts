// a throwaway Redis for the distributed-release suites: Debian's redis-server on loopback, a free port, no
// persistence, in a temporary folder; `restart` kills it (SIGKILL) and starts it again on the same port, empty.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";

/** Whether redis-server is on this machine (`.ci/run` installs it and sets JIKIMI_REQUIRE_REDIS=1). */
export function redisAvailable(): boolean {
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" }).status === 0;
  if (!found && process.env.JIKIMI_REQUIRE_REDIS === "1")
    throw new Error("redis-server is required here (JIKIMI_REQUIRE_REDIS=1): apt-get install redis-server");
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts redis-server in `dir`; resolves once it accepts connections. */
export async function startRedis(dir: string): Promise<TestRedis> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      child = c;
      let out = "";
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out}`)), 10_000);
      c.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.on("exit", (code) => {
        clearTimeout(timer);
        if (!out.includes("Ready to accept connections"))
          reject(new Error(`redis-server exited ${code}: ${out}`));
      });
    });
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}

/** The Redis `.ci/run` started (JIKIMI_TEST_REDIS_URL), or one of this suite's own; `restart` only on its own. */
export async function suiteRedis(dir: string): Promise<TestRedis> {
  const url = process.env.JIKIMI_TEST_REDIS_URL;
  if (url === undefined || url === "") return startRedis(dir);
  return {
    url,
    restart: () => Promise.reject(new Error("the shared Redis is not restarted: start one with startRedis")),
    stop: async () => {},
  };
}
