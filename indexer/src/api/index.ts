/**
 * The indexer's HTTP API: GraphQL at /graphql (and /), SQL over HTTP for `@ponder/client` at /sql.
 * Ponder serves /health, /ready, /status and /metrics itself.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";

const app = new Hono();

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));
app.use("/", graphql({ db, schema }));

export default app;
