import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";

import { AuditQueryError, createAuditClient } from "./client.ts";
import { checkIndexerIntegrity } from "./integrity.ts";

/** A real HTTP server on loopback answering every request with `status` and `body`. */
async function serve(status: number, body: string): Promise<{ url: string; paths: string[]; close: () => void }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? "");
    response.writeHead(status, { "content-type": "application/json" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, paths, close: () => server.close() };
}

describe("checkIndexerIntegrity", () => {
  test("returns the indexer's 503 answer (a gap) without throwing, asked at /integrity", async () => {
    const gap = {
      ok: false,
      checkedThrough: 41,
      indexedThrough: 90,
      gap: { block: 42, nodeLogs: 3, indexedLogs: 0, fromBlock: 40, toBlock: 90 },
      lastError: null,
      message: { en: "block 42", zh: "区块 42" },
    };
    const server = await serve(503, JSON.stringify(gap));
    try {
      const answer = await checkIndexerIntegrity(createAuditClient({ url: `${server.url}/graphql` }));
      assert.deepEqual(answer, gap);
      assert.deepEqual(server.paths, ["/integrity"]);
    } finally {
      server.close();
    }
  });

  test("refuses a graph-node client, an unreachable indexer and a server that is not an indexer", async () => {
    await assert.rejects(
      checkIndexerIntegrity(createAuditClient({ url: "http://127.0.0.1:1/subgraphs/name/x", dialect: "graph-node" })),
      (error: unknown) => error instanceof AuditQueryError && /graph-node/.test(error.message),
    );
    await assert.rejects(
      checkIndexerIntegrity(createAuditClient({ url: "http://127.0.0.1:1/graphql" })),
      (error: unknown) =>
        error instanceof AuditQueryError && /Cannot reach the indexer's integrity check/.test(error.message),
    );
    const other = await serve(404, "Not Found");
    try {
      await assert.rejects(
        checkIndexerIntegrity(createAuditClient({ url: `${other.url}/graphql` })),
        (error: unknown) => error instanceof AuditQueryError && /answered 404/.test(error.message),
      );
    } finally {
      other.close();
    }
  });
});
