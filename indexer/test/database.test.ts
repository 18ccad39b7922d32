/**
 * The embedded database follows the deployment (database.ts): the indexer started against
 * deployment A, then against deployment B on the same chain with the same PGlite directory, stops
 * with a message saying which directory to remove, not Ponder's "previously used by a different
 * Ponder app"; with INDEXER_RESET_ON_NEW_DEPLOYMENT=1 (npm run dev's embedded default) it starts
 * afresh and indexes B.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { readDeployment } from "@onewindow/sdk/node";

import { deployOneWindow, startChain, type LocalChain } from "@onewindow/testkit/local-chain";
import { startPonder } from "@onewindow/testkit/ponder";

import { checkIndexerDatabase, markerOf } from "../database.ts";

let chain: LocalChain;
let deploymentA: string;
let deploymentB: string;
const work = mkdtempSync(path.join(tmpdir(), "onewindow-indexer-db-"));
const dataDir = path.join(work, "pglite");

describe("an indexer database built for another deployment", () => {
  before(async () => {
    chain = await startChain("hardhat");
    deploymentA = deployOneWindow(chain);
    deploymentB = deployOneWindow(chain);
  });
  after(async () => {
    delete process.env.INDEXER_RESET_ON_NEW_DEPLOYMENT;
    await chain?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test("deployment A indexed, then B on the same directory: a clear message, then a fresh start when asked", async () => {
    const a = await startPonder({ rpcUrl: chain.rpcUrl, deployment: deploymentA, chainId: chain.chainId, dataDir });
    try {
      await a.waitSynced(120_000);
    } finally {
      await a.stop();
    }
    const marker = JSON.parse(readFileSync(markerOf(dataDir), "utf8")) as { contracts: Record<string, string> };
    const addressA = readDeployment({ file: deploymentA }).contracts.LicenceRegistry.address;
    assert.equal(marker.contracts.LicenceRegistry, addressA.toLowerCase());

    const b = await startPonder({ rpcUrl: chain.rpcUrl, deployment: deploymentB, chainId: chain.chainId, dataDir });
    try {
      const refused = await b.waitSynced(60_000).then(
        () => assert.fail("the indexer started on a database of another deployment"),
        (error: unknown) => (error as Error).message,
      );
      assert.match(refused, /indexer database: .* was built for chain \d+, start block \d+/);
      assert.match(refused, new RegExp(`rm -rf ${dataDir.replace(/[/.]/g, "\\$&")}`));
      assert.match(refused, /索引数据库/);
      assert.doesNotMatch(refused, /previously used by a different Ponder app/);
    } finally {
      await b.stop();
    }
    assert.ok(existsSync(dataDir), "the database was removed without being asked");

    process.env.INDEXER_RESET_ON_NEW_DEPLOYMENT = "1";
    const fresh = await startPonder({ rpcUrl: chain.rpcUrl, deployment: deploymentB, chainId: chain.chainId, dataDir });
    try {
      await fresh.waitSynced(120_000);
      assert.match(fresh.output(), /indexer database: .* removed, indexing/);
    } finally {
      await fresh.stop();
      delete process.env.INDEXER_RESET_ON_NEW_DEPLOYMENT;
    }
  });

  test("the same deployment again resumes on its database; an empty directory is recorded", () => {
    const deployment = readDeployment({ file: deploymentB });
    assert.equal(checkIndexerDatabase({ directory: dataDir, deployment, reset: false }), "same");
    const other = path.join(work, "empty");
    assert.equal(checkIndexerDatabase({ directory: other, deployment, reset: false }), "new");
    assert.ok(existsSync(markerOf(other)));
  });
});
