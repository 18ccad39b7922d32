import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { AuditQueryError, createAuditClient } from "./client.ts";
import { getLicenceVerifications } from "./getLicenceVerifications.ts";
import { monthRange } from "./getOverdueSteps.ts";
import { convertRow, entityDocument, listDocument, type ListQuery } from "./query.ts";

const QUERY: ListQuery = {
  plural: "overdueFlags",
  fields: { id: "s", step: "r", deadline: "b", stepIndex: "i" },
  where: { timestamp_gte: 10n, department: "3", overdue: true },
  orderBy: "timestamp",
};

/** A fake GraphQL server at the fetch edge: records each document, answers from `pages`. */
function fakeServer(pages: unknown[]) {
  const documents: string[] = [];
  const fetchFn = (async (_url: string | URL | Request, init?: RequestInit) => {
    documents.push((JSON.parse(String(init?.body)) as { query: string }).query);
    return new Response(JSON.stringify({ data: pages[documents.length - 1] }), { status: 200 });
  }) as typeof fetch;
  return { documents, fetchFn };
}

describe("audit documents", () => {
  test("Ponder dialect: items, where, quoted orderBy, limit and cursor", () => {
    assert.equal(
      listDocument("ponder", QUERY, { size: 2, after: "abc" }),
      'query { page: overdueFlags(where: { timestamp_gte: "10", department: "3", overdue: true }, orderBy: "timestamp", orderDirection: "asc", limit: 2, after: "abc") { items { id step deadline stepIndex } pageInfo { hasNextPage endCursor } } }',
    );
  });

  test("graph-node dialect: first/skip, enum orderBy, relations selected as { id }", () => {
    assert.equal(
      listDocument("graph-node", { ...QUERY, orderDirection: "desc" }, { size: 100, skip: 200 }),
      'query { page: overdueFlags(where: { timestamp_gte: "10", department: "3", overdue: true }, orderBy: timestamp, orderDirection: desc, first: 100, skip: 200) { id step { id } deadline stepIndex } }',
    );
    assert.equal(
      entityDocument("graph-node", "application", "0xab", { id: "s", matter: "r" }),
      'query { entity: application(id: "0xab") { id matter { id } } }',
    );
  });

  test("string values are escaped, never spliced raw", () => {
    const document = listDocument("ponder", { ...QUERY, where: { licence: 'x" } evil: { "' } }, { size: 1 });
    assert.match(document, /licence: "x\\" } evil: { \\""/);
  });

  test("rows convert: BigInt strings to bigint, relation objects to ids, nulls kept", () => {
    assert.deepEqual(convertRow(QUERY.fields, { id: "0x1", step: { id: "0x1-0" }, deadline: "99", stepIndex: 2 }), {
      id: "0x1",
      step: "0x1-0",
      deadline: 99n,
      stepIndex: 2,
    });
    assert.deepEqual(convertRow(QUERY.fields, { id: "0x1", step: "0x1-0", deadline: null, stepIndex: 0 }), {
      id: "0x1",
      step: "0x1-0",
      deadline: null,
      stepIndex: 0,
    });
  });
});

describe("audit client pagination", () => {
  const licenceId = `0x${"aa".repeat(32)}` as const;
  const row = (n: number) => ({
    id: `0x${n}`,
    licence: licenceId,
    department: { id: "4" },
    purpose: "0x00",
    fieldMask: "3",
    result: 7,
    officer: "0xof",
    blockNumber: String(10 - n),
    timestamp: "1",
    transactionHash: "0xtx",
    logIndex: n,
  });

  test("graph-node: skips page by page until a short page, and sorts in chain order", async () => {
    const server = fakeServer([{ page: [row(1), row(2)] }, { page: [row(3)] }]);
    const client = createAuditClient({
      url: "http://127.0.0.1:8000/subgraphs/name/onewindow",
      dialect: "graph-node",
      pageSize: 2,
      fetch: server.fetchFn,
    });
    const records = await getLicenceVerifications(client, { licenceId });
    assert.deepEqual(
      records.map((r) => [r.blockNumber, r.department]),
      [
        [7n, "4"],
        [8n, "4"],
        [9n, "4"],
      ],
    );
    assert.equal(server.documents.length, 2);
    assert.match(server.documents[1]!, /first: 2, skip: 2/);
    assert.match(server.documents[0]!, /department \{ id \}/);
  });

  test("Ponder: follows endCursor while hasNextPage", async () => {
    const server = fakeServer([
      { page: { items: [row(1)], pageInfo: { hasNextPage: true, endCursor: "c1" } } },
      { page: { items: [row(2)], pageInfo: { hasNextPage: false, endCursor: "c2" } } },
    ]);
    const client = createAuditClient({ url: "http://127.0.0.1:42069/graphql", pageSize: 1, fetch: server.fetchFn });
    assert.equal((await getLicenceVerifications(client, { licenceId })).length, 2);
    assert.match(server.documents[1]!, /after: "c1"/);
  });

  test("GraphQL errors become an AuditQueryError naming the cause", async () => {
    const fetchFn = (async () =>
      new Response(JSON.stringify({ errors: [{ message: "Unknown argument" }] }), { status: 200 })) as typeof fetch;
    const client = createAuditClient({ url: "http://127.0.0.1:42069/graphql", fetch: fetchFn });
    await assert.rejects(getLicenceVerifications(client, { licenceId }), (error: unknown) => {
      assert.ok(error instanceof AuditQueryError);
      assert.match(error.message, /Unknown argument/);
      assert.match(error.messages.zh, /审计接口拒绝了查询/);
      return true;
    });
  });

  test("invalid client parameters are refused", () => {
    assert.throws(() => createAuditClient({ url: "not a url" }), AuditQueryError);
    assert.throws(() => createAuditClient({ url: "http://x", pageSize: 0 }), /1 to 1000/);
    assert.throws(() => createAuditClient({ url: "http://x", dialect: "sql" as "ponder" }), /Unknown audit dialect/);
  });
});

describe("monthRange", () => {
  test("is the local month in Beijing time by default", () => {
    // 2026-11-30T17:00:00Z is 2026-12-01 01:00 in Beijing.
    const { from, to } = monthRange({ timestamp: BigInt(Date.UTC(2026, 10, 30, 17) / 1000) });
    assert.equal(from, BigInt(Date.UTC(2026, 10, 30, 16) / 1000));
    assert.equal(to, BigInt(Date.UTC(2026, 11, 31, 16) / 1000));
    const utc = monthRange({ timestamp: BigInt(Date.UTC(2026, 10, 30, 17) / 1000), timeZoneOffset: 0 });
    assert.equal(utc.from, BigInt(Date.UTC(2026, 10, 1) / 1000));
  });
});
