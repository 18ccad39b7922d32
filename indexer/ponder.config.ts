/**
 * Ponder configuration: every OneWindow contract of `deployments/<chainId>.json` (address and start
 * block), its ABI generated from the build (`@onewindow/sdk`), one network from the environment.
 *
 * Environment (all optional):
 * - ONEWINDOW_CHAIN_ID            chain id (default 31337, the embedded hardhat node)
 * - PONDER_RPC_URL_<chainId>      RPC URL, else ONEWINDOW_RPC_URL, else http://127.0.0.1:8545
 * - ONEWINDOW_DEPLOYMENT_FILE     deployment file (default ../deployments/<chainId>.json)
 * - ONEWINDOW_POLLING_MS          polling interval in ms (default 300: fast on a local node)
 * - ONEWINDOW_RPC_MAX_RPS         most requests per second to the node (default 1000; Ponder's own
 *                                 default, 50, is for paid providers and made catch-up wait on it:
 *                                 one eth_getBlockByNumber per block with events)
 * - DATABASE_URL                  PostgreSQL; else embedded PGlite in INDEXER_DATA_DIR
 * - INDEXER_DATA_DIR              PGlite directory (default ../.data/indexer)
 * - ONEWINDOW_INTEGRITY_MS         how often the integrity check compares the node's logs with the
 *                                 index (default 10000; src/api/integrity.ts)
 * - ONEWINDOW_INTEGRITY_RPC_URL    node the integrity check asks (default: the indexer's own RPC URL)
 * - INDEXER_RESET_ON_NEW_DEPLOYMENT  1: a PGlite directory built for another deployment (or chain)
 *                                 is removed and indexed again from scratch (npm run dev's embedded
 *                                 default); otherwise the indexer stops saying what to do (database.ts)
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ABIS } from "@onewindow/sdk";
import { createConfig } from "ponder";
import { http } from "viem";

import { checkIndexerDatabase } from "./database.ts";
import { indexerDeployment } from "./src/lib/deployment.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const { chainId, deployment, rpcUrl } = indexerDeployment();
const dataDir = process.env.INDEXER_DATA_DIR ?? path.join(root, ".data", "indexer");
if (!process.env.DATABASE_URL) {
  checkIndexerDatabase({ directory: dataDir, deployment, reset: process.env.INDEXER_RESET_ON_NEW_DEPLOYMENT === "1" });
}
const pollingInterval = Number(process.env.ONEWINDOW_POLLING_MS ?? "300");
const maxRequestsPerSecond = Number(process.env.ONEWINDOW_RPC_MAX_RPS ?? "1000");

const network = "onewindow" as const;
const contract = <N extends Exclude<keyof typeof ABIS, "AccessManager">>(name: N) => ({
  network,
  abi: ABIS[name],
  address: deployment.contracts[name].address,
  startBlock: deployment.contracts[name].startBlock,
});

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: dataDir },
  networks: {
    [network]: {
      chainId,
      // viem caps a response at 10 MB by default; an eth_getLogs over a busy range of our own node is larger.
      // Requests made together go as one JSON-RPC batch: catch-up asks for every block with events
      // (eth_getBlockByNumber), and one HTTP request per block cost the node ~50 times more than the
      // answer (hardhat node, 100 blocks: 518 ms as parallel requests, 20 ms as one batch).
      transport: http(rpcUrl, { maxResponseBodySize: 1024 * 1024 * 1024, batch: { batchSize: 256, wait: 0 } }),
      pollingInterval,
      maxRequestsPerSecond,
      disableCache: chainId === 31337,
    },
  },
  contracts: {
    DepartmentRegistry: contract("DepartmentRegistry"),
    LicenceTypeRegistry: contract("LicenceTypeRegistry"),
    LicenceRegistry: contract("LicenceRegistry"),
    ConsentRegistry: contract("ConsentRegistry"),
    RestrictionList: contract("RestrictionList"),
    WorkingCalendar: contract("WorkingCalendar"),
    ServiceCatalog: contract("ServiceCatalog"),
    ApprovalEngine: contract("ApprovalEngine"),
  },
});
