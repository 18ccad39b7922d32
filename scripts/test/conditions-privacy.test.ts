/**
 * Every scenario of `npm run scenarios` run on a fresh hardhat node (as `scripts/scenarios.ts`
 * does, without the data exchange), then the chain read as any observer can: every
 * `ApplicationSubmitted` log, every `submit` / `submitLinked` transaction's input and every stored
 * application, decoded with the engine's ABI. No field may carry an applicant's condition flags
 * (premises underground, handled by an agent, married, disabled …): no integer field other than
 * the known ones (matter, version, material indexes, a signature deadline, statuses and step
 * masks of the stored application), no bytes32 equal to a flag mask (padded) or to a mask hashed
 * without a salt, and the conditions commitment differs between applications (the salt is fresh,
 * so two applicants with the same flags are not linked either).
 *
 * Nor may the materials presented give the flags away: no submission (event `licenceIds` /
 * `uploadHashes`, calldata `licenceMaterials` / `uploads`) refers to a conditional material of its
 * matter version (read from the ServiceCatalog through the SDK), so every application of a matter
 * version has the same on-chain shape whatever its applicant's conditions; the conditional
 * materials the scenarios supplied are in their declarations, off chain.
 */
import assert from "node:assert/strict";
import { test } from "node:test";

import { ABIS, getLicence, getMatterMaterials, type MatterMaterial } from "@onewindow/sdk";
import {
  decodeFunctionData,
  encodeAbiParameters,
  encodePacked,
  getAddress,
  keccak256,
  pad,
  parseEventLogs,
  toHex,
  zeroHash,
  type Hex,
} from "viem";

import { startScenarioChain } from "@onewindow/testkit/scenario-chain";
import { EXPECTED } from "@onewindow/testkit/scenarios";

/** Six condition flags in the demo district: every mask of them. */
const MASKS = Array.from({ length: 64 }, (_, mask) => mask);

/** bytes32 values that would give a mask away: padded, or hashed without a (secret) salt. */
const GIVEAWAYS = new Map<string, number>();
for (const mask of MASKS) {
  GIVEAWAYS.set(keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }], [mask, zeroHash])), mask);
  GIVEAWAYS.set(keccak256(encodeAbiParameters([{ type: "uint32" }], [mask])), mask);
  GIVEAWAYS.set(keccak256(encodePacked(["uint32"], [mask])), mask);
  GIVEAWAYS.set(keccak256(toHex(mask)), mask);
  if (mask !== 0) GIVEAWAYS.set(pad(toHex(mask), { size: 32 }), mask); // 0: a zero parent id is no flag
}

/** Integer fields that are not the applicant's conditions. */
const INTEGER_FIELDS = new Set([
  "matterId",
  "matterVersion",
  "licenceMaterials",
  "material",
  "deadline",
  // the stored application
  "status",
  "stepCount",
  "approvedSteps",
  "activeSteps",
]);

/** Every leaf of a decoded value with the name of the field it sits in. */
function* leaves(
  value: unknown,
  field: string,
  path: string,
): Generator<{ field: string; path: string; value: unknown }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* leaves(item, field, `${path}[${i}]`);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* leaves(item, key, `${path}.${key}`);
  } else {
    yield { field, path, value };
  }
}

/** Fails if any field of a decoded value could carry condition flags. */
function assertNoFlags(value: unknown, where: string) {
  for (const leaf of leaves(value, "", where)) {
    if (typeof leaf.value === "number" || typeof leaf.value === "bigint") {
      assert.ok(
        INTEGER_FIELDS.has(leaf.field),
        `${leaf.path} = ${leaf.value}: an integer field that could carry the flags`,
      );
    } else if (typeof leaf.value === "string" && /^0x[0-9a-fA-F]{64}$/.test(leaf.value)) {
      const mask = GIVEAWAYS.get(leaf.value.toLowerCase());
      assert.equal(mask, undefined, `${leaf.path} = ${leaf.value} gives away the flag mask ${mask}`);
    }
  }
}

test("no application's condition flags can be read from the chain", { timeout: 600_000 }, async () => {
  const { chain, deployment, admin, rows } = await startScenarioChain();
  try {
    assert.deepEqual(
      Object.fromEntries(rows.map((r) => [r.id, r.outcome])),
      EXPECTED,
      "every scenario reached its expected outcome",
    );

    const client = admin.client.public;
    const abi = ABIS.ApprovalEngine;
    const engine = getAddress(deployment.contracts.ApprovalEngine.address);
    const logs = await client.getLogs({ address: engine, fromBlock: 0n, toBlock: "latest" });
    const submitted = parseEventLogs({ abi, logs, eventName: "ApplicationSubmitted" });
    assert.ok(submitted.length >= rows.length, `${submitted.length} applications for ${rows.length} scenario rows`);

    // The conditions the scenarios declared (HandledByAgent, PremisesUnderground, DisabledApplicant …)
    // appear nowhere in the events.
    const commitments = new Set<Hex>();
    for (const log of submitted) {
      assertNoFlags(log.args, `ApplicationSubmitted(${log.args.applicationId})`);
      const commitment = (log.args as Record<string, unknown>).conditionsCommitment as Hex | undefined;
      assert.match(commitment ?? "", /^0x[0-9a-f]{64}$/, "the event carries a conditions commitment");
      commitments.add(commitment!);
      const stored = await client.readContract({
        address: engine,
        abi,
        functionName: "getApplication",
        args: [log.args.applicationId],
      });
      assertNoFlags(stored, `getApplication(${log.args.applicationId})`);
    }
    assert.equal(commitments.size, submitted.length, "every application has its own commitment (fresh salts)");

    // No presented licence or upload is for a conditional material: the licences in the event are
    // of the types of the version's unconditional licence materials, one per such material, and
    // the upload hashes are no more than its unconditional upload materials.
    const versions = new Map<string, MatterMaterial[]>();
    const materialsOf = async (matterId: number, version: number) => {
      const key = `${matterId}/${version}`;
      if (!versions.has(key)) versions.set(key, await getMatterMaterials(admin.client, { matterId, version }));
      return versions.get(key)!;
    };
    const assertUnconditional = (materials: MatterMaterial[], index: number, where: string) => {
      const material = materials[index];
      assert.ok(material !== undefined, `${where}: no material ${index}`);
      assert.equal(
        material.condition ?? 0,
        0,
        `${where} presents material ${index} (${material.name}), conditional on flags ${material.condition}`,
      );
    };
    const applications = new Map<Hex, { matterId: number; version: number }>();
    for (const log of submitted) {
      const { applicationId, matterId, matterVersion, licenceIds, uploadHashes } = log.args;
      applications.set(applicationId, { matterId, version: matterVersion });
      const materials = await materialsOf(matterId, matterVersion);
      const unconditional = materials.filter((m) => (m.condition ?? 0) === 0);
      const where = `ApplicationSubmitted(${applicationId}) of matter ${matterId} v${matterVersion}`;
      const licenceTypes = unconditional.flatMap((m) => (m.kind === "licence" ? [m.licenceTypeId] : []));
      const presentedTypes: number[] = [];
      for (const licenceId of licenceIds) {
        const record = await getLicence(admin.client, { licenceId });
        assert.ok(record !== undefined, `${where}: licence ${licenceId} is unknown`);
        presentedTypes.push(record.typeId);
      }
      assert.deepEqual(
        [...presentedTypes].sort((a, b) => a - b),
        [...licenceTypes].sort((a, b) => a - b),
        `${where}: the licences presented are those of the unconditional licence materials, no more`,
      );
      assert.ok(
        uploadHashes.length <= unconditional.filter((m) => m.kind === "upload").length,
        `${where}: ${uploadHashes.length} uploads, more than the unconditional upload materials`,
      );
    }

    // Every transaction to the engine: the submissions' calldata carries no flags either.
    let submissions = 0;
    const latest = await client.getBlockNumber();
    for (let number = 0n; number <= latest; number++) {
      const block = await client.getBlock({ blockNumber: number, includeTransactions: true });
      for (const tx of block.transactions) {
        if (tx.to === null || getAddress(tx.to) !== engine) continue;
        const call = decodeFunctionData({ abi, data: tx.input });
        if (call.functionName === "resubmit") {
          // A correction names upload materials too.
          const { matterId, version } = applications.get(call.args[0])!;
          const materials = await materialsOf(matterId, version);
          for (const upload of call.args[1]) assertUnconditional(materials, upload.material, `resubmit ${tx.hash}`);
          continue;
        }
        if (call.functionName !== "submit" && call.functionName !== "submitLinked") continue;
        submissions++;
        assertNoFlags(call.args, `${call.functionName} ${tx.hash}`);
        const submission = call.functionName === "submit" ? call.args[0] : call.args[1];
        const receipt = await client.getTransactionReceipt({ hash: tx.hash });
        const [event] = parseEventLogs({ abi, logs: receipt.logs, eventName: "ApplicationSubmitted" });
        assert.ok(event !== undefined, `${call.functionName} ${tx.hash} submitted an application`);
        const { matterId, version } = applications.get(event.args.applicationId)!;
        const materials = await materialsOf(matterId, version);
        const where = `${call.functionName} ${tx.hash}`;
        for (const m of submission.licenceMaterials) assertUnconditional(materials, m, `${where} licenceMaterials`);
        for (const upload of submission.uploads) assertUnconditional(materials, upload.material, `${where} uploads`);
      }
    }
    assert.ok(submissions >= submitted.length, `${submissions} submissions for ${submitted.length} applications`);
  } finally {
    await chain.stop();
  }
});
