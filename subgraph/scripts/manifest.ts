/**
 * Writes the generated subgraph files from `subgraph.template.yaml` and a deployment:
 *
 * - `abis/<Contract>.json`: each contract's ABI, from the SDK's generated ABIs (never hand-copied);
 * - `networks.json`: graph-cli's per-network config (address and start block per contract);
 * - `subgraph.yaml`: the manifest, with one event handler per event declared in `contracts/I<Contract>.sol`.
 *
 *   node --import tsx scripts/manifest.ts                       # deployments/31337.json
 *   node --import tsx scripts/manifest.ts --deployment <file>   # any deployments/<chainId>.json
 *   node --import tsx scripts/manifest.ts --test                # the fixed test network (networks.test.json)
 *
 * Without `--deployment` and when `deployments/31337.json` does not exist (a clean clone), the test
 * network is used, so that `graph codegen` / `graph build` and the mapping tests always run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { ABIS } from "@onewindow/sdk";

/** The contracts the subgraph indexes (every OneWindow contract with events of its own). */
export const DATA_SOURCES = [
  "DepartmentRegistry",
  "LicenceTypeRegistry",
  "LicenceRegistry",
  "ConsentRegistry",
  "RestrictionList",
  "WorkingCalendar",
  "ServiceCatalog",
  "ApprovalEngine",
] as const;
export type DataSourceName = (typeof DATA_SOURCES)[number];

type AbiParameter = { type: string; name?: string; indexed?: boolean; components?: readonly AbiParameter[] };
type AbiItem = { type: string; name?: string; inputs?: readonly AbiParameter[] };
type NetworkEntry = { address: string; startBlock: number };
export type NetworksFile = Record<string, Record<DataSourceName, NetworkEntry>>;

const SUBGRAPH = path.resolve(import.meta.dirname, "..");
const ROOT = path.resolve(SUBGRAPH, "..");
export const TEST_NETWORK = "onewindow-test";

/** graph-node's canonical type of an ABI parameter (tuples spelled out as `(a,b)`). */
function canonicalType(parameter: AbiParameter): string {
  if (!parameter.type.startsWith("tuple")) return parameter.type;
  const inner = (parameter.components ?? []).map(canonicalType).join(",");
  return `(${inner})${parameter.type.slice("tuple".length)}`;
}

/** The manifest's event signature: `Name(indexed bytes32,uint16,…)`. */
export function eventSignature(event: AbiItem): string {
  const inputs = (event.inputs ?? []).map((input) => `${input.indexed ? "indexed " : ""}${canonicalType(input)}`);
  return `${event.name}(${inputs.join(",")})`;
}

/** Events a contract declares itself (in its interface file), not the inherited proxy / access ones. */
export function ownEvents(name: DataSourceName): AbiItem[] {
  const source = readFileSync(path.join(ROOT, "contracts", `I${name}.sol`), "utf8");
  const declared = new Set([...source.matchAll(/\bevent\s+(\w+)\s*\(/g)].map((match) => match[1]!));
  const events = (ABIS[name] as readonly AbiItem[]).filter((item) => item.type === "event" && declared.has(item.name!));
  if (events.length !== declared.size) {
    throw new Error(`manifest: ${name}'s ABI lacks events declared in I${name}.sol; run \`npm run build\` first`);
  }
  return [...events].sort((a, b) => (a.name! < b.name! ? -1 : 1));
}

/** The network name of a chain id. */
export function networkName(chainId: number): string {
  return chainId === 31337 ? "onewindow-local" : `onewindow-${chainId}`;
}

/** Reads a `deployments/<chainId>.json` into graph-cli's networks format. */
export function networksFromDeployment(file: string): NetworksFile {
  const deployment = JSON.parse(readFileSync(file, "utf8")) as {
    chainId: number;
    contracts: Record<string, { address: string; startBlock: number } | undefined>;
  };
  if (!Number.isInteger(deployment.chainId)) throw new Error(`manifest: ${file} has no chainId`);
  const entries = {} as Record<DataSourceName, NetworkEntry>;
  for (const name of DATA_SOURCES) {
    const contract = deployment.contracts[name];
    if (!contract || !/^0x[0-9a-fA-F]{40}$/.test(contract.address) || !Number.isInteger(contract.startBlock)) {
      throw new Error(`manifest: ${file} lacks a valid address and startBlock for ${name}; redeploy (npm run deploy)`);
    }
    entries[name] = { address: contract.address.toLowerCase(), startBlock: contract.startBlock };
  }
  return { [networkName(deployment.chainId)]: entries };
}

/** Fills the template for one network. */
export function renderManifest(
  template: string,
  network: string,
  entries: Record<DataSourceName, NetworkEntry>,
): string {
  const values = new Map<string, string>([["network", network]]);
  for (const name of DATA_SOURCES) {
    values.set(`${name}.address`, entries[name].address);
    values.set(`${name}.startBlock`, String(entries[name].startBlock));
    const handlers = ownEvents(name).map(
      (event) => `        - event: ${eventSignature(event)}\n          handler: handle${event.name}`,
    );
    values.set(`${name}.eventHandlers`, handlers.join("\n"));
  }
  const body = template.replace(/^#.*\n/gm, "");
  return (
    "# Generated by scripts/manifest.ts from subgraph.template.yaml. Do not edit.\n" +
    body.replace(/\{\{([\w.]+)\}\}/g, (_, key: string) => {
      const value = values.get(key);
      if (value === undefined) throw new Error(`manifest: unknown placeholder {{${key}}} in the template`);
      return value;
    })
  );
}

/** Writes abis/, networks.json and subgraph.yaml; returns the network name used. */
export function generate(options: { deployment?: string; test?: boolean } = {}): string {
  const defaultDeployment = path.join(ROOT, "deployments", "31337.json");
  const file = options.deployment ?? (!options.test && existsSync(defaultDeployment) ? defaultDeployment : undefined);
  const networks: NetworksFile = file
    ? networksFromDeployment(file)
    : (JSON.parse(readFileSync(path.join(SUBGRAPH, "networks.test.json"), "utf8")) as NetworksFile);
  const [network, entries] = Object.entries(networks)[0]!;

  mkdirSync(path.join(SUBGRAPH, "abis"), { recursive: true });
  for (const name of DATA_SOURCES) {
    writeIfChanged(path.join(SUBGRAPH, "abis", `${name}.json`), JSON.stringify(ABIS[name], null, 2) + "\n");
  }
  writeIfChanged(path.join(SUBGRAPH, "networks.json"), JSON.stringify(networks, null, 2) + "\n");
  const template = readFileSync(path.join(SUBGRAPH, "subgraph.template.yaml"), "utf8");
  writeIfChanged(path.join(SUBGRAPH, "subgraph.yaml"), renderManifest(template, network, entries));
  return network;
}

function writeIfChanged(file: string, text: string): void {
  if (!existsSync(file) || readFileSync(file, "utf8") !== text) writeFileSync(file, text);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { deployment: { type: "string" }, test: { type: "boolean" } } });
  try {
    const network = generate({ deployment: values.deployment, test: values.test });
    console.error(`manifest: subgraph.yaml, networks.json and abis/ written for network ${network}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
