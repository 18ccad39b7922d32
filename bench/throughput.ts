/**
 * Throughput of approval decisions: the same `decide` transactions sent through the SDK
 * (`decide`, many in flight from one key) and as raw viem sends (explicit nonces, then every
 * receipt awaited), on the same freshly deployed node. Each run decides `applications` fresh
 * single-step applications; the figure is decisions per second from the first send to the last
 * receipt. Median and spread of `runs` runs; ratio SDK ÷ raw.
 *
 *   npm run bench -- throughput [--applications 100] [--runs 5] [--chain hardhat --chain anvil]
 *
 * Writes bench/results/throughput-decisions.json (or $ONEWINDOW_BENCH_RESULTS/…).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { secp256k1 } from "@noble/curves/secp256k1";
import { bytesToHex, createWalletClient, encodeFunctionData, http, parseEther, type Hash, type Hex } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";

import { decide } from "../sdk/src/actions/applications/decide.ts";
import { submitApplication } from "../sdk/src/actions/applications/submitApplication.ts";
import { registerMatter } from "../sdk/src/actions/catalogue/registerMatter.ts";
import { registerDepartment } from "../sdk/src/actions/departments/registerDepartment.ts";
import { createOneWindowClient, type OneWindowClient } from "../sdk/src/chain/client.ts";
import { readDeployment } from "../sdk/src/chain/deployment.ts";
import { Level, Outcome } from "../sdk/src/chain/enums.ts";
import { inOrder } from "../sdk/src/chain/write.ts";
import { approvalEngineAbi } from "../sdk/src/generated/abis.ts";
import { deployOneWindow, startChain, type ChainClient } from "../scripts/lib/local-chain.ts";

const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export type Measurement = { runs: number[]; median: number; min: number; max: number };
export type ThroughputResult = {
  chain: ChainClient;
  applications: number;
  /** Decisions per second. */
  sdk: Measurement;
  raw: Measurement;
  /** median SDK ÷ median raw. */
  ratio: number;
};

function measurement(runs: number[]): Measurement {
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { runs, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

async function funded(admin: OneWindowClient, rpcUrl: string) {
  const key = generatePrivateKey();
  const address = privateKeyToAccount(key).address;
  const hash = await inOrder(admin, async (nonce) =>
    admin.wallet!.sendTransaction({ to: address, value: parseEther("100"), nonce: await nonce() }),
  );
  await admin.public.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  return {
    key,
    address,
    client: createOneWindowClient({ rpcUrl, deployment: admin.deployment, account: key, pollingInterval: 50 }),
  };
}

/** Decides `count` applications on one chain, `runs` times each way. */
export async function measureDecisions(client: ChainClient, count: number, runs: number): Promise<ThroughputResult> {
  const chain = await startChain(client, { blockTime: 0 });
  try {
    const deployment = readDeployment({ file: deployOneWindow(chain) });
    const adminKey = bytesToHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 }).getHdKey().privateKey!);
    const admin = createOneWindowClient({ rpcUrl: chain.rpcUrl, deployment, account: adminKey, pollingInterval: 50 });
    const officer = await funded(admin, chain.rpcUrl);
    const applicant = await funded(admin, chain.rpcUrl);
    const { departmentId } = await registerDepartment(admin, {
      code: "BENCH-DEPT",
      name: "基准测试部门",
      level: Level.District,
      encryptionKey: bytesToHex(secp256k1.getPublicKey(secp256k1.utils.randomPrivateKey(), true)),
      officers: [officer.address],
      threshold: 1,
    });
    const { matterId } = await registerMatter(admin, {
      code: "BENCH-MATTER",
      name: "基准测试事项",
      steps: [{ departmentId, timeLimit: 5 }],
      materials: [],
    });

    const submitMany = async (): Promise<Hex[]> =>
      (await Promise.all(Array.from({ length: count }, () => submitApplication(applicant.client, { matterId })))).map(
        (r) => r.applicationId,
      );

    const raw = createWalletClient({
      account: privateKeyToAccount(officer.key),
      chain: admin.chain,
      transport: http(chain.rpcUrl),
    });
    const engine = deployment.contracts.ApprovalEngine.address;

    const sdkRuns: number[] = [];
    const rawRuns: number[] = [];
    for (let run = 0; run < runs; run++) {
      // Alternate which goes first, so that neither always meets a fuller chain.
      for (const mode of run % 2 === 0 ? (["sdk", "raw"] as const) : (["raw", "sdk"] as const)) {
        const ids = await submitMany();
        const started = performance.now();
        if (mode === "sdk") {
          await Promise.all(
            ids.map((applicationId) => decide(officer.client, { applicationId, step: 0, outcome: Outcome.Approve })),
          );
          sdkRuns.push(count / ((performance.now() - started) / 1000));
        } else {
          let nonce = await admin.public.getTransactionCount({ address: officer.address, blockTag: "pending" });
          const hashes: Hash[] = [];
          for (const applicationId of ids) {
            hashes.push(
              await raw.sendTransaction({
                to: engine,
                data: encodeFunctionData({
                  abi: approvalEngineAbi,
                  functionName: "decide",
                  args: [applicationId, 0, Outcome.Approve, 0, `0x${"00".repeat(32)}`],
                }),
                nonce: nonce++,
              }),
            );
          }
          const receipts = await Promise.all(
            hashes.map((hash) => admin.public.waitForTransactionReceipt({ hash, pollingInterval: 50 })),
          );
          if (receipts.some((r) => r.status !== "success")) throw new Error("a raw decision reverted");
          rawRuns.push(count / ((performance.now() - started) / 1000));
        }
      }
    }
    const sdk = measurement(sdkRuns);
    const rawResult = measurement(rawRuns);
    return { chain: client, applications: count, sdk, raw: rawResult, ratio: sdk.median / rawResult.median };
  } finally {
    await chain.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      applications: { type: "string", default: "100" },
      runs: { type: "string", default: "5" },
      chain: { type: "string", multiple: true },
    },
  });
  const chains = (values.chain ?? ["hardhat", "anvil"]) as ChainClient[];
  const results: ThroughputResult[] = [];
  for (const chain of chains) {
    console.error(`throughput: ${chain}, ${values.applications} decisions × ${values.runs} runs each way …`);
    const result = await measureDecisions(chain, Number(values.applications), Number(values.runs));
    console.error(
      `throughput: ${chain}: SDK ${result.sdk.median.toFixed(1)}/s, raw viem ${result.raw.median.toFixed(1)}/s, ratio ${result.ratio.toFixed(3)}`,
    );
    results.push(result);
  }
  const directory = process.env.ONEWINDOW_BENCH_RESULTS ?? path.resolve(import.meta.dirname, "results");
  mkdirSync(directory, { recursive: true });
  const file = path.join(directory, "throughput-decisions.json");
  writeFileSync(
    file,
    JSON.stringify({ measuredAt: new Date().toISOString(), unit: "decisions per second", results }, null, 2) + "\n",
  );
  console.error(`throughput: wrote ${file}`);
  for (const r of results.filter((r) => r.ratio < 0.8)) {
    console.error(`throughput: note: on ${r.chain} the SDK reached ${r.ratio.toFixed(3)} of raw viem (goal ≥ 0.8)`);
  }
}
