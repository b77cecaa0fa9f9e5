// releases over the API: an uploaded records file (the body, streamed), or a file under the server's input roots,
// runs through the share gateway as a job; the released file of a finished job is downloaded from its output route.
//
// Why the upload answers only when its release has finished: the body IS the records, and the server stops reading
// a request's body once it has answered it (@hono/node-server drains and then closes an unread body after the
// response). So the release reads the body while the request is open, as a job (GET /v1/jobs/{id} shows its rows
// read, and it is aborted when the client goes away), and the answer is the finished job (200), or its error with
// the status and message the CLI's error would carry. The path route reads a file the server holds: it answers 202
// at once and the job runs on.
import { createReadStream, statSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { JikimiError, t } from "../../public/base.js";
import type { RecordFormat } from "../../public/records.js";
import { fileSource, streamSource } from "../../public/share.js";
import type { ServerApp } from "../app.js";
import type { ServerEnv } from "../env.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";
import { allowedInput } from "../share/paths.js";
import { startRelease } from "../share/release.js";
import { asReleaseView } from "../share/result.js";
import { JobSchema } from "./jobs.js";

/** The largest upload a release reads (bytes); past it the release stops and nothing is recorded. */
export const MAX_UPLOAD_BYTES = 64 * 1024 ** 3;

const errors = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});
const job = (description: string) => ({
  description,
  content: { "application/json": { schema: JobSchema } },
});

const AgreementParam = z.object({ agreement: z.string().min(1).max(200) });
const Time = z.string().max(64).openapi({ description: "the release's as-of time (ISO 8601; default now)" });
const Override = z
  .string()
  .min(1)
  .max(2000)
  .openapi({ description: "release despite a hold, with this reason (recorded; role controller only)" });

const UploadQuery = z.object({
  at: Time.optional(),
  dry_run: z.enum(["true", "false"]).optional(),
  override: Override.optional(),
  input_format: z
    .enum(["csv", "jsonl"])
    .optional()
    .openapi({ description: "the body's format when its Content-Type does not say" }),
});

const PathBody = z
  .object({
    path: z
      .string()
      .min(1)
      .max(4096)
      .refine((p) => !p.includes("\0"))
      .openapi({ description: "a file under one of server.input_roots (relative: to the first root)" }),
    input_format: z.enum(["csv", "jsonl", "parquet"]).optional(),
    at: Time.optional(),
    dry_run: z.boolean().optional(),
    override: Override.optional(),
    distributed: z.boolean().optional().openapi({
      description:
        "run on the workers of the server's queue (jikimi serve --redis): the path (a file, a folder of part files or a .parts manifest listing them) and server.output_dir must be on storage every worker reaches; the job ends when the release does",
    }),
    partition_size: z.number().int().min(4096).max(Number.MAX_SAFE_INTEGER).optional().openapi({
      description: "bytes of a byte-range partition of one CSV file (distributed; default 64 MiB)",
    }),
  })
  .openapi("ReleaseFromPath");

/** Registers the release routes. */
export function registerShare(app: ServerApp): void {
  app.openapi(
    guarded(["operator", "controller"], {
      method: "post",
      path: "/v1/uploads/releases/{agreement}",
      summary: "Release an uploaded records file (the body, streamed); answers when the release has finished",
      request: {
        params: AgreementParam,
        query: UploadQuery,
        body: {
          required: true,
          content: {
            "text/csv": { schema: z.string() },
            "application/x-ndjson": { schema: z.string() },
          },
        },
      },
      responses: {
        200: job("the finished release job (held: true when a guard held it)"),
        400: errors("bad input: the records' error, as the CLI gives it"),
        403: errors("the role may not release, or override"),
        404: errors("no such agreement"),
        409: errors("held before reading, or another release of the agreement runs"),
        413: errors("the upload is over the server's limit"),
      },
    }),
    async (c) => {
      const agreement = c.req.valid("param").agreement.normalize("NFC");
      const q = c.req.valid("query");
      const format = uploadFormat(c.req.header("content-type"), q.input_format);
      const at = timeOf(q.at);
      const length = Number(c.req.header("content-length") ?? "0");
      if (length > MAX_UPLOAD_BYTES) throw apiError("body_too_large");
      const { stream, signal, done } = uploadBody(c);
      const started = startRelease(c, {
        agreement,
        source: (received) => streamSource(counted(stream, MAX_UPLOAD_BYTES, received), format, "upload"),
        at,
        dryRun: q.dry_run === "true",
        override: q.override,
        signal,
      });
      const jobs = c.get("jobs");
      await jobs.settled(started.view.id);
      done();
      const view = jobs.get(started.view.id, c.get("principal"));
      if (view.state === "failed") throw started.failure();
      c.header("Location", `/v1/jobs/${view.id}`);
      return c.json(view, 200);
    },
  );

  app.openapi(
    guarded(["operator", "controller"], {
      method: "post",
      path: "/v1/agreements/{id}/releases",
      summary: "Release a records file the server holds under one of its input roots, as a job",
      request: {
        params: z.object({ id: z.string().min(1).max(200) }),
        body: { required: true, content: { "application/json": { schema: PathBody } } },
      },
      responses: {
        202: job("the release job, running (GET /v1/jobs/{id})"),
        400: errors("bad request: the body, the time or the format"),
        403: errors("the role may not release or override, or the path is outside the input roots"),
        404: errors("no file at the path"),
        503: errors("distributed, but the server was started without a queue (jikimi serve --redis)"),
      },
    }),
    (c) => {
      const agreement = c.req.valid("param").id.normalize("NFC");
      const b = c.req.valid("json");
      const distributed = b.distributed === true;
      const file = allowedInput(b.path, c.get("session").settings.server.inputRoots, { distributed });
      const at = timeOf(b.at);
      const { view } = startRelease(c, {
        agreement,
        source: () => fileSource(file, b.input_format),
        at,
        dryRun: b.dry_run === true,
        override: b.override,
        ...(distributed
          ? {
              distributed: {
                input: file,
                ...(b.input_format === undefined ? {} : { format: b.input_format }),
                ...(b.partition_size === undefined ? {} : { partitionBytes: b.partition_size }),
              },
            }
          : {}),
      });
      c.header("Location", `/v1/jobs/${view.id}`);
      return c.json(view, 202);
    },
  );

  app.openapi(
    guarded(["operator", "controller"], {
      method: "get",
      path: "/v1/jobs/{id}/output",
      summary: "The released file of a finished release job (its owner only)",
      request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{24}$/) }) },
      responses: {
        200: {
          description: "the released file",
          content: {
            "text/csv": { schema: z.string() },
            "application/x-ndjson": { schema: z.string() },
          },
        },
        404: errors("no such job for this caller"),
        409: errors("the job has no released file: running, failed, a dry run or held"),
      },
    }),
    (c) => {
      const principal = c.get("principal");
      const view = c.get("jobs").get(c.req.valid("param").id, principal);
      const unavailable = (reason: string) =>
        new JikimiError(
          "job_output_unavailable",
          t(`server.share.output_${reason}` as "server.share.output_held"),
          {
            hint: t("server.share.output_hint"),
          },
        );
      if (view.kind !== "release") throw unavailable("not_release");
      if (view.state === "running") throw unavailable("running");
      if (view.state === "failed") throw unavailable("failed");
      const r = asReleaseView(view.result);
      if (!r) throw unavailable("not_release");
      if (r.dry_run) throw unavailable("dry_run");
      if (r.held || r.output === undefined) throw unavailable("held");
      const folder = join(c.get("session").settings.server.outputDir, view.id);
      // a distributed release's file is its parts in order (only the first has the header)
      const files = (r.parts ?? [r.output]).map((name) => join(folder, name));
      for (const file of files)
        try {
          if (!statSync(file).isFile()) throw unavailable("gone");
        } catch (e) {
          throw e instanceof JikimiError ? e : unavailable("gone");
        }
      const web = Readable.toWeb(Readable.from(concatenated(files))) as unknown as ReadableStream<Uint8Array>;
      return c.body(web, 200, {
        "Content-Type": r.output.endsWith(".jsonl") ? "application/x-ndjson" : "text/csv; charset=utf-8",
        "Content-Disposition": attachment(r.output),
      });
    },
  );
}

/** The bytes of `files`, one after another. */
async function* concatenated(files: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const file of files) yield* createReadStream(file);
}

/** The upload's format: `input_format`, else its Content-Type's. */
function uploadFormat(contentType: string | undefined, given: RecordFormat | undefined): RecordFormat {
  if (given) return given;
  const essence = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (essence === "text/csv") return "csv";
  if (
    [
      "application/x-ndjson",
      "application/jsonl",
      "application/x-jsonlines",
      "application/jsonlines",
    ].includes(essence)
  )
    return "jsonl";
  throw new JikimiError("unsupported_format", t("server.share.unknown_media_type"), {
    hint: t("server.share.unknown_media_type_hint"),
  });
}

/** `at` as a time (default now); bad_time when it is not one. */
function timeOf(at: string | undefined): Date {
  const time = at === undefined ? new Date() : new Date(at);
  if (Number.isNaN(time.getTime()))
    throw new JikimiError("bad_time", t("server.share.bad_time"), { hint: t("server.share.bad_time_hint") });
  return time;
}

/** `stream`'s chunks, telling `received` the bytes so far; body_too_large past `max` bytes. */
async function* counted(
  stream: AsyncIterable<Uint8Array>,
  max: number,
  received: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > max) throw apiError("body_too_large");
    received(total);
    yield chunk;
  }
}

/** A Content-Disposition naming `name` (an agreement id may be Hangul: RFC 6266's filename* carries it). */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The request body as a Node stream, and a signal that aborts when the client goes away. Served by
 * @hono/node-server, the body is read from Node's own request (`c.env.incoming`): turning it into a web stream and
 * back cost a fifth of an upload's throughput (bench/server.mjs). In process (`app.request`) it is the web body.
 */
function uploadBody(c: Context<ServerEnv>): { stream: Readable; signal: AbortSignal; done: () => void } {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) {
    const controller = new AbortController();
    // "close" before the whole body arrived: the client went away
    const gone = () => {
      if (!incoming.complete) controller.abort();
    };
    incoming.once("close", gone);
    return {
      stream: incoming,
      signal: controller.signal,
      done: () => {
        incoming.off("close", gone);
        if (!incoming.complete) incoming.resume();
      },
    };
  }
  const body = c.req.raw.body;
  const stream = body
    ? Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>)
    : Readable.from([]);
  // a client that goes away aborts the request's signal: stop reading, so the release ends (nothing recorded)
  const gone = () => stream.destroy();
  c.req.raw.signal.addEventListener("abort", gone, { once: true });
  return {
    stream,
    signal: c.req.raw.signal,
    done: () => {
      c.req.raw.signal.removeEventListener("abort", gone);
      stream.destroy();
    },
  };
}
