/** The chain, RPC URL and deployment the indexer runs on, from the environment (ponder.config.ts lists it). */
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Deployment } from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";

const root = fileURLToPath(new URL("../../..", import.meta.url));

export function indexerDeployment(): {
  chainId: number;
  rpcUrl: string;
  deploymentFile: string;
  deployment: Deployment;
} {
  const chainId = Number(process.env.ONEWINDOW_CHAIN_ID ?? "31337");
  if (!Number.isSafeInteger(chainId) || chainId <= 0) {
    throw new Error(
      `ONEWINDOW_CHAIN_ID must be a positive integer, got "${process.env.ONEWINDOW_CHAIN_ID}" / ` +
        `ONEWINDOW_CHAIN_ID 必须是正整数`,
    );
  }
  const rpcUrl = process.env[`PONDER_RPC_URL_${chainId}`] ?? process.env.ONEWINDOW_RPC_URL ?? "http://127.0.0.1:8545";
  const deploymentFile = process.env.ONEWINDOW_DEPLOYMENT_FILE ?? path.join(root, "deployments", `${chainId}.json`);
  const deployment = readDeployment({ file: deploymentFile });
  if (deployment.chainId !== chainId) {
    throw new Error(
      `${deploymentFile} is for chain ${deployment.chainId}, not ${chainId}: set ONEWINDOW_CHAIN_ID or ONEWINDOW_DEPLOYMENT_FILE / ` +
        `部署文件的链 ID 与 ONEWINDOW_CHAIN_ID 不符`,
    );
  }
  return { chainId, rpcUrl, deploymentFile, deployment };
}
