import { getAddress, type Address } from "viem";

import { DeploymentError } from "../errors/deployment.ts";

/** The contracts of a OneWindow deployment, as named in `deployments/<chainId>.json`. */
export const CONTRACT_NAMES = [
  "AccessManager",
  "DepartmentRegistry",
  "LicenceTypeRegistry",
  "LicenceRegistry",
  "ConsentRegistry",
  "RestrictionList",
  "WorkingCalendar",
  "ServiceCatalog",
  "ApprovalEngine",
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

/** One contract of a deployment. */
export type DeployedContract = {
  address: Address;
  /** The block the contract was deployed in: where indexers start. */
  startBlock: number;
};

/** `deployments/<chainId>.json`, written by `npm run deploy` (scripts/deploy.ts). */
export type Deployment = {
  chainId: number;
  network: string;
  /** ISO 8601. */
  deployedAt: string;
  startBlock: number;
  contracts: Record<ContractName, DeployedContract>;
};

/** Checks a parsed deployment document (`readDeployment` from `@onewindow/sdk/node` reads one from disk). */
export function parseDeployment(json: unknown, source = "deployment"): Deployment {
  const object = json as Partial<Deployment> | null;
  if (typeof object !== "object" || object === null) throw new DeploymentError(source, "is not an object");
  if (!Number.isSafeInteger(object.chainId)) throw new DeploymentError(source, "has no chainId");
  const contracts = {} as Record<ContractName, DeployedContract>;
  for (const name of CONTRACT_NAMES) {
    const entry = object.contracts?.[name];
    if (!entry || typeof entry.address !== "string" || !Number.isSafeInteger(entry.startBlock)) {
      throw new DeploymentError(source, `has no valid entry for ${name}`);
    }
    let address: Address;
    try {
      address = getAddress(entry.address);
    } catch (cause) {
      throw new DeploymentError(source, `has a bad address for ${name}`, cause);
    }
    contracts[name] = { address, startBlock: entry.startBlock };
  }
  return {
    chainId: object.chainId!,
    network: String(object.network ?? "unknown"),
    deployedAt: String(object.deployedAt ?? ""),
    startBlock: Number(object.startBlock ?? Math.min(...Object.values(contracts).map((c) => c.startBlock))),
    contracts,
  };
}
