/**
 * Throughput of the four everyday writes, each sent two ways on the same freshly deployed node:
 * through the SDK (its actions, many in flight from one key, every input checked, every receipt
 * decoded) and as raw viem sends (explicit nonces, then every receipt awaited). Same workload both
 * ways, the order alternating from run to run so that neither always meets a fuller chain.
 *
 *   issueSingle     licences issued one per transaction (`issueLicence` vs raw `issue`)
 *   issueBatched    licences issued as batch roots of `batchSize` (`issueLicences` vs raw
 *                   `buildBatch` + `issueBatch`; the Merkle trees are built inside the timed part both ways)
 *   decisions       approvals of single-step applications (`decide` vs raw `decide`)
 *   applications    applications completed: submission and the one decision that completes it
 *                   (`submitApplication` then `decide` vs raw `submit`, receipts, raw `decide`)
 *
 * Each figure is operations per second from the first send to the last receipt. Median, min and
 * max of `runs` runs; ratio = median SDK ÷ median raw. The JSON-RPC requests each way sends in the
 * timed part are counted by method (`rpc`: requests per operation, over all runs), so that what the
 * SDK asks beyond raw viem is visible.
 *
 *   npm run bench -- throughput [--count 100] [--batches 2] [--batch-size 512] [--runs 7]
 *                               [--chain hardhat --chain anvil] [--workload decisions ...]
 *
 * Writes bench/results/throughput.json (or $ONEWINDOW_BENCH_RESULTS/…) and updates SUMMARY.md.
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

import { secp256k1 } from "@noble/curves/secp256k1";
import {
  bytesToHex,
  createWalletClient,
  decodeEventLog,
  encodeFunctionData,
  http,
  parseEther,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";

import {
  ABIS,
  buildBatch,
  buildLicence,
  conditionsCommitment,
  createOneWindowClient,
  decide,
  inOrder,
  issueLicence,
  issueLicences,
  Level,
  type LicenceFile,
  type OneWindowClient,
  Outcome,
  registerDepartment,
  registerLicenceType,
  registerMatter,
  submitApplication,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { deployOneWindow, startChain, type ChainClient } from "@onewindow/testkit/local-chain";
import { measurement, resultsDirectory, writeJson, type Measurement } from "./results.ts";
import { writeReports } from "./summary.ts";

const DEV_MNEMONIC = "test test test test test test test test test test test junk";
const ZERO32 = `0x${"00".repeat(32)}` as Hex;

export const WORKLOADS = ["issueSingle", "issueBatched", "decisions", "applications"] as const;
export type Workload = (typeof WORKLOADS)[number];

export type ThroughputResult = {
  chain: ChainClient;
  workload: Workload;
  /** What one operation is (the unit of the figures, per second). */
  unit: string;
  /** Operations per run. */
  count: number;
  sdk: Measurement;
  raw: Measurement;
  /** median SDK ÷ median raw. */
  ratio: number;
  /** JSON-RPC requests per operation in the timed part, by method, each way (over all runs). */
  rpc: Record<"sdk" | "raw", RpcCounts>;
};

/** JSON-RPC requests by method (and `total`). */
export type RpcCounts = Record<string, number>;

/**
 * Counts the JSON-RPC requests this process sends over HTTP (viem's http transport goes through
 * `fetch`), by method, while `counting` is set.
 */
const rpcCounter = (() => {
  let counts: RpcCounts | undefined;
  const original = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (counts && typeof init?.body === "string") {
      try {
        const body = JSON.parse(init.body) as { method?: string } | { method?: string }[];
        for (const request of Array.isArray(body) ? body : [body]) {
          const method = request.method ?? "?";
          counts[method] = (counts[method] ?? 0) + 1;
          counts.total = (counts.total ?? 0) + 1;
        }
      } catch {
        // not JSON-RPC
      }
    }
    return original(input, init);
  };
  return {
    start: (into: RpcCounts) => (counts = into),
    stop: () => (counts = undefined),
  };
})();

/** `counts` divided by `operations`, to two decimals. */
function perOperation(counts: RpcCounts, operations: number): RpcCounts {
  return Object.fromEntries(
    Object.entries(counts)
      .sort(([a], [b]) => (a === "total" ? 1 : b === "total" ? -1 : a.localeCompare(b)))
      .map(([method, n]) => [method, Math.round((n / operations) * 100) / 100]),
  );
}

export type ThroughputOptions = {
  /** Single issues, decisions and applications per run. */
  count: number;
  /** Batches per run of the batched issue. */
  batches: number;
  batchSize: number;
  runs: number;
  workloads: readonly Workload[];
};

const FIELD_NAMES = ["holder", "name", "code"] as const;

async function funded(admin: OneWindowClient, rpcUrl: string) {
  const key = generatePrivateKey();
  const address = privateKeyToAccount(key).address;
  const hash = await inOrder(admin, async (nonce) =>
    admin.wallet!.sendTransaction({ to: address, value: parseEther("1000"), nonce: await nonce() }),
  );
  await admin.public.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  return {
    key,
    address,
    client: createOneWindowClient({ rpcUrl, deployment: admin.deployment, account: key, pollingInterval: 50 }),
  };
}

/** Runs every workload on one chain, `runs` times each way. */
export async function measureThroughput(client: ChainClient, options: ThroughputOptions): Promise<ThroughputResult[]> {
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
    const { typeId } = await registerLicenceType(admin, {
      code: "BENCH_LICENCE",
      name: "基准测试证照 Benchmark licence",
      level: Level.District,
      defaultValidity: 0,
      fieldNames: [...FIELD_NAMES],
      issuers: [departmentId],
    });
    const { matterId } = await registerMatter(admin, {
      code: "BENCH-MATTER",
      name: "基准测试事项",
      steps: [{ departmentId, timeLimit: 5 }],
      materials: [],
    });

    const raw = createWalletClient({
      account: privateKeyToAccount(officer.key),
      chain: admin.chain,
      transport: http(chain.rpcUrl),
    });
    const rawApplicant = createWalletClient({
      account: privateKeyToAccount(applicant.key),
      chain: admin.chain,
      transport: http(chain.rpcUrl),
    });
    const engine = deployment.contracts.ApprovalEngine.address;
    const registry = deployment.contracts.LicenceRegistry.address;
    let serial = 0;
    const licences = (n: number): LicenceFile[] =>
      Array.from(
        { length: n },
        () =>
          buildLicence({
            typeId,
            typeVersion: 1,
            fieldNames: FIELD_NAMES,
            fields: { name: `基准测试 ${++serial}`, code: `BENCH-${serial}` },
            holder: applicant.address,
            issuerDepartment: departmentId,
            chainId: chain.chainId,
            registry,
          }).file,
      );
    const waitAll = async (hashes: Hash[]) => {
      const receipts = await Promise.all(
        hashes.map((hash) => admin.public.waitForTransactionReceipt({ hash, pollingInterval: 50 })),
      );
      if (receipts.some((r) => r.status !== "success")) throw new Error("a raw transaction reverted");
      return receipts;
    };
    const nonceOf = (address: Address) => admin.public.getTransactionCount({ address, blockTag: "pending" });
    const submitMany = async (): Promise<Hex[]> =>
      (
        await Promise.all(
          Array.from({ length: options.count }, () => submitApplication(applicant.client, { matterId })),
        )
      ).map((r) => r.applicationId);
    const rawDecide = (applicationId: Hex, nonce: number) =>
      raw.sendTransaction({
        to: engine,
        data: encodeFunctionData({
          abi: ABIS.ApprovalEngine,
          functionName: "decide",
          args: [applicationId, 0, Outcome.Approve, 0, ZERO32],
        }),
        nonce,
      });

    /** Prepares a run's input (outside the timing) and returns the timed part, which returns operations done. */
    type Prepared = () => Promise<number>;
    const prepare: Record<Workload, Record<"sdk" | "raw", () => Promise<Prepared>>> = {
      issueSingle: {
        sdk: async () => {
          const files = licences(options.count);
          return async () => (await Promise.all(files.map((file) => issueLicence(officer.client, { file })))).length;
        },
        raw: async () => {
          const files = licences(options.count);
          return async () => {
            let nonce = await nonceOf(officer.address);
            const hashes: Hash[] = [];
            for (const f of files) {
              hashes.push(
                await raw.sendTransaction({
                  to: registry,
                  data: encodeFunctionData({
                    abi: ABIS.LicenceRegistry,
                    functionName: "issue",
                    args: [f.licenceId, f.typeId, f.typeVersion, f.expiresAt],
                  }),
                  nonce: nonce++,
                }),
              );
            }
            return (await waitAll(hashes)).length;
          };
        },
      },
      issueBatched: {
        sdk: async () => {
          const files = licences(options.batches * options.batchSize);
          return async () =>
            (await issueLicences(officer.client, { files, batchSize: options.batchSize, maxInFlight: options.batches }))
              .files.length;
        },
        raw: async () => {
          const files = licences(options.batches * options.batchSize);
          return async () => {
            let nonce = await nonceOf(officer.address);
            const hashes: Hash[] = [];
            for (let b = 0; b < options.batches; b++) {
              const members = files.slice(b * options.batchSize, (b + 1) * options.batchSize);
              const batch = buildBatch(members.map((f) => f.licenceId));
              for (const m of members) batch.proofOf(m.licenceId);
              hashes.push(
                await raw.sendTransaction({
                  to: registry,
                  data: encodeFunctionData({
                    abi: ABIS.LicenceRegistry,
                    functionName: "issueBatch",
                    args: [batch.root, typeId, 1, 0, members.length],
                  }),
                  nonce: nonce++,
                }),
              );
            }
            await waitAll(hashes);
            return files.length;
          };
        },
      },
      decisions: {
        sdk: async () => {
          const ids = await submitMany();
          return async () =>
            (
              await Promise.all(
                ids.map((applicationId) =>
                  decide(officer.client, { applicationId, step: 0, outcome: Outcome.Approve }),
                ),
              )
            ).length;
        },
        raw: async () => {
          const ids = await submitMany();
          return async () => {
            let nonce = await nonceOf(officer.address);
            const hashes: Hash[] = [];
            for (const id of ids) hashes.push(await rawDecide(id, nonce++));
            return (await waitAll(hashes)).length;
          };
        },
      },
      applications: {
        sdk: async () => async () =>
          (
            await Promise.all(
              Array.from({ length: options.count }, async () => {
                const { applicationId } = await submitApplication(applicant.client, { matterId });
                return decide(officer.client, { applicationId, step: 0, outcome: Outcome.Approve });
              }),
            )
          ).length,
        raw: async () => async () => {
          let nonce = await nonceOf(applicant.address);
          const submissions: Hash[] = [];
          for (let i = 0; i < options.count; i++) {
            submissions.push(
              await rawApplicant.sendTransaction({
                to: engine,
                data: encodeFunctionData({
                  abi: ABIS.ApprovalEngine,
                  functionName: "submit",
                  args: [
                    {
                      matterId,
                      conditionsCommitment: conditionsCommitment(0).commitment,
                      licenceMaterials: [],
                      licences: [],
                      uploads: [],
                    },
                  ],
                }),
                nonce: nonce++,
              }),
            );
          }
          const ids = (await waitAll(submissions)).map((receipt) => {
            for (const log of receipt.logs) {
              try {
                const event = decodeEventLog({ abi: ABIS.ApprovalEngine, data: log.data, topics: log.topics });
                if (event.eventName === "ApplicationSubmitted") return event.args.applicationId;
              } catch {
                // another contract's event
              }
            }
            throw new Error("a raw submission emitted no ApplicationSubmitted");
          });
          let decisionNonce = await nonceOf(officer.address);
          const decisions: Hash[] = [];
          for (const id of ids) decisions.push(await rawDecide(id, decisionNonce++));
          return (await waitAll(decisions)).length;
        },
      },
    };

    const results: ThroughputResult[] = [];
    for (const workload of options.workloads) {
      const runs = { sdk: [] as number[], raw: [] as number[] };
      const counts = { sdk: {} as RpcCounts, raw: {} as RpcCounts };
      const operations = { sdk: 0, raw: 0 };
      for (let run = 0; run < options.runs; run++) {
        for (const mode of run % 2 === 0 ? (["sdk", "raw"] as const) : (["raw", "sdk"] as const)) {
          const timed = await prepare[workload][mode]();
          rpcCounter.start(counts[mode]);
          const started = performance.now();
          const done = await timed();
          const seconds = (performance.now() - started) / 1000;
          rpcCounter.stop();
          runs[mode].push(done / seconds);
          // Per transaction for the batched issue (one per batch), else per operation.
          operations[mode] += workload === "issueBatched" ? options.batches : done;
        }
      }
      const sdk = measurement(runs.sdk);
      const rawResult = measurement(runs.raw);
      const result: ThroughputResult = {
        chain: client,
        workload,
        unit: UNITS[workload],
        count: workload === "issueBatched" ? options.batches * options.batchSize : options.count,
        sdk,
        raw: rawResult,
        ratio: sdk.median / rawResult.median,
        rpc: { sdk: perOperation(counts.sdk, operations.sdk), raw: perOperation(counts.raw, operations.raw) },
      };
      console.error(
        `throughput: ${client} ${workload}: SDK ${sdk.median.toFixed(1)}/s, raw viem ${rawResult.median.toFixed(1)}/s, ratio ${result.ratio.toFixed(3)}; JSON-RPC requests per ${workload === "issueBatched" ? "batch" : "operation"}: SDK ${result.rpc.sdk.total}, raw ${result.rpc.raw.total}`,
      );
      results.push(result);
    }
    return results;
  } finally {
    await chain.stop();
  }
}

export const UNITS: Record<Workload, string> = {
  issueSingle: "licences issued per second, one per transaction",
  issueBatched: "licences issued per second, in batch roots",
  decisions: "decisions per second",
  applications: "applications completed per second (submit + completing decision)",
};

function positiveInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error(`throughput: --${name} must be a positive integer (got "${value}") / --${name} 须为正整数`);
    process.exit(2);
  }
  return n;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "100" },
      // The earlier name of --count, kept for scripts that used it.
      applications: { type: "string" },
      batches: { type: "string", default: "2" },
      "batch-size": { type: "string", default: "512" },
      runs: { type: "string", default: "7" },
      chain: { type: "string", multiple: true },
      workload: { type: "string", multiple: true },
    },
  });
  const chains = values.chain ?? ["hardhat", "anvil"];
  for (const c of chains) {
    if (c !== "hardhat" && c !== "anvil") {
      console.error(`throughput: unknown chain "${c}": use hardhat or anvil / 未知链 "${c}"：请用 hardhat 或 anvil`);
      process.exit(2);
    }
  }
  const workloads = values.workload ?? [...WORKLOADS];
  for (const w of workloads) {
    if (!(WORKLOADS as readonly string[]).includes(w)) {
      console.error(`throughput: unknown workload "${w}": use ${WORKLOADS.join(", ")} / 未知负载 "${w}"`);
      process.exit(2);
    }
  }
  const options: ThroughputOptions = {
    count: positiveInteger("count", values.applications ?? values.count),
    batches: positiveInteger("batches", values.batches),
    batchSize: positiveInteger("batch-size", values["batch-size"]),
    runs: positiveInteger("runs", values.runs),
    workloads: workloads as Workload[],
  };
  const started = performance.now();
  const results: ThroughputResult[] = [];
  for (const chain of chains as ChainClient[]) {
    console.error(`throughput: ${chain}: ${options.workloads.join(", ")}, ${options.runs} runs each way …`);
    results.push(...(await measureThroughput(chain, options)));
  }
  const directory = resultsDirectory();
  const file = writeJson(directory, "throughput.json", {
    measuredAt: new Date().toISOString(),
    // Load average at the end (1, 5, 15 min): the chains share the cores with the clients and anything else running.
    machine: {
      cores: cpus().length,
      node: process.version,
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
    },
    options,
    seconds: Math.round((performance.now() - started) / 1000),
    results,
  });
  writeReports(directory);
  console.error(`throughput: wrote ${file}`);
  for (const r of results.filter((r) => r.ratio < 0.9)) {
    console.error(
      `throughput: note: ${r.chain} ${r.workload}: the SDK reached ${r.ratio.toFixed(3)} of raw viem (goal ≥ 0.9)`,
    );
  }
}
