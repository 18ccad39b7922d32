/**
 * Scale: many licences issued in batch roots and many VR-hall applications run to completion on
 * one local node (hardhat node by default, automine), with the Haidian district loaded as `npm run dev` does. Records
 * total gas (from the receipts), wall time, the chain's data size and the indexer's catch-up time
 * (Ponder from indexer/, started against the chain after everything is mined, until `_meta` reports
 * the head block indexed).
 *
 *   npm run bench -- scale [--licences 1000000] [--applications 10000] [--batch-size 1024]
 *                          [--in-flight 16] [--chain hardhat|anvil] [--no-indexer] [--indexer-timeout 3600]
 *                          [--backend pglite --backend postgres] [--keep-chain]
 *   npm run bench -- scale --index-only <rpc url> --deployment <file> [--backend pglite] [--write --note "<chain>"]
 *
 * The indexer's catch-up runs once per backend (default: PGlite, and PostgreSQL when installed,
 * testkit/src/postgres.ts) and is reported per tenth of the chain's blocks (seconds and events/s of
 * each tenth, last ÷ first). `--keep-chain` leaves the node running after the run (until Ctrl-C) so
 * `--index-only` can index the same chain again after an indexer change (prints; `--write` records
 * the runs in scale-indexer.json).
 * For profiling: SCALE_PONDER_LOG=<file> keeps Ponder's log (level info), SCALE_PONDER_METRICS=<file>
 * its /metrics at the end (requests per RPC method, indexing durations per event).
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
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

import { bytesToHex, getAbiItem, numberToHex, toEventSelector, type Address, type Hash, type Hex } from "viem";
import { generatePrivateKey } from "viem/accounts";

import { readDeployment } from "@onewindow/sdk/node";
import { ABIS, ApplicationStatus, buildBatch, sendContract, waitForWrite } from "@onewindow/sdk";
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
import { postgresBin, startPostgres } from "@onewindow/testkit/postgres";
import { resultsDirectory, writeJson } from "./results.ts";
import { writeReports, type ScaleIndexerRun, type ScaleJson } from "./summary.ts";

export type ScaleOptions = {
  licences: number;
  applications: number;
  batchSize: number;
  /** Applications (and licence batches) in flight at once. */
  inFlight: number;
  chain: ChainClient;
  indexer: boolean;
  indexerTimeoutSeconds: number;
  /** Databases the indexer runs on, one catch-up each. */
  backends: readonly IndexerBackend[];
  /** After everything, keep the chain running until SIGINT (to index it again with --index-only). */
  keepChain?: boolean;
  log?: (line: string) => void;
};

export type IndexerBackend = "pglite" | "postgres";

const VR_HALL = "HD-VR-HALL";
type MetaStatus = Record<string, { block: { number: number } | null; ready: boolean }> | null;

/** Blocks Ponder 1.0 leaves to its realtime phase on a chain it does not know (31337: 30; config/networks.js). */
const PONDER_FINALITY_BLOCKS = 30;
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

/** Events at the deployment's addresses per block range [from, to] (eth_getLogs in 2,000-block steps). */
async function logsBetween(
  url: string,
  addresses: readonly Address[],
  from: number,
  to: number,
  topics?: Hex[],
): Promise<number> {
  let count = 0;
  for (let start = from; start <= to; start += 2_000) {
    const end = Math.min(to, start + 1_999);
    const answer = await rpc<{ result?: unknown[]; error?: { message: string } }>(url, {
      jsonrpc: "2.0",
      id: 1,
      method: "eth_getLogs",
      params: [{ address: addresses, fromBlock: numberToHex(start), toBlock: numberToHex(end), topics }],
    });
    if (!answer.result) throw new Error(`eth_getLogs: ${answer.error?.message ?? "no result"}`);
    count += answer.result.length;
  }
  return count;
}

/**
 * CPU seconds (user + system) a process and its waited-for children used, from /proc (Linux); with
 * `descendants`, also the live children's (a PostgreSQL server's backends). Undefined elsewhere.
 * On a shared machine CPU seconds per event move much less with the load than wall seconds.
 */
function cpuSeconds(pid: number | undefined, descendants = false): number | undefined {
  if (pid === undefined) return undefined;
  const stat = (p: number | string) => {
    try {
      return readFileSync(`/proc/${p}/stat`, "utf8")
        .replace(/^.*\) /, "")
        .split(" ");
    } catch {
      return undefined;
    }
  };
  const own = stat(pid);
  if (!own) return undefined;
  // Fields after "(comm) ": state ppid … utime(11) stime(12) cutime(13) cstime(14).
  const ticks = (f: string[]) => Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  let total = ticks(own);
  if (descendants) {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const f = stat(entry);
      if (f && Number(f[1]) === pid) total += ticks(f);
    }
  }
  return total / 100; // USER_HZ
}

/** The process listening on a loopback port (a PostgreSQL server), from `ss`. */
function listenerPid(port: number): number | undefined {
  const out = spawnSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" }).stdout ?? "";
  const match = /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : undefined;
}

/**
 * Ponder (indexer/) from block 0 to the chain's head on a fresh database: total seconds, seconds
 * before its first GraphQL answer, and the chain in ten equal block ranges with the time each took
 * (from `_meta { status }`, polled every 250 ms) and its events per second.
 */
export async function indexChain(parameters: {
  rpcUrl: string;
  deploymentFile: string;
  chainId: number;
  backend: IndexerBackend;
  timeoutSeconds: number;
  log: (line: string) => void;
}): Promise<ScaleIndexerRun> {
  const { rpcUrl, deploymentFile, chainId, backend, log } = parameters;
  const deployment = readDeployment({ file: deploymentFile });
  const addresses = Object.values(deployment.contracts).map((c) => c.address as Address);
  const first = Math.min(...Object.values(deployment.contracts).map((c) => c.startBlock));
  const head = Number(
    BigInt(
      (await rpc<{ result: Hex }>(rpcUrl, { jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] })).result,
    ),
  );
  // Ponder indexes the last PONDER_FINALITY_BLOCKS blocks block by block in its realtime phase,
  // after the historical catch-up: the tenths divide the historical part, the tail is reported apart.
  const historicalEnd = Math.max(first, head - PONDER_FINALITY_BLOCKS);
  const size = Math.ceil((historicalEnd - first + 1) / 10);
  const ranges = Array.from({ length: 10 }, (_, i) => [
    first + i * size,
    Math.min(historicalEnd, first + (i + 1) * size - 1),
  ]).filter(([from, to]) => from! <= to!) as [number, number][];
  if (historicalEnd < head) ranges.push([historicalEnd + 1, head]);
  const tenthCount = historicalEnd < head ? ranges.length - 1 : ranges.length;
  const events: number[] = [];
  for (const [from, to] of ranges) events.push(await logsBetween(rpcUrl, addresses, from, to));
  const total = events.reduce((a, b) => a + b, 0);
  // The chain's own count of applications, so that per-application figures never assume a size.
  const applications = await logsBetween(
    rpcUrl,
    [deployment.contracts.ApprovalEngine.address as Address],
    first,
    head,
    [toEventSelector(getAbiItem({ abi: ABIS.ApprovalEngine, name: "ApplicationSubmitted" }))],
  );

  const { startPonder } = await import("@onewindow/testkit/ponder");
  const postgres = backend === "postgres" ? await startPostgres() : undefined;
  try {
    log(`indexer: starting Ponder (${backend}) from block ${first} to ${head} (${total} events) …`);
    const started = performance.now();
    const ponder = await startPonder({
      rpcUrl,
      deployment: deploymentFile,
      chainId,
      ...(postgres ? { databaseUrl: postgres.url } : {}),
      ...(process.env.SCALE_PONDER_LOG ? { logFile: process.env.SCALE_PONDER_LOG, logLevel: "info" as const } : {}),
    });
    try {
      let startupSeconds: number | undefined;
      const reached: number[] = [];
      const postgresPid = postgres ? listenerPid(Number(new URL(postgres.url).port)) : undefined;
      const cpu = () => {
        const a = cpuSeconds(ponder.pid);
        const b = postgres ? cpuSeconds(postgresPid, true) : 0;
        return a === undefined || b === undefined ? undefined : a + b;
      };
      let startupCpu: number | undefined;
      const reachedCpu: (number | undefined)[] = [];
      const deadline = Date.now() + parameters.timeoutSeconds * 1000;
      for (;;) {
        if (Date.now() > deadline) throw new Error(`not caught up within ${parameters.timeoutSeconds} s`);
        if (ponder.exitCode() !== null)
          throw new Error(`Ponder exited with ${ponder.exitCode()}\n${ponder.output().slice(-3000)}`);
        let status: MetaStatus = null;
        try {
          // Bounded: a GraphQL request accepted while PGlite is busy can wait for minutes.
          status = (
            await Promise.race([
              ponder.graphql<{ _meta: { status: MetaStatus } }>("{ _meta { status } }"),
              new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 5_000)),
            ])
          )._meta.status;
          if (startupSeconds === undefined) {
            startupSeconds = (performance.now() - started) / 1000;
            startupCpu = cpu();
          }
        } catch {
          // not answering yet
        }
        const networks = Object.values(status ?? {});
        const at =
          networks.length > 0 && networks.every((n) => n.block)
            ? Math.min(...networks.map((n) => n.block!.number))
            : -1;
        const now = (performance.now() - started) / 1000;
        while (reached.length < ranges.length && at >= ranges[reached.length]![1]) {
          reached.push(now);
          reachedCpu.push(cpu());
          log(`indexer: part ${reached.length} indexed at ${now.toFixed(1)} s (load ${loadavg()[0]!.toFixed(1)})`);
        }
        if (reached.length === ranges.length && networks.every((n) => n.ready)) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const seconds = (performance.now() - started) / 1000;
      const parts = ranges.map(([fromBlock, toBlock], i) => {
        const took = reached[i]! - (i === 0 ? (startupSeconds ?? 0) : reached[i - 1]!);
        const before = i === 0 ? startupCpu : reachedCpu[i - 1];
        const after = reachedCpu[i];
        const cpuTook = before === undefined || after === undefined ? undefined : after - before;
        return {
          fromBlock,
          toBlock,
          events: events[i]!,
          seconds: took,
          eventsPerSecond: events[i]! / Math.max(took, 0.25),
          ...(cpuTook === undefined
            ? {}
            : { cpuSeconds: cpuTook, eventsPerCpuSecond: events[i]! / Math.max(cpuTook, 0.01) }),
        };
      });
      const tenths = parts.slice(0, tenthCount);
      const tail = parts[tenthCount];
      const lastToFirst = tenths.at(-1)!.eventsPerSecond / tenths[0]!.eventsPerSecond;
      const loadAverage = loadavg()
        .map((l) => l.toFixed(1))
        .join(" / ");
      log(
        `indexer (${backend}): caught up in ${seconds.toFixed(1)} s, ${(total / seconds).toFixed(1)} events/s; ` +
          `last tenth ÷ first ${lastToFirst.toFixed(2)}; load ${loadAverage}`,
      );
      if (process.env.SCALE_PONDER_METRICS) {
        // Ponder's Prometheus metrics (RPC requests and durations, indexing function durations…) for profiling.
        writeFileSync(process.env.SCALE_PONDER_METRICS, await (await fetch(`${ponder.url}/metrics`)).text());
      }
      const indexingCpu =
        reachedCpu.at(-1) !== undefined && startupCpu !== undefined ? reachedCpu.at(-1)! - startupCpu : undefined;
      return {
        seconds,
        events: total,
        applications,
        backend,
        startupSeconds: startupSeconds ?? 0,
        ...(indexingCpu === undefined ? {} : { cpuSeconds: indexingCpu, eventsPerCpuSecond: total / indexingCpu }),
        tenths,
        ...(tail ? { realtimeTail: tail } : {}),
        lastToFirst,
        loadAverage,
      };
    } finally {
      await ponder.stop();
    }
  } finally {
    await postgres?.stop();
  }
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

    // 4. The indexer from block 0 to the head, on PGlite and (when installed) on PostgreSQL.
    let indexer: ScaleJson["indexer"] = null;
    let indexerPostgres: ScaleJson["indexerPostgres"];
    let indexerReason: string | undefined;
    if (!options.indexer) indexerReason = "skipped (--no-indexer)";
    else {
      for (const backend of options.backends) {
        try {
          const run = await indexChain({
            rpcUrl: chain.rpcUrl,
            deploymentFile,
            chainId: chain.chainId,
            backend,
            timeoutSeconds: options.indexerTimeoutSeconds,
            log,
          });
          if (backend === "pglite") indexer = run;
          else indexerPostgres = run;
        } catch (error) {
          indexerReason = `the indexer (${backend}) did not catch up: ${(error as Error).message.split("\n")[0]}`;
          log(indexerReason);
          if (backend === "postgres") indexerPostgres = null;
        }
      }
    }
    if (options.keepChain) {
      log(`chain kept running on ${chain.rpcUrl} (deployment ${deploymentFile}); Ctrl-C stops it`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
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
      ...(indexerPostgres === undefined ? {} : { indexerPostgres }),
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
      backend: { type: "string", multiple: true },
      "keep-chain": { type: "boolean", default: false },
      "index-only": { type: "string" },
      write: { type: "boolean", default: false },
      deployment: { type: "string" },
      "chain-id": { type: "string", default: "31337" },
      note: { type: "string" },
    },
  });
  if (values.chain !== "anvil" && values.chain !== "hardhat") {
    console.error(
      `scale: unknown chain "${values.chain}": use anvil or hardhat / 未知链 "${values.chain}"：请用 anvil 或 hardhat`,
    );
    process.exit(2);
  }
  const backends = (values.backend ?? (postgresBin() ? ["pglite", "postgres"] : ["pglite"])) as IndexerBackend[];
  for (const backend of backends) {
    if (backend !== "pglite" && backend !== "postgres") {
      console.error(
        `scale: unknown backend "${backend}": use pglite or postgres / 未知数据库 "${backend}"：请用 pglite 或 postgres`,
      );
      process.exit(2);
    }
  }
  const indexerTimeoutSeconds = count("indexer-timeout", values["indexer-timeout"], 1);
  if (values["index-only"] !== undefined) {
    // Index a chain kept running by an earlier `--keep-chain` run; prints the figures and, with
    // --write, records them in scale-indexer.json (the chain described by --note).
    if (!values.deployment) {
      console.error("scale: --index-only <rpc url> needs --deployment <file> / --index-only 需要 --deployment <文件>");
      process.exit(2);
    }
    const runs: ScaleIndexerRun[] = [];
    for (const backend of backends) {
      const run = await indexChain({
        rpcUrl: values["index-only"],
        deploymentFile: values.deployment,
        chainId: count("chain-id", values["chain-id"], 1),
        backend,
        timeoutSeconds: indexerTimeoutSeconds,
        log: (line) => console.error(`scale: ${line}`),
      });
      console.log(JSON.stringify(run));
      runs.push(run);
    }
    if (values.write) {
      const file = writeJson(resultsDirectory(), "scale-indexer.json", {
        measuredAt: new Date().toISOString(),
        machine: `${cpus().length} cores, Node ${process.version}`,
        chain: values.note ?? values["index-only"],
        runs,
      });
      writeReports(resultsDirectory());
      console.error(`scale: wrote ${file} (and capacity.md, SUMMARY.md)`);
    }
    process.exit(0);
  }
  const result = await runScale({
    licences: count("licences", values.licences, 0),
    applications: count("applications", values.applications, 0),
    batchSize: count("batch-size", values["batch-size"], 1),
    inFlight: count("in-flight", values["in-flight"], 1),
    chain: values.chain,
    indexer: !values["no-indexer"],
    indexerTimeoutSeconds,
    backends,
    keepChain: values["keep-chain"],
  });
  const directory = resultsDirectory();
  const file = writeJson(directory, "scale.json", values.note ? { ...result, note: values.note } : result);
  writeReports(directory);
  console.error(`scale: wrote ${file}`);
}
