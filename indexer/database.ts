/**
 * Which deployment an embedded (PGlite) indexer database was built for. Ponder refuses a database
 * another configuration built ("Schema 'onewindow' was previously used by a different Ponder
 * app"), which happens when the platform is deployed again on the same chain (`npm run dev --
 * --chain <url>` a second time) or the chain is another one. So beside the directory,
 * `<directory>.deployment.json` records the chain id, start block and contract addresses it indexes;
 * at start, a database built for another deployment is either removed (when `reset` is set: the
 * embedded default of `npm run dev`) or refused with a message saying what to do.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { Deployment } from "@onewindow/sdk";

/** What identifies a deployment to the indexer: the chain, the start block and every address. */
export type IndexedDeployment = { chainId: number; startBlock: number; contracts: Record<string, string> };

/** The identity of `deployment` as the indexer sees it. */
export function indexedDeployment(deployment: Deployment): IndexedDeployment {
  return {
    chainId: deployment.chainId,
    startBlock: Math.min(...Object.values(deployment.contracts).map((c) => c.startBlock)),
    contracts: Object.fromEntries(
      Object.entries(deployment.contracts)
        .map(([name, c]) => [name, c.address.toLowerCase()] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  };
}

/** The file beside a PGlite directory that says which deployment it holds. */
export function markerOf(directory: string): string {
  return `${path.resolve(directory)}.deployment.json`;
}

function describe(d: IndexedDeployment): string {
  return `chain ${d.chainId}, start block ${d.startBlock}, LicenceRegistry ${d.contracts.LicenceRegistry ?? "?"}`;
}

/**
 * Checks that the PGlite `directory` holds `deployment` (or nothing yet) and records it. A
 * directory built for another deployment (or before the record existed) is removed when `reset`
 * is true; otherwise an error says (in Chinese and English) which directory to remove or which
 * setting to change. Returns what it did.
 */
export function checkIndexerDatabase(parameters: {
  directory: string;
  deployment: Deployment;
  reset: boolean;
}): "new" | "same" | "reset" {
  const directory = path.resolve(parameters.directory);
  const marker = markerOf(directory);
  const wanted = indexedDeployment(parameters.deployment);
  const empty = !existsSync(directory) || readdirSync(directory).length === 0;
  const recorded = existsSync(marker) ? (JSON.parse(readFileSync(marker, "utf8")) as IndexedDeployment) : undefined;
  const record = () => writeFileSync(marker, JSON.stringify(wanted, null, 2) + "\n");
  if (empty) {
    record();
    return "new";
  }
  if (recorded && JSON.stringify(recorded) === JSON.stringify(wanted)) return "same";
  const was = recorded ? describe(recorded) : "an earlier deployment (not recorded)";
  if (parameters.reset) {
    rmSync(directory, { recursive: true, force: true });
    record();
    console.warn(
      `indexer database: ${directory} held ${was}; removed, indexing ${describe(wanted)} from scratch / ` +
        `索引数据库 ${directory} 属于另一部署（${was}），已删除，从头索引当前部署`,
    );
    return "reset";
  }
  throw new Error(
    `indexer database: ${directory} was built for ${was}, not for ${describe(wanted)} (the platform was ` +
      `deployed again, or this is another chain). Remove it to index this deployment from scratch ` +
      `(rm -rf ${directory} ${marker}), or set INDEXER_DATA_DIR to another directory. / ` +
      `索引数据库 ${directory} 属于另一部署（${was}），不是当前部署（${describe(wanted)}）：平台已重新部署或链不同。` +
      `请删除该目录（rm -rf ${directory} ${marker}）以从头索引当前部署，或将 INDEXER_DATA_DIR 设为另一个目录。`,
  );
}
