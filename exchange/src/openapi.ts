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

/** A JSON response of the OpenAPI description: its body's schema, for the route's types too. */
export type JsonResponse<Schema extends z.ZodType> = {
  description: string;
  content: { "application/json": { schema: Schema } };
};

/**
 * One JSON response of the OpenAPI description, keyed by its literal status, so that a route's
 * type carries each status's body (for `hc<ExchangeAppType>`).
 */
export const json = <const Status extends number, Schema extends z.ZodType>(
  status: Status,
  description: string,
  schema: Schema,
) =>
  ({ [status]: { description, content: { "application/json": { schema } } } }) as Record<Status, JsonResponse<Schema>>;

/** Error responses (the JSON error shape) of the OpenAPI description, keyed by their literal statuses. */
export const errors = <const Statuses extends readonly number[]>(...statuses: Statuses) =>
  Object.assign({}, ...statuses.map((s) => json(s, "Error", S.ErrorSchema))) as Record<
    Statuses[number],
    JsonResponse<typeof S.ErrorSchema>
  >;

/** The route needs a bearer session token (see /auth/verify). */
export const bearer = [{ bearer: [] }];
