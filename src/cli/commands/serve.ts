// jikimi serve: the HTTP API over the workspace (routes at /v1, the OpenAPI document at /openapi.json, reference
// at /docs), on the workspace's store: the embedded SQLite file for one host, PostgreSQL for several server
// processes behind one database. Request log lines (JSON, no values) go to stderr.
import type { Command } from "commander";
import { pino } from "pino";
import { currentLanguage, JikimiError, t } from "../../public/base.js";
import { subjectTokenVerifier } from "../../public/server.js";
import { listenWitness } from "../../public/witness.js";
import { openWorkspace } from "../../public/workspace.js";
import { createServer, Jobs } from "../../server/index.js";
import { serveUntilSignal } from "../adapters/serve-until-signal.js";
import { formatOption } from "../convention.js";
import { n, workspaceDir, workspaceOption } from "../options.js";
import { note } from "../output.js";
import { parseListen } from "./witness.js";

interface ServeOptions {
  workspace?: string;
  listen: string;
  rateLimit: string;
  cors?: string[];
  quiet?: boolean;
}

export function registerServe(program: Command): void {
  formatOption(workspaceOption(program.command("serve")))
    .description(t("cli.serve.description"))
    .option("--listen <address>", t("cli.serve.listen"), "127.0.0.1:8787")
    .option("--rate-limit <n>", t("cli.serve.rate_limit"), "600")
    .option("--cors <origin...>", t("cli.serve.cors"))
    .option("--quiet", t("cli.serve.quiet"))
    .action(async (opts: ServeOptions) => {
      const at = parseListen(opts.listen);
      const rateLimit = Number(opts.rateLimit);
      if (!Number.isInteger(rateLimit) || rateLimit < 1 || rateLimit > 1_000_000)
        throw new JikimiError("bad_option", t("cli.serve.bad_rate_limit"), {
          hint: t("cli.serve.bad_rate_limit_hint"),
        });
      const session = await openWorkspace({
        root: workspaceDir(opts),
        env: process.env,
        requireConfig: true,
      });
      const logger = opts.quiet ? undefined : pino({ base: undefined }, pino.destination(2));
      const jobs = new Jobs();
      let server: Awaited<ReturnType<typeof listenWitness>>;
      try {
        const app = createServer({
          session,
          jobs,
          rateLimit,
          // a person's signed tokens: the workspace's own key and server.subject_tokens.public_keys
          verifySubject: subjectTokenVerifier(session),
          language: currentLanguage(),
          ...(logger ? { logger } : {}),
          ...(opts.cors ? { corsOrigins: opts.cors } : {}),
        });
        // an upload streams for as long as its release takes: a whole request may take an hour, its headers 10 s
        server = await listenWitness(app, at, { requestTimeoutMs: 3_600_000, fastResponses: true });
      } catch (e) {
        await session.close();
        throw e;
      }
      note(t("cli.serve.serving", { dir: session.root, store: session.store.dialect, limit: n(rateLimit) }));
      await serveUntilSignal(
        server,
        (signal) => t("cli.serve.stopping", { signal }),
        async () => {
          await jobs.close();
          await session.close();
        },
      );
    });
}
