/**
 * Deploys OneWindow with the Ignition module and writes `deployments/<chainId>.json`: every
 * contract's address and the block it was deployed in (the indexers' start block).
 *
 *   npm run deploy                              (localhost: http://127.0.0.1:8545, or ONEWINDOW_RPC_URL)
 *   npm run deploy -- --network besu            (BESU_RPC_URL and BESU_DEPLOYER_KEY from the environment)
 *
 * Module parameters (admin, registrar, upgrader, upgradeDelay) from IGNITION_PARAMETERS, a JSON file.
 * ONEWINDOW_DEPLOYMENTS_DIR writes the file elsewhere (default deployments/); ONEWINDOW_IGNITION_ID
 * names Ignition's journal (default chain-<chainId>), so that test chains never touch the dev one.
 * One confirmation is awaited per transaction: the embedded chains and Besu QBFT are final after one
 * block.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";

import { network } from "hardhat";

import OneWindowModule from "../ignition/modules/OneWindow.ts";

const { ethers, ignition, networkName } = await network.getOrCreate();
const chainId = Number((await ethers.provider.getNetwork()).chainId);
const startBlock = (await ethers.provider.getBlockNumber()) + 1;
const parametersFile = process.env.IGNITION_PARAMETERS;
const parameters = parametersFile ? { OneWindow: JSON.parse(readFileSync(parametersFile, "utf8")) } : undefined;

const deploymentId = process.env.ONEWINDOW_IGNITION_ID ?? `chain-${chainId}`;
const directory = process.env.ONEWINDOW_DEPLOYMENTS_DIR ?? "deployments";

// A development chain (31337) starts empty every time: forget Ignition's journal of the last one.
if (chainId === 31337) rmSync(`ignition/deployments/${deploymentId}`, { recursive: true, force: true });

console.error(`deploy: OneWindow to ${networkName} (chain ${chainId}) …`);
const deployed = await ignition.deploy(OneWindowModule, {
  deploymentId,
  config: { requiredConfirmations: 1 },
  ...(parameters ? { parameters } : {}),
});

const contracts: Record<string, { address: string; startBlock: number }> = {};
for (const [key, contract] of Object.entries(deployed)) {
  const name = key[0]!.toUpperCase() + key.slice(1);
  contracts[name] = { address: await contract.getAddress(), startBlock };
}
const deployment = {
  chainId,
  network: networkName,
  deployedAt: new Date().toISOString(),
  startBlock,
  contracts,
};
mkdirSync(directory, { recursive: true });
const file = `${directory}/${chainId}.json`;
writeFileSync(file, JSON.stringify(deployment, null, 2) + "\n");
console.error(`deploy: wrote ${file}`);
console.log(JSON.stringify(deployment));
