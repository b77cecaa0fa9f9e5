// `jikimi serve --workers N`: N server processes on one address, through node:cluster. The primary accepts the
// connections and hands them to the workers in turn, so a worker busy answering never leaves new connections
// waiting in the kernel's queue (one busy Node process accepts about one connection per turn of its event loop),
// and every core answers. The primary runs no app: it starts the workers (each the same command line, told its
// number), prints the ready line once all of them listen, starts a worker again when one dies, relays job lookups
// between workers (a job lives in the worker that runs it; its id names that worker), and on SIGINT or SIGTERM
// stops them all and waits for them.
import cluster, { type Worker } from "node:cluster";
import type { AddressInfo } from "node:net";
import { JikimiError, t } from "../../public/base.js";
import type { Principal } from "../../public/server.js";
import { apiError, Jobs, type JobView } from "../../server/index.js";
import { ExitCode } from "../exit-codes.js";
import { jsonOutput, note } from "../output.js";

const WORKER_ENV = "JIKIMI_SERVE_WORKER";
/** the most workers one server runs (a job id gives its worker one byte) */
export const MAX_WORKERS = 64;
/** how long a worker waits for another to answer about a job */
const ASK_TIMEOUT_MS = 5_000;

interface Ask {
  jikimi: "job?";
  req: number;
  from: number;
  worker: number;
  id: string;
  who: Principal;
}
interface Reply {
  jikimi: "job!";
  req: number;
  to: number;
  view?: JobView;
}

const isAsk = (m: unknown): m is Ask => (m as Ask | null)?.jikimi === "job?";
const isReply = (m: unknown): m is Reply => (m as Reply | null)?.jikimi === "job!";

/** This process's number (1..N) when it is a worker of `jikimi serve --workers N`, else undefined. */
export function serveWorkerNumber(): number | undefined {
  if (!cluster.isWorker) return undefined;
  const n = Number(process.env[WORKER_ENV]);
  return Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS ? n : undefined;
}

/**
 * The jobs of worker `self`: its own, and the others' asked for through the primary.
 * @example const jobs = workerJobs(serveWorkerNumber() ?? 1);
 */
export function workerJobs(self: number): Jobs {
  const waiting = new Map<number, (reply: Reply | undefined) => void>();
  let next = 0;
  const jobs = new Jobs({
    workers: {
      self,
      remote: (worker, id, who) =>
        new Promise<JobView>((resolve, reject) => {
          const req = ++next;
          const answered = (reply: Reply | undefined) => {
            clearTimeout(timer);
            waiting.delete(req);
            if (reply?.view) resolve(reply.view);
            else reject(apiError("unknown_job"));
          };
          // a worker that died took its jobs with it: after the wait the job is unknown, as for any other id
          const timer = setTimeout(() => answered(undefined), ASK_TIMEOUT_MS);
          waiting.set(req, answered);
          process.send?.({ jikimi: "job?", req, from: self, worker, id, who } satisfies Ask);
        }),
    },
  });
  process.on("message", (m: unknown) => {
    if (isReply(m)) waiting.get(m.req)?.(m);
    else if (isAsk(m)) {
      let view: JobView | undefined;
      try {
        view = jobs.get(m.id, m.who);
      } catch {
        view = undefined;
      }
      process.send?.({ jikimi: "job!", req: m.req, to: m.from, ...(view ? { view } : {}) } satisfies Reply);
    }
  });
  return jobs;
}

/**
 * Stops a worker's server when the primary asks (SIGTERM) or goes away. Ctrl-C in a terminal reaches every process
 * of the group: a worker leaves it to the primary, which stops them all and would otherwise take a worker that
 * exits first for one that died.
 * @example await workerUntilStopped(server, async () => { await jobs.close(); await session.close(); });
 */
export async function workerUntilStopped(
  server: { close(): Promise<void> },
  cleanup: () => Promise<void>,
): Promise<void> {
  await new Promise<void>((done) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void server.close().then(cleanup).finally(done);
    };
    process.on("SIGINT", () => {});
    process.on("SIGTERM", stop);
    process.on("disconnect", stop);
  });
  process.exitCode = ExitCode.ok;
  process.disconnect?.();
}

/**
 * Runs `count` workers of this same command line and waits for a signal; prints `listening on <url>` once every
 * worker listens. A worker that fails before all listen stops the server with its error; one that dies later is
 * started again.
 * @example await runServeWorkers(4, (signal) => t("cli.serve.stopping", { signal }));
 */
export async function runServeWorkers(count: number, stopping: (signal: string) => string): Promise<void> {
  const workers = new Map<number, Worker>();
  const listening = new Set<number>();
  let url: string | undefined;
  let announced = false;
  let state: "starting" | "running" | "stopping" = "starting";
  let failed = false;
  let allExited: () => void = () => {};
  const exited = new Promise<void>((done) => {
    allExited = done;
  });

  const stopAll = () => {
    for (const w of workers.values()) w.process.kill("SIGTERM");
  };
  const relay = (m: unknown) => {
    if (isAsk(m)) {
      const target = workers.get(m.worker);
      if (target) target.send(m);
      else workers.get(m.from)?.send({ jikimi: "job!", req: m.req, to: m.from } satisfies Reply);
    } else if (isReply(m)) workers.get(m.to)?.send(m);
  };
  const start = (k: number) => {
    const w = cluster.fork({ [WORKER_ENV]: String(k) });
    workers.set(k, w);
    w.on("message", relay);
    w.on("listening", (address: AddressInfo | { address: string; port: number }) => {
      listening.add(k);
      const host = address.address.includes(":") ? `[${address.address}]` : address.address;
      url ??= `http://${host}:${address.port}`;
      if (!announced && listening.size === count) {
        announced = true;
        state = "running";
        process.stdout.write(
          jsonOutput() ? `${JSON.stringify({ listening: url })}\n` : `listening on ${url}\n`,
        );
      }
    });
    w.on("exit", (code, signal) => {
      if (workers.get(k) === w) workers.delete(k);
      listening.delete(k);
      if (state === "running") {
        note(t("cli.serve.worker_restarted", { worker: k, reason: signal ?? String(code) }));
        start(k);
        return;
      }
      if (state === "starting") {
        // a worker that could not start (its error is on stderr): the others stop too
        failed = true;
        state = "stopping";
        stopAll();
      }
      if (workers.size === 0) allExited();
    });
  };

  const onSignal = (signal: string) => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (state === "stopping") return;
    state = "stopping";
    note(stopping(signal));
    stopAll();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  for (let k = 1; k <= count; k++) start(k);
  await exited;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
  if (failed)
    throw new JikimiError("serve_worker_failed", t("cli.serve.worker_failed"), {
      hint: t("cli.serve.worker_failed_hint"),
    });
  process.exitCode = ExitCode.ok;
}
