// looking at data over the API, as jobs: POST /v1/uploads/scans (personal data per column), POST /v1/uploads/risk
// (re-identification risk over quasi-identifiers) on a streamed upload, and POST /v1/links (which columns of two
// server-side files join). Each answers 202 with a job whose result is what the CLI's `--format json` prints
// (snake_case): counts, column names and detector ids, never a value of the file.
import { z } from "@hono/zod-openapi";
import { JikimiError } from "../../public/base.js";
import { linkFiles, renderLinkJson, renderRiskJson } from "../../public/risk.js";
import { renderScanJson } from "../../public/scan.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";
import { allowedInput } from "./input-path.js";
import { JobSchema } from "./jobs.js";
import { extensionOf, onUpload, uploadFormat, writeUpload } from "./upload-temp.js";

const ROLES = ["operator", "dpo"] as const;

const Format = z.enum(["csv", "jsonl", "parquet"]);

const errors = {
  400: { description: "bad parameters or input", content: { "application/json": { schema: ErrorSchema } } },
  413: {
    description: "the upload is over the cap",
    content: { "application/json": { schema: ErrorSchema } },
  },
} as const;

const started = {
  description: "the job; poll GET /v1/jobs/{id}",
  content: { "application/json": { schema: JobSchema } },
};

const fileBody = {
  required: true,
  description: "the records file, streamed (CSV, JSON Lines or Parquet)",
  content: {
    "text/csv": { schema: z.string() },
    "application/x-ndjson": { schema: z.string() },
    "application/vnd.apache.parquet": { schema: z.string().openapi({ format: "binary" }) },
  },
};

/** A name for the upload in results and errors: the caller's, or "upload.<format>". */
const uploadName = (name: string | undefined, format: string) => name ?? `upload.${format}`;

/** Splits "a,b,c" into names; `invalid_request` for an empty name. */
function columns(value: string): string[] {
  const names = value.split(",").map((s) => s.trim());
  if (names.some((n) => n === "")) throw apiError("invalid_request", { where: "query.quasi_identifiers" });
  return names;
}

/** Registers the scan, risk and link routes. */
export function registerAnalysis(app: ServerApp): void {
  app.openapi(
    guarded(ROLES, {
      method: "post",
      path: "/v1/uploads/scans",
      summary: "Scan an uploaded records file for personal data (a job)",
      request: {
        query: z.object({
          input_format: Format.optional(),
          sample: z.coerce.number().int().positive().optional(),
          name: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .openapi({ description: "the file's name in the result" }),
        }),
        body: fileBody,
      },
      responses: { 202: started, ...errors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const session = c.get("session");
      const format = uploadFormat(c.req.header("content-type"), q.input_format);
      const name = uploadName(q.name, format);
      const upload = await writeUpload(session.root, c.req.raw, extensionOf(format));
      const view = startOr(upload.remove, () =>
        c.get("jobs").start("scan", c.get("principal"), ({ signal }) =>
          onUpload(upload, name, async (path) => {
            const result = await session.scan(path, {
              format,
              signal,
              ...(q.sample === undefined ? {} : { sample: q.sample }),
            });
            return JSON.parse(renderScanJson({ ...result, file: name })) as unknown;
          }),
        ),
      );
      return c.json(view, 202);
    },
  );

  app.openapi(
    guarded(ROLES, {
      method: "post",
      path: "/v1/uploads/risk",
      summary: "Re-identification risk of an uploaded records file over its quasi-identifiers (a job)",
      request: {
        query: z.object({
          quasi_identifiers: z.string().min(1).openapi({ example: "birth_year,postal_code,sex" }),
          sensitive: z.string().min(1).optional(),
          subsets: z.enum(["true", "false"]).optional(),
          input_format: Format.optional(),
          name: z.string().min(1).max(200).optional(),
        }),
        body: fileBody,
      },
      responses: { 202: started, ...errors },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const session = c.get("session");
      const qi = columns(q.quasi_identifiers);
      const format = uploadFormat(c.req.header("content-type"), q.input_format);
      const name = uploadName(q.name, format);
      const upload = await writeUpload(session.root, c.req.raw, extensionOf(format));
      const sens = q.sensitive === undefined ? {} : { sensitive: q.sensitive };
      const view = startOr(upload.remove, () =>
        c.get("jobs").start("risk", c.get("principal"), () =>
          onUpload(upload, name, async (path) => {
            const analysis = await session.risk(path, {
              qi,
              format,
              subsets: q.subsets !== "false",
              ...sens,
            });
            return JSON.parse(renderRiskJson(name, qi, analysis, sens)) as unknown;
          }),
        ),
      );
      return c.json(view, 202);
    },
  );

  app.openapi(
    guarded(ROLES, {
      method: "post",
      path: "/v1/links",
      summary: "Which columns of two server-side files join, and how many records link (a job)",
      request: {
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z
                .object({
                  left_path: z.string().min(1).max(4096),
                  right_path: z.string().min(1).max(4096),
                  input_format: Format.optional(),
                  max_distinct: z.number().int().positive().optional(),
                  max_link_share: z.number().min(0).max(1).optional(),
                })
                .openapi("LinkRequest"),
            },
          },
        },
      },
      responses: {
        202: started,
        403: {
          description: "a path outside the allowed input roots, or the role",
          content: { "application/json": { schema: ErrorSchema } },
        },
        404: { description: "no such file", content: { "application/json": { schema: ErrorSchema } } },
        ...errors,
      },
    }),
    (c) => {
      const b = c.req.valid("json");
      const session = c.get("session");
      const left = allowedInput(session, b.left_path, "left_path");
      const right = allowedInput(session, b.right_path, "right_path");
      const view = c.get("jobs").start("link", c.get("principal"), async () => {
        const report = await linkFiles(left, right, {
          ...(b.max_distinct === undefined ? {} : { maxDistinct: b.max_distinct }),
          ...(b.max_link_share === undefined ? {} : { maxLinkShare: b.max_link_share }),
          ...(b.input_format === undefined ? {} : { formatA: b.input_format, formatB: b.input_format }),
        });
        return JSON.parse(renderLinkJson(report)) as unknown;
      });
      return c.json(view, 202);
    },
  );
}

/** Starts a job; when it cannot start (jobs_busy), removes the upload first. */
function startOr<T>(remove: () => void, start: () => T): T {
  try {
    return start();
  } catch (err) {
    remove();
    throw err instanceof JikimiError ? err : apiError("internal_error");
  }
}
