/** The holder's access log: who read their data, when, for what, with the evidence. */
import { createRoute } from "@hono/zod-openapi";

import { sessionOf } from "../access.ts";
import type { ExchangeContext } from "../context.ts";
import { bearer, errors, json, newRouter } from "../openapi.ts";
import * as S from "../schemas.ts";
import { accessLogOf } from "../store/access-log.ts";

const accessLogRoute = createRoute({
  method: "get",
  path: "/",
  summary: "Who read the caller's data, when, for what, with the evidence (holder)",
  tags: ["access log"],
  security: bearer,
  request: { query: S.AccessLogQuery },
  responses: { ...json(200, "Access log", S.AccessLog), ...errors(400, 401) },
});

/** Mounted at /access-log. */
export function accessLogRoutes(ctx: ExchangeContext) {
  return newRouter().openapi(accessLogRoute, async (c) => {
    const { limit: count, before } = c.req.valid("query");
    const holder = await sessionOf(ctx, c);
    // One more than asked for: whether there is a next page.
    const entries = await accessLogOf(ctx.db, holder, before, count + 1);
    const page = entries.slice(0, count);
    return c.json({ entries: page, next: entries.length > count ? page[page.length - 1]!.id : null }, 200);
  });
}
