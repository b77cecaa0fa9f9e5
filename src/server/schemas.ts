// schemas every route group shares: the error body.
import { z } from "@hono/zod-openapi";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "unknown_agreement" }),
      message: z.string(),
      hint: z.string().optional(),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  })
  .openapi("Error");
