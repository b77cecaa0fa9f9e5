// the HTTP witness (c2sp.org/tlog-witness): Hono routes `POST /add-checkpoint` to the add-checkpoint handler; bodies
// over `maxBodyBytes` get 413, other methods 405. `listenWitness` serves it with @hono/node-server and closes cleanly.
// The access log carries origin, sizes, status and time: never a body, a signature or key material. Human-readable
// bodies are in the request's Accept-Language (ko or en) or else the process's language; a 409's size and a 200's
// cosignature line are the spec's and never change.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { JikimiError } from "../errors.js";
import { currentLanguage, requestLanguage, t, withLanguage } from "../i18n/index.js";
import { addCheckpointHandler } from "./add-checkpoint.js";
import type { WitnessState } from "./state.js";

/** A checkpoint with 16 post-quantum signatures and a full proof fits; anything larger is refused. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface WitnessAppOptions {
  state: WitnessState;
  /** the clock, in POSIX seconds */
  now?: () => number;
  maxBodyBytes?: number;
  /** one line per request, e.g. to stderr */
  log?: (line: string) => void;
}

/**
 * The witness as a Hono app (call `app.request(...)` in tests, or serve it).
 * @example const res = await witnessApp({ state }).request("/add-checkpoint", { method: "POST", body });
 */
export function witnessApp(options: WitnessAppOptions): Hono {
  const add = addCheckpointHandler(options);
  const log = options.log;
  // the access log is the operator's: in the language the witness was started in, whatever a request asks for
  const logLanguage = currentLanguage();
  const app = new Hono();
  app.use(async (c, next) => {
    const language = requestLanguage(c.req.header("accept-language"));
    await (language === undefined ? next() : withLanguage(language, next));
  });
  app.post(
    "/add-checkpoint",
    bodyLimit({
      maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: (c) => c.text(`${t("witness.http.too_large")}\n`, 413),
    }),
    async (c) => {
      const started = performance.now();
      const r = await add(new Uint8Array(await c.req.arrayBuffer()));
      if (log) {
        // the origin is the client's text: no control characters reach the terminal (C0 ones never pass the parser)
        const origin = r.origin?.replace(/[\u007f-\u009f]/g, "?");
        const what =
          origin === undefined
            ? t("witness.log.malformed", {}, logLanguage)
            : `${origin} ${r.oldSize} -> ${r.size}`;
        const ms = (performance.now() - started).toFixed(1);
        log(t("witness.log.request", { what, status: r.status, ms }, logLanguage));
      }
      return c.body(r.body, r.status, { "Content-Type": r.contentType });
    },
  );
  app.all("/add-checkpoint", (c) => c.text(`${t("witness.http.use_post")}\n`, 405, { Allow: "POST" }));
  app.notFound((c) => c.text(`${t("witness.http.not_found")}\n`, 404));
  app.onError((e, c) => {
    log?.(t("witness.log.internal", { name: e instanceof Error ? e.name : "unknown" }, logLanguage));
    return c.text(`${t("witness.http.internal")}\n`, 500);
  });
  return app;
}

export interface ListeningWitness {
  /** e.g. http://127.0.0.1:7380 (the submission prefix) */
  url: string;
  port: number;
  /** stops accepting, lets requests in flight finish, closes idle connections */
  close(): Promise<void>;
}

/**
 * Serves a witness app on `host:port` (port 0 picks a free one); resolves once it listens.
 * @example const w = await listenWitness(witnessApp({ state }), { host: "127.0.0.1", port: 0 }); await w.close();
 */
export function listenWitness(
  app: { fetch: (request: Request) => Response | Promise<Response> },
  at: { host: string; port: number },
  options: { requestTimeoutMs?: number; fastResponses?: boolean } = {},
): Promise<ListeningWitness> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: app.fetch,
        hostname: at.host,
        port: at.port,
        // @hono/node-server's own Request and Response as the globals: an answer made from a string is written
        // straight to the socket, without a web stream (a server process's choice; tests keep Node's globals)
        overrideGlobalObjects: options.fastResponses === true,
      },
      (info: AddressInfo) => {
        server.off("error", refused);
        const host = info.family === "IPv6" ? `[${info.address}]` : info.address;
        resolve({
          url: `http://${host}:${info.port}`,
          port: info.port,
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              server.closeIdleConnections();
            }),
        });
      },
    ) as Server;
    // a slow client may not hold a connection open indefinitely (an API upload may take as long as it is given)
    server.requestTimeout = options.requestTimeoutMs ?? 30_000;
    server.headersTimeout = 10_000;
    const refused = (e: NodeJS.ErrnoException) =>
      reject(
        new JikimiError(
          "witness_listen_failed",
          t("witness.errors.listen_failed", { host: at.host, port: at.port, code: e.code ?? "error" }),
          { cause: e, hint: t("witness.errors.listen_failed_hint") },
        ),
      );
    server.once("error", refused);
  });
}
