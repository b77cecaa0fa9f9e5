// errors as the API answers them: `{error: {code, message, hint}}` with the status of the code's kind
// (errors/catalogue.ts); a failure that is not a JikimiError is `internal`, its message never sent (it may hold
// a value).
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import { type ErrorCode, httpStatusOf, JikimiError, t } from "../public/base.js";

/** The body of every error answer. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    hint?: string;
    details?: Record<string, string | number | boolean>;
  };
}

/** An error answer for `code` with its catalogue status. */
export function errorResponse(c: Context, e: JikimiError): Response {
  const body: ErrorBody = {
    error: {
      code: e.code,
      message: e.summary,
      ...(e.hint ? { hint: e.hint } : {}),
      ...(e.details && Object.keys(e.details).length > 0 ? { details: { ...e.details } } : {}),
    },
  };
  return c.json(body, httpStatusOf(e.code) as 400);
}

/** A JikimiError of `code` with the server's message for it. */
export function apiError(code: ErrorCode, params: Record<string, string | number> = {}): JikimiError {
  const key = `server.errors.${code}` as Parameters<typeof t>[0];
  return new JikimiError(code, t(key, params), { hint: t(`${key}_hint` as Parameters<typeof t>[0], params) });
}

/** What any thrown value becomes: a JikimiError as it is, Hono's own (body limit, timeout) by status, else internal. */
export function asJikimiError(err: unknown): JikimiError {
  if (err instanceof JikimiError) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return apiError("body_too_large");
    if (err.status === 504 || err.status === 503) return apiError("request_timeout");
    if (err.status === 401) return apiError("unauthenticated");
  }
  return apiError("internal_error");
}

/** The 400 answer of a request that does not match its route's schema: the paths and issue codes, never values. */
export function invalidRequest(c: Context, target: string, error: ZodError): Response {
  const where = error.issues
    .slice(0, 10)
    .map((i) => `${target}${i.path.length ? `.${i.path.join(".")}` : ""} (${i.code})`)
    .join("; ");
  return errorResponse(c, apiError("invalid_request", { where }));
}
