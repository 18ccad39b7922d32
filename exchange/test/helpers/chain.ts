/**
 * The chain the exchange tests run on: the one test/run.ts started (ONEWINDOW_TEST_RPC_URL and
 * ONEWINDOW_TEST_DEPLOYMENT), or, when a test file runs alone, a hardhat node started and
 * deployed for it (@onewindow/testkit/local-chain).
 */
import { readFileSync } from "node:fs";

import { secp256k1 } from "@noble/curves/secp256k1";
import {
  createOneWindowClient,
  inOrder,
  loadDistrict,
  type Deployment,
  type DistrictDepartment,
  type DistrictLicenceType,
  type OneWindowClient,
} from "@onewindow/sdk";
import { readDeployment } from "@onewindow/sdk/node";
import { bytesToHex, parseEther, type Address, type Hex } from "viem";
import { generatePrivateKey, mnemonicToAccount, privateKeyToAccount } from "viem/accounts";

import { deployOneWindow, startChain } from "@onewindow/testkit/local-chain";

export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

export type TestChain = {
  rpcUrl: string;
  deploymentFile: string;
  deployment: Deployment;
  admin: OneWindowClient;
  stop(): Promise<void>;
};

let chain: Promise<TestChain> | undefined;

/** The test chain (started once per process when no runner gave one). */
export function testChain(): Promise<TestChain> {
  chain ??= (async () => {
    let rpcUrl = process.env.ONEWINDOW_TEST_RPC_URL;
    let deploymentFile = process.env.ONEWINDOW_TEST_DEPLOYMENT;
    let stop = async () => {};
    if (!rpcUrl || !deploymentFile) {
      const local = await startChain("hardhat");
      rpcUrl = local.rpcUrl;
      deploymentFile = deployOneWindow(local);
      stop = local.stop;
    }
    const deployment = readDeployment({ file: deploymentFile });
    const key = bytesToHex(mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 0 }).getHdKey().privateKey!);
    const admin = createOneWindowClient({ rpcUrl, deployment, account: key, pollingInterval: 50 });
    return { rpcUrl, deploymentFile, deployment, admin, stop };
  })();
  return chain;
}

/** A client of the test chain: signing with `key`, or read-only. */
export async function clientFor(key?: Hex): Promise<OneWindowClient> {
  const { rpcUrl, deployment } = await testChain();
  return createOneWindowClient({ rpcUrl, deployment, ...(key ? { account: key } : {}), pollingInterval: 50 });
}

export type Account = { key: Hex; address: Address; client: OneWindowClient };

/** Fresh accounts, each funded with 10 ETH by the deployer. */
export async function newAccounts(count: number): Promise<Account[]> {
  const { admin } = await testChain();
  const accounts = await Promise.all(
    Array.from({ length: count }, async () => {
      const key = generatePrivateKey();
      return { key, address: privateKeyToAccount(key).address, client: await clientFor(key) };
    }),
  );
  const hashes = await Promise.all(
    accounts.map((a) =>
      inOrder(admin, async (nonce) =>
        admin.wallet!.sendTransaction({ to: a.address, value: parseEther("10"), nonce: await nonce() }),
      ),
    ),
  );
  await Promise.all(hashes.map((hash) => admin.public.waitForTransactionReceipt({ hash, pollingInterval: 50 })));
  return accounts;
}

/** An officer: the account, and the private key of its department's encryption key. */
export type Officer = Account & { encryptionKey: Hex };

const DATA = new URL("../../../scripts/data/haidian/", import.meta.url);
const readJson = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, DATA), "utf8")) as T;

/**
 * A small Haidian district on the test chain, from scripts/data/haidian: the housing commission
 * (issues REAL_ESTATE_CERTIFICATE), the State Grid power company SGCC-HD, and the market
 * regulator HD-SAMR as "another department". Codes get a unique suffix; each department one fresh
 * officer and a fresh encryption key whose private key the test keeps.
 */
export async function testDistrict() {
  const { admin } = await testChain();
  const suffix = Math.random().toString(16).slice(2, 8);
  const wanted = ["HD-HOUSING", "SGCC-HD", "HD-SAMR"];
  const departments = readJson<{ departments: DistrictDepartment[] }>("departments.json")
    .departments.filter((d) => wanted.includes(d.code))
    .map((d) => ({ ...d, code: `${d.code}-${suffix}`, threshold: 1 }));
  const realEstate = readJson<{ licenceTypes: DistrictLicenceType[] }>("licence-types.json").licenceTypes.find(
    (t) => t.code === "REAL_ESTATE_CERTIFICATE",
  )!;
  const licenceTypes = [
    // Issued here by the housing commission only (the data may name more issuers).
    { ...realEstate, code: `${realEstate.code}-${suffix}`, issuers: [`HD-HOUSING-${suffix}`] },
  ];
  const accounts = await newAccounts(wanted.length);
  const officers = new Map<string, Officer>(
    wanted.map((code, i) => [code, { ...accounts[i]!, encryptionKey: bytesToHex(secp256k1.utils.randomPrivateKey()) }]),
  );
  const unsuffixed = (code: string) => code.slice(0, -suffix.length - 1);
  const ids = await loadDistrict(
    admin,
    { departments, licenceTypes },
    {
      officersOf: (code) => [officers.get(unsuffixed(code))!.address],
      encryptionKeyOf: (code) =>
        bytesToHex(secp256k1.getPublicKey(officers.get(unsuffixed(code))!.encryptionKey.slice(2), true)),
    },
  );
  return {
    suffix,
    officer: (code: string) => officers.get(code)!,
    departmentId: (code: string) => ids.departments[`${code}-${suffix}`]!,
    realEstateTypeId: ids.licenceTypes[`REAL_ESTATE_CERTIFICATE-${suffix}`]!,
    realEstateCode: `REAL_ESTATE_CERTIFICATE-${suffix}`,
    realEstateFields: realEstate.fieldNames,
  };
}

export type TestDistrict = Awaited<ReturnType<typeof testDistrict>>;

/** Moves the chain's clock forward (hardhat / anvil test method) and mines a block. */
export async function increaseTime(seconds: number): Promise<void> {
  const { admin } = await testChain();
  await admin.public.request({ method: "evm_increaseTime" as never, params: [seconds] as never });
  await admin.public.request({ method: "evm_mine" as never, params: [] as never });
}

/** The latest block's timestamp (Unix seconds). */
export async function chainNow(): Promise<number> {
  const { admin } = await testChain();
  return Number((await admin.public.getBlock()).timestamp);
}
