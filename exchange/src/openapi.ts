/**
 * The pieces every sub-app is built from: a router answering schema failures with the JSON error
 * shape, and shorthands for the OpenAPI description of responses.
 */
import { OpenAPIHono, type z } from "@hono/zod-openapi";

import { invalidRequest } from "./errors.ts";
import * as S from "./schemas.ts";

export const OPENAPI_INFO = {
  openapi: "3.1.0",
  info: {
    title: "OneWindow data exchange",
    version: "1.0.0",
    description:
      "Each department's data node: consented, encrypted disclosure of licence fields, yes/no predicate queries, uploads, and the holder's access log. Sign in with Ethereum (EIP-4361) for a bearer token.",
  },
};

/** A request that does not match its route's schema: 400 naming the paths, never the values. */
export function newRouter() {
  return new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const err = invalidRequest(result.error.issues.map((i) => i.path.join(".") || "(body)"));
        return c.json(err.body(), 400);
      }
    },
  });
}

/** One JSON response of the OpenAPI description. */
export const json = (status: number, description: string, schema: z.ZodType) => ({
  [status]: { description, content: { "application/json": { schema } } },
});

/** Error responses (the JSON error shape) of the OpenAPI description. */
export const errors = (...statuses: number[]) =>
  Object.assign({}, ...statuses.map((s) => json(s, "Error", S.ErrorSchema))) as Record<number, never>;

/** The route needs a bearer session token (see /auth/verify). */
export const bearer = [{ bearer: [] }];
