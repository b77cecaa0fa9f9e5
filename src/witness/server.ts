// the HTTP witness (c2sp.org/tlog-witness): Hono routes `POST /add-checkpoint` to the add-checkpoint handler; bodies
// over `maxBodyBytes` get 413, other methods 405. `listenWitness` serves it with @hono/node-server and closes cleanly.
// The access log carries origin, sizes, status and time: never a body, a signature or key material.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { JikimiError } from "../errors.js";
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
  const app = new Hono();
  app.post(
    "/add-checkpoint",
    bodyLimit({
      maxSize: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: (c) => c.text("the request body is too large for a checkpoint\n", 413),
    }),
    async (c) => {
      const started = performance.now();
      const r = add(new Uint8Array(await c.req.arrayBuffer()));
      if (log) {
        // the origin is the client's text: no control characters reach the terminal (C0 ones never pass the parser)
        const origin = r.origin?.replace(/[\u007f-\u009f]/g, "?");
        const what = origin === undefined ? "malformed" : `${origin} ${r.oldSize} -> ${r.size}`;
        log(`add-checkpoint ${what}: ${r.status} (${(performance.now() - started).toFixed(1)} ms)`);
      }
      return c.body(r.body, r.status, { "Content-Type": r.contentType });
    },
  );
  app.all("/add-checkpoint", (c) => c.text("use POST\n", 405, { Allow: "POST" }));
  app.notFound((c) => c.text("not found: this witness serves POST /add-checkpoint\n", 404));
  app.onError((e, c) => {
    log?.(`internal error: ${e instanceof Error ? e.name : "unknown"}`);
    return c.text("internal error\n", 500);
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
export function listenWitness(app: Hono, at: { host: string; port: number }): Promise<ListeningWitness> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, hostname: at.host, port: at.port, overrideGlobalObjects: false },
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
    // a slow client may not hold a connection open indefinitely
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    const refused = (e: NodeJS.ErrnoException) =>
      reject(
        new JikimiError(
          "witness_listen_failed",
          `cannot listen on ${at.host}:${at.port} (${e.code ?? "error"}): pick another --listen address or port`,
          { cause: e },
        ),
      );
    server.once("error", refused);
  });
}
