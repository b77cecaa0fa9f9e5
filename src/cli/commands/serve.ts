// jikimi serve: the HTTP API over the workspace (routes at /v1, the OpenAPI document at /openapi.json, reference
// at /docs), on the workspace's store: the embedded SQLite file for one host, PostgreSQL for several server
// processes behind one database; `--workers N` runs N processes on one address (adapters/serve-workers.ts).
// Request log lines (JSON, no values) go to stderr.
import type { Command } from "commander";
import { pino } from "pino";
import { currentLanguage, JikimiError, t } from "../../public/base.js";
import { subjectTokenVerifier } from "../../public/server.js";
import { listenWitness } from "../../public/witness.js";
import { openWorkspace } from "../../public/workspace.js";
import { createServer, Jobs } from "../../server/index.js";
import { bullQueue, connectionOf, reachRedis, redisLocation } from "../../worker/index.js";
import { serveUntilSignal } from "../adapters/serve-until-signal.js";
import {
  MAX_WORKERS,
  runServeWorkers,
  serveWorkerNumber,
  workerJobs,
  workerUntilStopped,
} from "../adapters/serve-workers.js";
import { formatOption } from "../convention.js";
import { n, workspaceDir, workspaceOption } from "../options.js";
import { note } from "../output.js";
import { parseListen } from "./witness.js";

interface ServeOptions {
  workspace?: string;
  listen: string;
  rateLimit: string;
  workers: string;
  cors?: string[];
  quiet?: boolean;
  redis?: string;
  queue: string;
}

export function registerServe(program: Command): void {
  formatOption(workspaceOption(program.command("serve")))
    .description(t("cli.serve.description"))
    .option("--listen <address>", t("cli.serve.listen"), "127.0.0.1:8787")
    .option("--rate-limit <n>", t("cli.serve.rate_limit"), "600")
    .option("--workers <n>", t("cli.serve.workers"), "1")
    .option("--cors <origin...>", t("cli.serve.cors"))
    .option("--redis <url>", t("distributed.cli.serve.redis"))
    .option("--queue <prefix>", t("distributed.cli.worker.queue"), "jikimi")
    .option("--quiet", t("cli.serve.quiet"))
    .action(async (opts: ServeOptions) => {
      const at = parseListen(opts.listen);
      const rateLimit = Number(opts.rateLimit);
      if (!Number.isInteger(rateLimit) || rateLimit < 1 || rateLimit > 1_000_000)
        throw new JikimiError("bad_option", t("cli.serve.bad_rate_limit"), {
          hint: t("cli.serve.bad_rate_limit_hint"),
        });
      const workers = Number(opts.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS)
        throw new JikimiError("bad_option", t("cli.serve.bad_workers", { max: MAX_WORKERS }), {
          hint: t("cli.serve.bad_workers_hint"),
        });
      // distributed releases go to the workers' queue on this Redis; refused early when it does not answer
      const redis = opts.redis ?? (process.env.JIKIMI_REDIS_URL || undefined);
      const connection = redis === undefined ? undefined : connectionOf(redis);
      if (connection && redis) await reachRedis(connection, redisLocation(redis));
      const worker = serveWorkerNumber();
      const open = () => openWorkspace({ root: workspaceDir(opts), env: process.env, requireConfig: true });
      if (workers > 1 && worker === undefined) {
        // the primary opens the workspace once, so a bad workspace or store stops here and migrations run once
        const session = await open();
        const serving = t("cli.serve.serving_workers", {
          dir: session.root,
          store: session.store.dialect,
          workers,
          limit: n(rateLimit),
          share: n(Math.ceil(rateLimit / workers)),
        });
        await session.close();
        note(serving);
        await runServeWorkers(workers, (signal) => t("cli.serve.stopping", { signal }));
        return;
      }
      const serveHere = async (): Promise<void> => {
        const session = await open();
        const logger = opts.quiet
          ? undefined
          : pino({ base: worker === undefined ? undefined : { worker } }, pino.destination(2));
        const jobs = worker === undefined ? new Jobs() : workerJobs(worker);
        let server: Awaited<ReturnType<typeof listenWitness>>;
        try {
          const app = createServer({
            session,
            jobs,
            // each of N workers counts its own requests: a token's limit is shared out, so N workers never allow more
            rateLimit: Math.ceil(rateLimit / workers),
            // a person's signed tokens: the workspace's own key and server.subject_tokens.public_keys
            verifySubject: subjectTokenVerifier(session),
            language: currentLanguage(),
            ...(logger ? { logger } : {}),
            ...(opts.cors ? { corsOrigins: opts.cors } : {}),
            ...(connection ? { releaseQueue: bullQueue(connection, opts.queue) } : {}),
          });
          // an upload streams for as long as its release takes: a whole request may take an hour, its headers 10 s
          server = await listenWitness(app, at, { requestTimeoutMs: 3_600_000, fastResponses: true });
        } catch (e) {
          await session.close();
          throw e;
        }
        const cleanup = async () => {
          await jobs.close();
          await session.close();
        };
        if (worker !== undefined) {
          await workerUntilStopped(server, cleanup);
          return;
        }
        note(
          t("cli.serve.serving", { dir: session.root, store: session.store.dialect, limit: n(rateLimit) }),
        );
        await serveUntilSignal(server, (signal) => t("cli.serve.stopping", { signal }), cleanup);
      };
      try {
        await serveHere();
      } catch (e) {
        // a worker that cannot serve lets go of the first process's channel, or it would wait on it for good
        if (worker !== undefined) setImmediate(() => process.disconnect?.());
        throw e;
      }
    });
}
