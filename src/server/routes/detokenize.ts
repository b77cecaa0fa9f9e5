// POST /v1/detokenize: the controller reverses tokens of one agreement's field, as `jikimi detokenize` does. Every
// call that opens tokens is recorded in the access log (who, when, which agreement and field, how many) before
// the values are answered; the tokens and the values never reach a log line or an error.
import { z } from "@hono/zod-openapi";
import { recordAccess } from "../../public/server.js";
import type { ServerApp } from "../app.js";
import { apiError } from "../errors.js";
import { guarded } from "../roles.js";
import { ErrorSchema } from "../schemas.js";

/** The most tokens one call opens. */
export const MAX_TOKENS = 10_000;

const DetokenizeBody = z
  .object({
    agreement: z.string().min(1).max(200),
    field: z.string().min(1).max(200),
    tokens: z.array(z.string().min(1).max(4096)).min(1).max(MAX_TOKENS),
    key_id: z.string().min(1).max(200).optional().openapi({ description: "a retired master key's id" }),
  })
  .openapi("DetokenizeRequest");

const fail = (description: string) => ({
  description,
  content: { "application/json": { schema: ErrorSchema } },
});

/** Registers POST /v1/detokenize. */
export function registerDetokenize(app: ServerApp): void {
  app.openapi(
    guarded(["controller"], {
      method: "post",
      path: "/v1/detokenize",
      summary: "Reverse tokens of an agreement's field (controller only; recorded in the access log)",
      request: { body: { required: true, content: { "application/json": { schema: DetokenizeBody } } } },
      responses: {
        200: {
          description: "the values, in the order of the tokens",
          content: {
            "application/json": { schema: z.object({ values: z.array(z.string()) }).openapi("Detokenized") },
          },
        },
        400: fail("a token that does not open, or a field not released as a token"),
        404: fail("no such agreement"),
      },
    }),
    async (c) => {
      const b = c.req.valid("json");
      const session = c.get("session");
      // declarations are NFC: a name sent in NFD (macOS) must still find its agreement and field
      const agreement = b.agreement.normalize("NFC");
      const field = b.field.normalize("NFC");
      const open = session.detokenizer(agreement, field, b.key_id);
      const values = b.tokens.map((token, i) => {
        try {
          return open(token.trim());
        } catch {
          throw apiError("bad_token", { index: i });
        }
      });
      await recordAccess(session.store.accessLog, c.get("principal"), {
        action: "detokenize",
        agreement,
        field,
        count: values.length,
      });
      return c.json({ values }, 200);
    },
  );
}
