/**
 * The indexer's HTTP API: GraphQL at /graphql (and /), SQL over HTTP for `@ponder/client` at /sql,
 * and /integrity (src/api/integrity.ts): 200 while every checked block's log count agrees with the
 * node, 503 naming the first block that does not. Once a gap is found GraphQL and SQL answer 503
 * with the same message rather than serve incomplete audit data.
 * Ponder serves /health, /ready, /status and /metrics itself.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono, type MiddlewareHandler } from "hono";
import { client, graphql } from "ponder";

import { integrityReport } from "./integrity.ts";

const app = new Hono();

/** 503 with a GraphQL-shaped error once a gap is found (the SDK's audit client shows the message). */
const refuseIncomplete: MiddlewareHandler = async (c, next) => {
  const report = integrityReport();
  if (!report.ok && report.message) {
    return c.json(
      { data: null, errors: [{ message: `${report.message.en} / ${report.message.zh}` }], integrity: report },
      503,
    );
  }
  await next();
};

app.get("/integrity", (c) => {
  const report = integrityReport();
  return c.json(report, report.ok ? 200 : 503);
});
app.use("/sql/*", refuseIncomplete, client({ db, schema }));
app.use("/graphql", refuseIncomplete, graphql({ db, schema }));
app.use("/", refuseIncomplete, graphql({ db, schema }));

export default app;
