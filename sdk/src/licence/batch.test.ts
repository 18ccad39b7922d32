import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeAbiParameters, keccak256, type Hex } from "viem";

import { LicenceBatchError } from "../errors/licence.ts";
import { businessLicence } from "../test/fixtures.ts";
import { attachBatch, BATCH_LEAF_ENCODING, batchLeafHash, buildBatch, verifyBatchProof } from "./batch.ts";
import { buildLicence } from "./build.ts";
import { checkLicenceFile } from "./check.ts";
import { newSalt } from "./leaf.ts";

/** `count` random licence ids. */
function randomIds(count: number): Hex[] {
  return Array.from({ length: count }, () => newSalt());
}

describe("batchLeafHash", () => {
  it("is keccak256(keccak256(abi.encode(bytes32))), as LicenceRegistry._batchLeaf", () => {
    const id = `0x${"ab".repeat(32)}` as const;
    assert.equal(batchLeafHash(id), keccak256(keccak256(encodeAbiParameters([{ type: "bytes32" }], [id]))));
    assert.equal(batchLeafHash(id), "0xda3cbdb11b9992efff8480118052300c383f2df80454c77fa86afc1e55fd2123");
  });
});

describe("buildBatch", () => {
  it("gives every member a proof that verifies, here and with OpenZeppelin", () => {
    for (const count of [1, 2, 3, 7, 16]) {
      const ids = randomIds(count);
      const batch = buildBatch(ids);
      assert.equal(batch.count, count);
      assert.equal(
        batch.root,
        StandardMerkleTree.of(
          ids.map((id) => [id]),
          [...BATCH_LEAF_ENCODING],
        ).root,
      );
      for (const id of ids) {
        const proof = batch.proofOf(id);
        assert.ok(verifyBatchProof(batch.root, id, proof), `member of a batch of ${count}`);
        assert.ok(StandardMerkleTree.verify(batch.root, [...BATCH_LEAF_ENCODING], [id], proof));
      }
    }
  });

  it("has a one-member batch's root be the member's leaf, with an empty proof", () => {
    const [id] = randomIds(1) as [Hex];
    const batch = buildBatch([id]);
    assert.equal(batch.root, batchLeafHash(id));
    assert.deepEqual(batch.proofOf(id), []);
  });

  it("fails a non-member: no proof is given, and a member's proof does not hold for it", () => {
    const ids = randomIds(5);
    const batch = buildBatch(ids);
    const stranger = newSalt();
    assert.throws(() => batch.proofOf(stranger), LicenceBatchError);
    for (const id of ids) assert.equal(verifyBatchProof(batch.root, stranger, batch.proofOf(id)), false);
    // A member with another member's proof fails too (in a batch of 5 no two leaves share a path).
    assert.equal(verifyBatchProof(batch.root, ids[0]!, batch.proofOf(ids[1]!)), false);
    // The root itself is not a member.
    assert.equal(verifyBatchProof(batch.root, batch.root, []), false);
  });

  it("accepts ids in either case", () => {
    const ids = randomIds(3);
    const batch = buildBatch(ids.map((id) => id.toUpperCase().replace("0X", "0x") as Hex));
    assert.equal(batch.root, buildBatch(ids).root);
    assert.ok(verifyBatchProof(batch.root, ids[0]!, batch.proofOf(ids[0]!)));
  });

  it("errors on an empty list, a repeated id, or a bad id", () => {
    assert.throws(() => buildBatch([]), /at least one licence id/);
    const [id] = randomIds(1) as [Hex];
    assert.throws(
      () => buildBatch([id, id]),
      (error: unknown) => error instanceof LicenceBatchError && /appears twice/.test(error.message),
    );
    assert.throws(() => buildBatch(["0x1234"]), LicenceBatchError);
  });
});

describe("attachBatch", () => {
  it("adds the batch to a copy of the file, which then checks", () => {
    const built = [buildLicence(businessLicence()), buildLicence(businessLicence()), buildLicence(businessLicence())];
    const batch = buildBatch(built.map(({ licenceId }) => licenceId));
    for (const { licenceId, file } of built) {
      const inBatch = attachBatch(file, batch.root, batch.proofOf(licenceId));
      assert.deepEqual(inBatch.batch, { root: batch.root, proof: batch.proofOf(licenceId) });
      assert.equal(file.batch, undefined);
      assert.deepEqual(checkLicenceFile(inBatch), { ok: true, problems: [], alteredFields: [] });
    }
  });

  it("errors when the proof does not hold", () => {
    const built = [buildLicence(businessLicence()), buildLicence(businessLicence())];
    const batch = buildBatch(built.map(({ licenceId }) => licenceId));
    const outsider = buildLicence(businessLicence());
    assert.throws(() => attachBatch(outsider.file, batch.root, batch.proofOf(built[0]!.licenceId)), LicenceBatchError);
  });
});
