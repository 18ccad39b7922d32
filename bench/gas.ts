/**
 * Exact gas of OneWindow's operations beside the systems people would use instead, measured in one
 * run on one in-process Hardhat (EDR) network, our contracts built by the `production` profile and
 * the anchors deployed from their npm packages' own compiled bytecode:
 *
 *   - EAS (@ethereum-attestation-service/eas-contracts 1.9.0: SchemaRegistry + EAS artifacts),
 *   - OpenAttestation's DocumentStore (@govtechsg/document-store-ethers-v6 4.1.0: its TypeChain factory),
 *   - Safe (@safe-global/safe-contracts 1.4.1: Safe singleton + SafeProxyFactory artifacts).
 *
 *   npm run bench -- gas   (= hardhat run --build-profile production bench/gas.ts)
 *
 * Writes gas.json (exactly `ours`, `anchors`, `ratios`), gas-details.json (every operation measured,
 * the parameters, the definitions), capacity.md and SUMMARY.md to bench/results/ (or
 * $ONEWINDOW_BENCH_RESULTS). The definitions are in GAS_DEFINITIONS below and in SUMMARY.md.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { DocumentStore__factory } from "@govtechsg/document-store-ethers-v6";
import { SimpleMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { BaseWallet, ContractTransactionResponse, InterfaceAbi, Signer } from "ethers";

import { measureEngine } from "../scripts/gas-engine.ts";
import { BATCH_SIZE, measureRegistries } from "../scripts/gas-registries.ts";
import { connection, ethers } from "../test/helpers/fixture.ts";
import { ANCHOR_KEYS, assertGasJson, GAS_DEFINITIONS, OURS_KEYS, RATIO_PAIRS, type GasJson } from "./gas-keys.ts";
import { resultsDirectory, writeJson } from "./results.ts";
import { writeReports } from "./summary.ts";

/** Attestations in the measured `multiAttest` (the per-item figure divides by this). */
export const MULTI_ATTEST_ITEMS = 50;

const require = createRequire(import.meta.url);
type Artifact = { abi: InterfaceAbi; bytecode: string };
const artifact = (file: string): Artifact => JSON.parse(readFileSync(require.resolve(file), "utf8")) as Artifact;

async function gasOf(sent: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await sent).wait();
  return Number(receipt!.gasUsed);
}

async function deploy(file: string | Artifact, signer: Signer, ...args: unknown[]) {
  const { abi, bytecode } = typeof file === "string" ? artifact(file) : file;
  const contract = await new ethers.ContractFactory(abi, bytecode, signer).deploy(...args);
  await contract.waitForDeployment();
  return contract;
}

/** EAS: attest, multiAttest (per item), attestByDelegation, revoke. */
async function measureEas(deployer: Signer, attester: HardhatEthersSigner): Promise<Record<string, number>> {
  const registry = await deploy(
    "@ethereum-attestation-service/eas-contracts/artifacts/contracts/SchemaRegistry.sol/SchemaRegistry.json",
    deployer,
  );
  const eas = await deploy(
    "@ethereum-attestation-service/eas-contracts/artifacts/contracts/EAS.sol/EAS.json",
    deployer,
    await registry.getAddress(),
  );
  // The schema of a licence commitment as OneWindow stores it: id, type, type version (expiry is
  // EAS's own expirationTime).
  const schemaText = "bytes32 licenceId,uint32 licenceTypeId,uint16 typeVersion";
  await (await registry.getFunction("register")(schemaText, ethers.ZeroAddress, true)).wait();
  const schema = ethers.solidityPackedKeccak256(["string", "address", "bool"], [schemaText, ethers.ZeroAddress, true]);
  const expiresAt = BigInt(Math.floor(Date.now() / 1000) + 2 * 365 * 86_400);
  const item = (n: number) => ({
    recipient: ethers.Wallet.createRandom().address,
    expirationTime: expiresAt,
    revocable: true,
    refUID: ethers.ZeroHash,
    data: ethers.AbiCoder.defaultAbiCoder().encode(
      ["bytes32", "uint32", "uint16"],
      [ethers.id(`eas-licence-${n}`), 1, 1],
    ),
    value: 0n,
  });
  const asAttester = eas.connect(attester) as typeof eas;
  const uidOf = async (sent: Promise<ContractTransactionResponse>) => {
    const receipt = (await (await sent).wait())!;
    const log = receipt.logs.map((l) => eas.interface.parseLog(l)).find((l) => l?.name === "Attested");
    return { uid: log!.args.getValue("uid") as string, gas: Number(receipt.gasUsed) };
  };
  const results: Record<string, number> = {};
  const first = await uidOf(asAttester.getFunction("attest")({ schema, data: item(0) }));
  const second = await uidOf(asAttester.getFunction("attest")({ schema, data: item(1) }));
  results.easAttest = second.gas;
  void first;
  const many = Array.from({ length: MULTI_ATTEST_ITEMS }, (_, i) => item(100 + i));
  results.easMultiAttestPerItem = Math.round(
    (await gasOf(asAttester.getFunction("multiAttest")([{ schema, data: many }]))) / MULTI_ATTEST_ITEMS,
  );

  // Delegated: the attester signs off chain, the deployer (a relayer) sends.
  const domainFields = await eas.getFunction("eip712Domain")();
  const domain = {
    name: domainFields[1] as string,
    version: domainFields[2] as string,
    chainId: domainFields[3] as bigint,
    verifyingContract: domainFields[4] as string,
  };
  const delegated = item(2);
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 365 * 86_400);
  const nonce = (await eas.getFunction("getNonce")(attester.address)) as bigint;
  const signature = ethers.Signature.from(
    await attester.signTypedData(
      domain,
      {
        Attest: [
          { name: "attester", type: "address" },
          { name: "schema", type: "bytes32" },
          { name: "recipient", type: "address" },
          { name: "expirationTime", type: "uint64" },
          { name: "revocable", type: "bool" },
          { name: "refUID", type: "bytes32" },
          { name: "data", type: "bytes" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint64" },
        ],
      },
      { attester: attester.address, schema, ...delegated, nonce, deadline },
    ),
  );
  results.easAttestByDelegation = await gasOf(
    eas.getFunction("attestByDelegation")({
      schema,
      data: delegated,
      signature: { v: signature.v, r: signature.r, s: signature.s },
      attester: attester.address,
      deadline,
    }),
  );
  results.easRevoke = await gasOf(asAttester.getFunction("revoke")({ schema, data: { uid: second.uid, value: 0n } }));
  return results;
}

/**
 * The DocumentStore from its package's TypeChain factory (its compiled bytecode and ABI), deployed
 * with this script's ethers (the package's own typings are for the CommonJS build of ethers).
 */
const deployDocumentStore = (signer: Signer, name: string, admin: string) =>
  deploy(
    { abi: DocumentStore__factory.abi as unknown as InterfaceAbi, bytecode: DocumentStore__factory.bytecode },
    signer,
    name,
    admin,
  );

/** OpenAttestation DocumentStore: issue a Merkle root of BATCH_SIZE documents; revoke one leaf by proof. */
async function measureDocumentStore(deployer: Signer): Promise<Record<string, number>> {
  const store = await deployDocumentStore(deployer, "OneWindow bench", await deployer.getAddress());
  const tree = SimpleMerkleTree.of(Array.from({ length: BATCH_SIZE }, (_, i) => ethers.id(`document-${i}`)));
  const leaf = ethers.id(`document-${BATCH_SIZE / 2}`);
  const results: Record<string, number> = {};
  const issue = store.getFunction("issue");
  await (await issue(ethers.id("warm-up root"))).wait();
  results.documentStoreIssueRoot = await gasOf(issue(tree.root));
  results.documentStoreRevokeLeaf = await gasOf(
    store.getFunction("revoke(bytes32,bytes32,bytes32[])")(tree.root, leaf, tree.getProof(leaf)),
  );
  return results;
}

/**
 * Safe 1.4.1, 3 of 5 owners: gas of `execTransaction` calling a target (DocumentStore.issue) with
 * three owner signatures, minus gas of the same call sent directly by an EOA. Both measured on
 * their second call (the Safe's nonce slot already non-zero, as in steady use).
 */
async function measureSafe(deployer: Signer): Promise<Record<string, number>> {
  const singleton = await deploy("@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json", deployer);
  const factory = await deploy(
    "@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json",
    deployer,
  );
  const owners: BaseWallet[] = Array.from({ length: 5 }, () => ethers.Wallet.createRandom());
  const initializer = singleton.interface.encodeFunctionData("setup", [
    owners.map((o) => o.address),
    3,
    ethers.ZeroAddress,
    "0x",
    ethers.ZeroAddress,
    ethers.ZeroAddress,
    0,
    ethers.ZeroAddress,
  ]);
  const sent: ContractTransactionResponse = await factory.getFunction("createProxyWithNonce")(
    await singleton.getAddress(),
    initializer,
    1n,
  );
  const created = (await sent.wait())!;
  const proxyLog = created.logs.map((l) => factory.interface.parseLog(l)).find((l) => l?.name === "ProxyCreation");
  const safe = singleton.attach(proxyLog!.args.getValue("proxy") as string) as typeof singleton;

  const store = await deployDocumentStore(deployer, "Safe target", await deployer.getAddress());
  const issue = store.getFunction("issue");
  await (
    await store.getFunction("grantRole")(await store.getFunction("ISSUER_ROLE")(), await safe.getAddress())
  ).wait();

  const viaSafe = async (root: string) => {
    const tx = [await store.getAddress(), 0n, store.interface.encodeFunctionData("issue", [root]), 0, 0n, 0n, 0n];
    const nonce = (await safe.getFunction("nonce")()) as bigint;
    const hash = (await safe.getFunction("getTransactionHash")(
      ...tx,
      ethers.ZeroAddress,
      ethers.ZeroAddress,
      nonce,
    )) as string;
    const signers = [...owners.slice(0, 3)].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
    const signatures = ethers.concat(signers.map((o) => o.signingKey.sign(hash).serialized));
    return gasOf(safe.getFunction("execTransaction")(...tx, ethers.ZeroAddress, ethers.ZeroAddress, signatures));
  };
  await viaSafe(ethers.id("safe-root-0"));
  const safeGas = await viaSafe(ethers.id("safe-root-1"));
  await (await issue(ethers.id("direct-root-0"))).wait();
  const directGas = await gasOf(issue(ethers.id("direct-root-1")));
  return { safe3of5ExecOverhead: safeGas - directGas, safe3of5ExecTotal: safeGas, safeTargetDirect: directGas };
}

const started = performance.now();
const signers = await ethers.getSigners();
const deployer = signers[0]!;
// A signer of its own (not used by the platform measurements) attests, signing its delegated request.
const attester = signers[9]!;

const registries = await measureRegistries(connection);
const engine = await measureEngine();
const anchorsAll = {
  ...(await measureEas(deployer, attester)),
  ...(await measureDocumentStore(deployer)),
  ...(await measureSafe(deployer)),
};
const oursAll: Record<string, number> = { ...registries, ...engine };

const pick = <K extends string>(keys: readonly K[], from: Record<string, number>): Record<K, number> =>
  Object.fromEntries(
    keys.map((k) => {
      const value = from[k];
      if (value === undefined || !Number.isSafeInteger(value) || value <= 0)
        throw new Error(`gas: no positive measurement for ${k} (got ${value})`);
      return [k, value];
    }),
  ) as Record<K, number>;
const ours = pick(OURS_KEYS, oursAll);
const anchors = pick(ANCHOR_KEYS, anchorsAll);
const ratios = Object.fromEntries(
  RATIO_PAIRS.map(([a, b]) => [`${a}/${b}`, Math.round((ours[a] / anchors[b]) * 1000) / 1000]),
) as GasJson["ratios"];

const gas: GasJson = { ours, anchors, ratios };
assertGasJson(gas);
const directory = resultsDirectory();
writeJson(directory, "gas.json", gas);
writeJson(directory, "gas-details.json", {
  measuredAt: new Date().toISOString(),
  network: `Hardhat EDR in-process (${connection.networkName}), chain id ${(await ethers.provider.getNetwork()).chainId}`,
  profile: "production",
  parameters: { batchSize: BATCH_SIZE, multiAttestItems: MULTI_ATTEST_ITEMS, safeOwners: 5, safeThreshold: 3 },
  packages: {
    "@ethereum-attestation-service/eas-contracts": "1.9.0",
    "@govtechsg/document-store-ethers-v6": "4.1.0",
    "@safe-global/safe-contracts": "1.4.1",
  },
  definitions: GAS_DEFINITIONS,
  oursAll,
  anchorsAll,
  seconds: Math.round((performance.now() - started) / 100) / 10,
});
console.table(Object.entries({ ...ours, ...anchors }).map(([operation, g]) => ({ operation, gas: g })));
console.table(Object.entries(ratios).map(([pair, ratio]) => ({ pair, ratio })));
writeReports(directory);
console.error(`gas: wrote ${directory}/gas.json, gas-details.json, capacity.md, SUMMARY.md`);
