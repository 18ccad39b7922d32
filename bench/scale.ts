/**
 * Scale: many licences issued in batch roots and many VR-hall applications run to completion on
 * one local node (hardhat node by default, automine), with the Haidian district loaded as `npm run dev` does. Records
 * total gas (from the receipts), wall time, the chain's data size and the indexer's catch-up time
 * (Ponder from indexer/, started against the chain after everything is mined, until `_meta` reports
 * the head block indexed).
 *
 *   npm run bench -- scale [--licences 1000000] [--applications 10000] [--batch-size 1024]
 *                          [--in-flight 16] [--chain hardhat|anvil] [--no-indexer] [--indexer-timeout 3600]
 *
 * hardhat node is the default: anvil snapshots the whole state for every block, by default to disk
 * (19 GB after 2,000 VR-hall applications, slowing from 5.5 to 0.7 applications/s); with
 * `--prune-history 256` (used here for anvil) it keeps them in memory and still slows as the state grows.
 *
 * Chain data size: the sum of every block's RLP `size` (eth_getBlockByNumber: headers and
 * transactions, what every node stores and ships), and on anvil also the size of
 * `anvil_dumpState` (its gzipped state with the block history). Writes scale.json and SUMMARY.md.
 */
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

import { bytesToHex, type Hash, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";

import { readDeployment } from "@onewindow/sdk/node";
import { ApplicationStatus, buildBatch, sendContract, waitForWrite } from "@onewindow/sdk";
import {
  actor,
  applyFor,
  demoKey,
  drive,
  fund,
  loadHaidian,
  Tally,
  type Actor,
  type HeldLicenceFile,
} from "@onewindow/testkit/demo";
import { deployOneWindow, startChain, type ChainClient } from "@onewindow/testkit/local-chain";
import { resultsDirectory, writeJson } from "./results.ts";
import { writeReports, type ScaleJson } from "./summary.ts";

export type ScaleOptions = {
  licences: number;
  applications: number;
  batchSize: number;
  /** Applications (and licence batches) in flight at once. */
  inFlight: number;
  chain: ChainClient;
  indexer: boolean;
  indexerTimeoutSeconds: number;
  log?: (line: string) => void;
};

const VR_HALL = "HD-VR-HALL";
const LICENCE_TYPE = "BUSINESS_LICENCE";

async function rpc<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}

/** Gas and logs of mined transactions, fetched in JSON-RPC batches. */
async function receiptsOf(url: string, hashes: readonly Hash[]): Promise<{ gas: number; logs: number }> {
  let gas = 0;
  let logs = 0;
  for (let i = 0; i < hashes.length; i += 200) {
    const batch = hashes.slice(i, i + 200).map((hash, j) => ({
      jsonrpc: "2.0",
      id: j,
      method: "eth_getTransactionReceipt",
      params: [hash],
    }));
    const answers = await rpc<{ result: { gasUsed: Hex; status: Hex; logs: unknown[] } | null }[]>(url, batch);
    for (const a of answers) {
      if (!a.result || a.result.status !== "0x1") throw new Error("scale: a transaction is missing or reverted");
      gas += Number(BigInt(a.result.gasUsed));
      logs += a.result.logs.length;
    }
  }
  return { gas, logs };
}

/** Blocks and the sum of their RLP sizes, in JSON-RPC batches. */
async function blockBytes(url: string): Promise<{ blocks: number; bytes: number }> {
  const head = Number(
    BigInt((await rpc<{ result: Hex }>(url, { jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] })).result),
  );
  let bytes = 0;
  for (let from = 0; from <= head; from += 500) {
    const batch = [];
    for (let n = from; n <= Math.min(head, from + 499); n++)
      batch.push({ jsonrpc: "2.0", id: n, method: "eth_getBlockByNumber", params: [`0x${n.toString(16)}`, false] });
    const answers = await rpc<{ result: { size: Hex } }[]>(url, batch);
    for (const a of answers) bytes += Number(BigInt(a.result.size));
  }
  return { blocks: head + 1, bytes };
}

export async function runScale(options: ScaleOptions): Promise<ScaleJson> {
  const log = options.log ?? ((line: string) => console.error(`scale: ${line}`));
  // anvil: keep at most 256 past states, in memory (nothing here reads older ones), rather than
  // writing a snapshot of the whole state to disk for every block.
  const chain = await startChain(options.chain, { blockTime: 0, pruneHistory: true });
  try {
    log(`${options.chain} on ${chain.rpcUrl}; deploying OneWindow and loading the Haidian district …`);
    const deploymentFile = deployOneWindow(chain);
    const deployment = readDeployment({ file: deploymentFile });
    const admin = actor(chain.rpcUrl, deployment, demoKey(0));
    const district = await loadHaidian(admin, chain.rpcUrl, deployment);

    // 1. Licences in batch roots, issued by the type's issuing department through the SDK
    // (`sendContract`, `inFlight` batches in flight). Each licence id stands for the root of a
    // licence's field tree: a random 32-byte value, because building a full licence file with
    // fresh salts costs ~10 ms of CPU here and would measure the file builder, not the chain;
    // the chain stores and checks the same 32 bytes either way. Each batch's Merkle tree is built
    // with the SDK's buildBatch inside the timed part.
    const typeId = district.typeId(LICENCE_TYPE);
    const typeIssuer = district.haidian.licenceTypes.find((t) => t.code === LICENCE_TYPE)!.issuers[0]!;
    const officer = district.officers(typeIssuer)[0]!;
    const batchHashes: Hash[] = [];
    let issued = 0;
    const licencesStarted = performance.now();
    const pending = new Set<Promise<unknown>>();
    while (issued < options.licences) {
      const size = Math.min(options.batchSize, options.licences - issued);
      const batch = buildBatch(Array.from({ length: size }, () => bytesToHex(randomBytes(32))));
      const hash = await sendContract(officer.client, {
        contract: "LicenceRegistry",
        functionName: "issueBatch",
        args: [batch.root, typeId, 1, 0, size],
      });
      batchHashes.push(hash);
      const waiting = waitForWrite(officer.client, hash).finally(() => pending.delete(waiting));
      pending.add(waiting);
      if (pending.size >= options.inFlight) await Promise.race(pending);
      issued += size;
      if (batchHashes.length % 100 === 0)
        log(`licences: ${issued.toLocaleString("en-US")} / ${options.licences.toLocaleString("en-US")}`);
    }
    await Promise.all(pending);
    const licencesSeconds = (performance.now() - licencesStarted) / 1000;
    const licenceReceipts = await receiptsOf(chain.rpcUrl, batchHashes);

    // 2. VR-hall applications, each submitted and driven to completion by its six departments;
    // `inFlight` applicants each run their share one after another.
    const applicants: Actor[] = Array.from(
      { length: Math.min(options.inFlight, Math.max(1, options.applications)) },
      () => actor(chain.rpcUrl, deployment, generatePrivateKey()),
    );
    await fund(
      admin,
      applicants.map((a) => a.address),
      "10",
    );
    const tally = new Tally();
    let next = 0;
    let completed = 0;
    const applicationsStarted = performance.now();
    await Promise.all(
      applicants.map(async (applicant) => {
        let holdings: Map<string, HeldLicenceFile> | undefined;
        while (next < options.applications) {
          next++;
          const application = await applyFor({
            district,
            applicant,
            matterCode: VR_HALL,
            ...(holdings ? { holdings } : {}),
            tally,
          });
          holdings = application.holdings;
          const driven = await drive(district, application);
          if (driven.status !== ApplicationStatus.Completed)
            throw new Error(`scale: a VR-hall application ended ${driven.status}, not completed`);
          completed++;
          if (completed % 500 === 0) log(`applications: ${completed} / ${options.applications}`);
        }
      }),
    );
    const applicationsSeconds = (performance.now() - applicationsStarted) / 1000;
    const appReceipts = await receiptsOf(chain.rpcUrl, tally.hashes);
    log(`applications: ${completed} completed in ${applicationsSeconds.toFixed(1)} s`);

    // 3. Chain data.
    const { blocks, bytes } = await blockBytes(chain.rpcUrl);
    let stateDumpBytes: number | null = null;
    if (options.chain === "anvil") {
      const dump = await rpc<{ result?: Hex }>(chain.rpcUrl, {
        jsonrpc: "2.0",
        id: 1,
        method: "anvil_dumpState",
        params: [],
      });
      if (dump.result) stateDumpBytes = (dump.result.length - 2) / 2;
    }

    // 4. The indexer from block 0 to the head.
    let indexer: ScaleJson["indexer"] = null;
    let indexerReason: string | undefined;
    if (!options.indexer) indexerReason = "skipped (--no-indexer)";
    else {
      try {
        const { startPonder } = await import("@onewindow/testkit/ponder");
        log("indexer: starting Ponder (PGlite in a temporary folder) from block 0 …");
        const started = performance.now();
        const ponder = await startPonder({ rpcUrl: chain.rpcUrl, deployment: deploymentFile, chainId: chain.chainId });
        try {
          await ponder.waitSynced(options.indexerTimeoutSeconds * 1000);
          indexer = { seconds: (performance.now() - started) / 1000, events: licenceReceipts.logs + appReceipts.logs };
          log(`indexer: caught up in ${indexer.seconds.toFixed(1)} s`);
        } finally {
          await ponder.stop();
        }
      } catch (error) {
        indexerReason = `the indexer did not catch up: ${(error as Error).message.split("\n")[0]}`;
        log(indexerReason);
      }
    }

    return {
      measuredAt: new Date().toISOString(),
      chain: `${options.chain} (automine), ${cpus().length} cores, Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ")} at the end`,
      requested: { licences: options.licences, applications: options.applications },
      licences: {
        count: issued,
        batches: batchHashes.length,
        batchSize: options.batchSize,
        gas: licenceReceipts.gas,
        seconds: licencesSeconds,
      },
      applications: {
        count: completed,
        transactions: tally.hashes.length,
        gas: appReceipts.gas,
        seconds: applicationsSeconds,
      },
      chainData: {
        blocks,
        blockBytes: bytes,
        stateDumpBytes,
        method:
          options.chain === "anvil"
            ? "sum of eth_getBlockByNumber(n).size over all blocks; anvil_dumpState bytes (gzipped state and block history)"
            : "sum of eth_getBlockByNumber(n).size over all blocks",
      },
      indexer,
      ...(indexerReason === undefined ? {} : { indexerReason }),
    };
  } finally {
    await chain.stop();
  }
}

function count(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) {
    console.error(`scale: --${name} must be an integer ≥ ${min} (got "${value}") / --${name} 须为不小于 ${min} 的整数`);
    process.exit(2);
  }
  return n;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      licences: { type: "string", default: "1000000" },
      applications: { type: "string", default: "10000" },
      "batch-size": { type: "string", default: "1024" },
      "in-flight": { type: "string", default: "16" },
      chain: { type: "string", default: "hardhat" },
      "no-indexer": { type: "boolean", default: false },
      "indexer-timeout": { type: "string", default: "3600" },
      note: { type: "string" },
    },
  });
  if (values.chain !== "anvil" && values.chain !== "hardhat") {
    console.error(
      `scale: unknown chain "${values.chain}": use anvil or hardhat / 未知链 "${values.chain}"：请用 anvil 或 hardhat`,
    );
    process.exit(2);
  }
  const result = await runScale({
    licences: count("licences", values.licences, 0),
    applications: count("applications", values.applications, 0),
    batchSize: count("batch-size", values["batch-size"], 1),
    inFlight: count("in-flight", values["in-flight"], 1),
    chain: values.chain,
    indexer: !values["no-indexer"],
    indexerTimeoutSeconds: count("indexer-timeout", values["indexer-timeout"], 1),
  });
  const directory = resultsDirectory();
  const file = writeJson(directory, "scale.json", values.note ? { ...result, note: values.note } : result);
  writeReports(directory);
  console.error(`scale: wrote ${file}`);
}
