/**
 * The indexer under load: `--events N` (default 100,000) LicenceVerified events generated on a
 * fresh hardhat node (automine off, batches of transactions from one unlocked key, one block per
 * batch), then:
 *
 *   catch-up   Ponder (`ponder start`, embedded PGlite in a temporary folder) started on the full
 *              chain (64 empty blocks after the events, so they are all past Ponder's finality): seconds from start until `_meta { status }` says the last block is indexed,
 *              and events per second (startup before the first GraphQL answer reported apart)
 *   queries    p50 / p95 of the four ready queries of docs/audit.md through the SDK audit client
 *   lag        automine back on: one transaction at a time, milliseconds from send until its
 *              verification is queryable (p50 / p95)
 *
 *   npm run bench -- indexer [--events 100000] [--queries 30] [--lag 20]
 *   node --import tsx bench/indexer.ts --events 2000 --queries 5 --lag 5   (a tiny run)
 *
 * Writes bench/results/indexer.json (or $ONEWINDOW_BENCH_RESULTS/indexer.json).
 */
import { parseArgs } from "node:util";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, encodeFunctionData, keccak256, numberToHex, toHex, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";

import { startPonder } from "@onewindow/testkit/ponder";
import {
  ABIS,
  createAuditClient,
  createOneWindowClient,
  decide,
  getApplicationTrail,
  getLicenceVerifications,
  getMatterSavings,
  getOverdueSteps,
  Level,
  Outcome,
  registerDepartment,
  registerMatter,
  submitApplication,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { deployOneWindow, startChain } from "@onewindow/testkit/local-chain";
import { percentile, resultsDirectory, writeJson } from "./results.ts";

const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const BATCH = 400; // transactions per block: 400 × 70,000 gas limit fits hardhat's 30M block gas limit
const GAS = 70_000n;

const { values } = parseArgs({
  options: {
    events: { type: "string", default: "100000" },
    queries: { type: "string", default: "30" },
    lag: { type: "string", default: "20" },
  },
  allowPositionals: false,
});
const count = (name: string, text: string, min: number) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) {
    throw new Error(`--${name} must be a whole number ≥ ${min}, got "${text}" / --${name} 必须是不小于 ${min} 的整数`);
  }
  return n;
};
const EVENTS = count("events", values.events!, 1);
const QUERIES = count("queries", values.queries!, 1);
const LAG = count("lag", values.lag!, 1);

const stats = (samples: number[]) => ({
  samples: samples.length,
  p50: Math.round(percentile(samples, 50) * 10) / 10,
  p95: Math.round(percentile(samples, 95) * 10) / 10,
});

async function rpc<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as T;
}
const call = async <T>(url: string, method: string, params: unknown[] = []): Promise<T> => {
  const answer = await rpc<{ result?: T; error?: { message: string } }>(url, { jsonrpc: "2.0", id: 1, method, params });
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result as T;
};

const log = (line: string) => console.error(`bench indexer: ${line}`);
const started = Date.now();
const chain = await startChain("hardhat");
try {
  log(`deploying to ${chain.rpcUrl} …`);
  const deploymentFile = deployOneWindow(chain);
  const deployment = readDeployment({ file: deploymentFile });
  const key = (index: number) =>
    bytesToHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index }).getHdKey().privateKey!);
  const admin = createOneWindowClient({ rpcUrl: chain.rpcUrl, deployment, account: key(0), pollingInterval: 50 });
  // Hardhat node's dev accounts 1 and 2 are unlocked: the officer sends without client-side signing.
  const officer = createOneWindowClient({ rpcUrl: chain.rpcUrl, deployment, account: key(1), pollingInterval: 50 });
  const applicant = createOneWindowClient({ rpcUrl: chain.rpcUrl, deployment, account: key(2), pollingInterval: 50 });
  const officerAddress: Address = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 1 }).address;
  const { departmentId } = await registerDepartment(admin, {
    code: "BENCH-AUDIT",
    name: "索引基准部门 Indexer benchmark",
    level: Level.District,
    encryptionKey: bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true)),
    officers: [officerAddress],
    threshold: 1,
  });
  const { matterId } = await registerMatter(admin, {
    code: "BENCH-AUDIT-MATTER",
    name: "索引基准事项",
    steps: [{ departmentId, timeLimit: 5 }],
    materials: [],
  });
  const { applicationId } = await submitApplication(applicant, { matterId });
  await decide(officer, { applicationId, step: 0, outcome: Outcome.Approve });

  // Licence ids spread over 1,000 licences: "every verification of one licence" returns ~N/1000 rows.
  const licenceOf = (i: number) => keccak256(toHex(`bench-licence-${i % 1000}`));
  const registry = deployment.contracts.LicenceRegistry.address;
  const dataOf = (i: number, purpose: Hex) =>
    encodeFunctionData({
      abi: ABIS.LicenceRegistry,
      functionName: "recordVerification",
      args: [licenceOf(i), purpose, 3n, 7],
    });

  log(`generating ${EVENTS} events …`);
  await call(chain.rpcUrl, "evm_setAutomine", [false]);
  let nonce = Number(await call<Hex>(chain.rpcUrl, "eth_getTransactionCount", [officerAddress, "latest"]));
  const generationStart = Date.now();
  const purpose = keccak256(toHex("bench-purpose"));
  for (let sent = 0; sent < EVENTS;) {
    const size = Math.min(BATCH, EVENTS - sent);
    const requests = Array.from({ length: size }, (_, k) => ({
      jsonrpc: "2.0",
      id: k,
      method: "eth_sendTransaction",
      params: [
        {
          from: officerAddress,
          to: registry,
          data: dataOf(sent + k, purpose),
          gas: numberToHex(GAS),
          nonce: numberToHex(nonce + k),
        },
      ],
    }));
    const answers = await rpc<{ error?: { message: string } }[]>(chain.rpcUrl, requests);
    const failed = answers.find((a) => a.error);
    if (failed) throw new Error(`eth_sendTransaction: ${failed.error!.message}`);
    await call(chain.rpcUrl, "evm_mine");
    nonce += size;
    sent += size;
    if (sent % 10_000 < BATCH) log(`${sent} / ${EVENTS}`);
  }
  // Ponder treats the last 30 blocks of an unknown chain as unfinalized and indexes them one block at
  // a time (its realtime path); 64 empty blocks put every generated event behind finality, as on a
  // chain that has moved on when an auditor starts an indexer.
  // (one evm_mine each: hardhat_mine's reserved blocks change hash when a later block is mined,
  // which Ponder rightly reports as a reorg beyond finality).
  for (let i = 0; i < 64; i++) await call(chain.rpcUrl, "evm_mine");
  await call(chain.rpcUrl, "evm_setAutomine", [true]);
  const pending = await call<{ transactions: unknown[] }>(chain.rpcUrl, "eth_getBlockByNumber", ["pending", false]);
  if (pending.transactions.length > 0) throw new Error(`${pending.transactions.length} transactions were not mined`);
  const generationSeconds = (Date.now() - generationStart) / 1000;
  const lastBlock = Number(await call<Hex>(chain.rpcUrl, "eth_blockNumber"));

  log("catch-up: starting Ponder on the full chain …");
  const catchUpStart = Date.now();
  const ponder = await startPonder({
    rpcUrl: chain.rpcUrl,
    deployment: deploymentFile,
    chainId: chain.chainId,
    ...(process.env.BENCH_PONDER_LOG ? { logFile: process.env.BENCH_PONDER_LOG, logLevel: "debug" as const } : {}),
  });
  try {
    let firstAnswer = 0;
    while (firstAnswer === 0) {
      try {
        await ponder.graphql("{ _meta { status } }");
        firstAnswer = Date.now();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    await ponder.waitSynced(3_600_000);
    const synced = Date.now();
    const indexed = await ponder.graphql<{ verifications: { totalCount: number } }>(
      "{ verifications(limit: 1) { totalCount } }",
    );
    if (indexed.verifications.totalCount !== EVENTS) {
      throw new Error(`indexed ${indexed.verifications.totalCount} verifications, expected ${EVENTS}`);
    }
    const catchUpSeconds = (synced - catchUpStart) / 1000;
    const indexingSeconds = (synced - firstAnswer) / 1000;
    log(`caught up in ${catchUpSeconds.toFixed(1)} s (${indexingSeconds.toFixed(1)} s after the API answered)`);

    log(`queries: ${QUERIES} runs of each ready query …`);
    const audit = createAuditClient({ url: `${ponder.url}/graphql`, pageSize: 1000 });
    const now = BigInt(Math.floor(Date.now() / 1000));
    const ready: Record<string, () => Promise<unknown>> = {
      applicationTrail: () => getApplicationTrail(audit, { applicationId }),
      licenceVerifications: () => getLicenceVerifications(audit, { licenceId: licenceOf(0) }),
      overdueByDepartment: () => getOverdueSteps(audit, { from: now - 31n * 86_400n, to: now + 86_400n }),
      matterSavings: () => getMatterSavings(audit),
    };
    const queries: Record<string, ReturnType<typeof stats>> = {};
    for (const [name, run] of Object.entries(ready)) {
      const samples: number[] = [];
      for (let i = 0; i < QUERIES; i++) {
        const t = performance.now();
        await run();
        samples.push(performance.now() - t);
      }
      queries[name] = stats(samples);
    }

    log(`lag: ${LAG} transactions one at a time …`);
    const lags: number[] = [];
    for (let i = 0; i < LAG; i++) {
      const licence = keccak256(toHex(`bench-lag-${i}-${Date.now()}`));
      const t = performance.now();
      await call(chain.rpcUrl, "eth_sendTransaction", [
        {
          from: officerAddress,
          to: registry,
          data: encodeFunctionData({
            abi: ABIS.LicenceRegistry,
            functionName: "recordVerification",
            args: [licence, purpose, 3n, 7],
          }),
          gas: numberToHex(GAS),
        },
      ]);
      for (;;) {
        const found = await getLicenceVerifications(audit, { licenceId: licence });
        if (found.length > 0) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      lags.push(performance.now() - t);
    }

    const result = {
      chain: "hardhat",
      backend: "pglite",
      pollingIntervalMs: Number(process.env.ONEWINDOW_POLLING_MS ?? "300"),
      events: EVENTS,
      blocks: lastBlock,
      generation: { seconds: generationSeconds, eventsPerSecond: Math.round(EVENTS / generationSeconds) },
      catchUp: {
        seconds: catchUpSeconds,
        startupSeconds: (firstAnswer - catchUpStart) / 1000,
        indexingSeconds,
        eventsPerSecond: Math.round(EVENTS / indexingSeconds),
      },
      queriesMs: queries,
      lagMs: stats(lags),
      totalSeconds: (Date.now() - started) / 1000,
    };
    const file = writeJson(resultsDirectory(), "indexer.json", result);
    console.log(JSON.stringify(result, null, 2));
    log(`wrote ${file}`);
  } finally {
    await ponder.stop();
  }
} finally {
  await chain.stop();
}
