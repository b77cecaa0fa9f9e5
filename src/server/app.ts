// the HTTP API as a Hono app: every request gets an id, security headers, its language (Accept-Language), a log
// line without values, and on /v1 a principal (auth.ts), a rate limit per token and a body limit; routes come from
// routes/index.ts, each declared with its roles and schemas, so /openapi.json is the whole API. Call
// `app.request()` in tests, or `listen()` it.
import { createHmac, randomBytes } from "node:crypto";
import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { timeout } from "hono/timeout";
import { rateLimiter } from "hono-rate-limiter";
import type { Logger } from "pino";
import { type Language, requestLanguage, withLanguage } from "../public/base.js";
import type { ReleaseQueue } from "../public/distributed.js";
import type { WorkspaceSession } from "../public/workspace.js";
import { authenticate, type SubjectTokenVerifier } from "./auth.js";
import type { ServerEnv } from "./env.js";
import { apiError, asJikimiError, errorResponse, invalidRequest } from "./errors.js";
import { Jobs } from "./jobs.js";
import { requestLog } from "./log.js";
import { registerRoutes } from "./routes/index.js";

/** How the API is run. */
export interface ServerOptions {
  session: WorkspaceSession;
  /** the jobs of this process (default: a new registry; close it when the server stops) */
  jobs?: Jobs;
  /** request log (pino); none when undefined */
  logger?: Logger;
  /** verifies a person's signed subject token; without it only opaque API tokens are accepted */
  verifySubject?: SubjectTokenVerifier;
  /** requests per token per minute (default 600) */
  rateLimit?: number;
  /** the largest JSON body in bytes (default 1 MiB); uploads stream and set their own */
  maxBodyBytes?: number;
  /** how long a request other than an upload may take, in ms (default 30 s; long work runs as a job) */
  timeoutMs?: number;
  /** origins allowed to call from a browser; CORS is off when empty (the default) */
  corsOrigins?: readonly string[];
  /** the language of an answer when the request names none (default English) */
  language?: Language;
  /** where distributed releases go (`jikimi serve --redis`); without it the share route refuses `distributed` */
  releaseQueue?: ReleaseQueue;
  /** the clock (tests) */
  now?: () => Date;
}

export type ServerApp = OpenAPIHono<ServerEnv>;

/**
 * The API over one workspace session.
 * @example const app = createServer({ session }); const res = await app.request("/v1/agreements", { headers });
 */
export function createServer(options: ServerOptions): ServerApp {
  const jobs = options.jobs ?? new Jobs();
  const app = new OpenAPIHono<ServerEnv>({
    defaultHook: (result, c) => (result.success ? undefined : invalidRequest(c, result.target, result.error)),
  });
  app.use("*", requestId());
  app.use("*", async (c, next) => {
    c.set("session", options.session);
    c.set("jobs", jobs);
    c.set("releaseQueue", options.releaseQueue);
    const language = requestLanguage(c.req.header("accept-language")) ?? options.language ?? "en";
    await withLanguage(language, next);
  });
  if (options.logger) app.use("*", requestLog(options.logger));
  app.use("*", secureHeaders());
  if (options.corsOrigins && options.corsOrigins.length > 0)
    app.use("*", cors({ origin: [...options.corsOrigins], allowHeaders: ["Authorization", "Content-Type"] }));
  app.use("/v1/*", authenticate({ verifySubject: options.verifySubject, now: options.now }));
  app.use(
    "/v1/*",
    rateLimiter<ServerEnv>({
      windowMs: 60_000,
      limit: options.rateLimit ?? 600,
      standardHeaders: "draft-6",
      keyGenerator: (c) => principalKey(c.get("principal")),
      handler: (c) => {
        const reset = c.res.headers.get("RateLimit-Reset") ?? "60";
        throw apiError("rate_limited", { seconds: Number(reset) || 60 });
      },
    }),
  );
  // JSON bodies are small and answers quick; an upload route streams its body (under /v1/uploads/, with its own
  // size cap) for as long as the release or the scan takes
  const quick = timeout(options.timeoutMs ?? 30_000);
  app.use("/v1/*", async (c, next) => {
    if (c.req.path.startsWith("/v1/uploads/")) return next();
    return quick(c, next);
  });
  const limited = bodyLimit({
    maxSize: options.maxBodyBytes ?? 1024 * 1024,
    onError: () => {
      throw apiError("body_too_large");
    },
  });
  app.use("/v1/*", async (c, next) => {
    // a GET or HEAD has no body (asking for one would make the whole web Request of every read)
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.path.startsWith("/v1/uploads/"))
      return next();
    return limited(c, next);
  });
  // a read's JSON answer is gzipped when the client accepts it (the dashboard's inspection data: 2.3 MB for 2,300
  // releases, about 6% of it gzipped); only GET, and only JSON: a POST's answer (detokenize, say) never shares a
  // compressed body with what its caller sent, and released files and reports keep their own bytes
  const gzipJson = compress({
    encoding: "gzip",
    threshold: 8 * 1024,
    contentTypeFilter: /^application\/json/,
  });
  app.use("/v1/*", async (c, next) => (c.req.method === "GET" ? gzipJson(c, next) : next()));
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  registerRoutes(app);
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Jikimi API",
      version: "1",
      description:
        "Releases of personal data under declared agreements, their transparency log, consent and the checks behind them.",
    },
  });
  app.notFound((c) =>
    errorResponse(c, apiError("route_not_found", { method: c.req.method, path: safePath(c.req.path) })),
  );
  app.onError((err, c) => {
    const e = asJikimiError(err);
    if (e.code === "internal_error")
      options.logger?.error({ req_id: c.get("requestId"), err_type: typeName(err) }, "internal error");
    return errorResponse(c, e);
  });
  return app;
}

// keys a person's rate limit: random per process, so the limiter's keys are never a bare hash of a subject key
const RATE_KEY = randomBytes(32);

// a person's principal is one object for as long as their verified token is remembered (subject-tokens.ts)
const rateKeys = new WeakMap<ServerEnv["Variables"]["principal"], string>();

/** The rate limit's key: the token's id, or for a person an HMAC of their subject key under RATE_KEY. */
function principalKey(p: ServerEnv["Variables"]["principal"]): string {
  if (p.kind === "token") return `token:${p.id}`;
  let key = rateKeys.get(p);
  if (key === undefined) {
    key = `subject:${createHmac("sha256", RATE_KEY).update(p.subjectKey).digest("base64url")}`;
    rateKeys.set(p, key);
  }
  return key;
}

/** A path fit to repeat in an error: printable ASCII, at most 200 characters. */
function safePath(path: string): string {
  return path.replace(/[^\x21-\x7e]/g, "?").slice(0, 200);
}

const typeName = (err: unknown): string => (err instanceof Error ? err.constructor.name : typeof err);
