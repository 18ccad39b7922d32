import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, encodeAbiParameters, hexToBytes, keccak256, type Hex } from "viem";

import { LicenceBatchError } from "../errors/licence.ts";
import type { LicenceFile } from "./format.ts";
import { LeafHashTree, processProof } from "./merkle.ts";

/** Leaf encoding of a batch tree (OpenZeppelin `StandardMerkleTree`): one `bytes32` licence id. */
export const BATCH_LEAF_ENCODING = ["bytes32"] as const;

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * Leaf hash of a licence id in a batch tree, as `LicenceRegistry._batchLeaf`:
 * `keccak256(bytes.concat(keccak256(abi.encode(bytes32 licenceId))))`.
 *
 * @example
 * processProof(batchLeafHash(file.licenceId), file.batch.proof) === file.batch.root;
 */
export function batchLeafHash(licenceId: Hex): Hex {
  // abi.encode(bytes32) is the 32 bytes themselves.
  if (BYTES32.test(licenceId)) return bytesToHex(keccak_256(keccak_256(hexToBytes(licenceId))));
  return keccak256(keccak256(encodeAbiParameters([{ type: "bytes32" }], [licenceId])));
}

/** What {@link buildBatch} returns. */
export type BuildBatchReturnType = {
  /** Root of the batch tree: issued on chain with `LicenceRegistry.issueBatch`. */
  root: Hex;
  /** Number of licences in the batch (the `count` of `issueBatch`). */
  count: number;
  /**
   * Proof of `licenceId` in the batch.
   * @throws {LicenceBatchError} if it is not a member.
   */
  proofOf: (licenceId: Hex) => Hex[];
};

/**
 * Builds the batch tree over many licence ids: an OpenZeppelin `StandardMerkleTree` with leaf
 * encoding `['bytes32']` (leaves sorted, as its default). Issue `root` once on chain, then give
 * every licence file its proof with {@link attachBatch}.
 *
 * @param licenceIds - The ids of the licences in the batch: at least one, none repeated.
 * @throws {LicenceBatchError} if the list is empty, an id is not bytes32, or an id is repeated.
 *
 * @example
 * import { attachBatch, buildBatch, buildLicence } from "@onewindow/sdk";
 *
 * const built = people.map((person) => buildLicence({ ...common, holder: person.address, fields: person.fields }));
 * const batch = buildBatch(built.map(({ licenceId }) => licenceId));
 * // issueBatch(batch.root, typeId, typeVersion, expiresAt, batch.count) on chain, then:
 * const files = built.map(({ licenceId, file }) => attachBatch(file, batch.root, batch.proofOf(licenceId)));
 */
export function buildBatch(licenceIds: readonly Hex[]): BuildBatchReturnType {
  if (licenceIds.length === 0) throw new LicenceBatchError({ reason: "a batch needs at least one licence id" });
  const ids = licenceIds.map((id, index) => {
    if (!BYTES32.test(id)) throw new LicenceBatchError({ reason: `licence id ${index} is not 32-byte hex` });
    return id.toLowerCase() as Hex;
  });
  const indexOf = new Map<Hex, number>();
  for (const [index, id] of ids.entries()) {
    if (indexOf.has(id)) throw new LicenceBatchError({ reason: `licence id ${id} appears twice` });
    indexOf.set(id, index);
  }
  // The StandardMerkleTree of ['bytes32'] leaves, built from the leaf hashes (LeafHashTree).
  const leaves = ids.map(batchLeafHash);
  const tree = new LeafHashTree(leaves);
  return {
    root: tree.root,
    count: ids.length,
    proofOf(licenceId: Hex): Hex[] {
      const index = indexOf.get(licenceId.toLowerCase() as Hex);
      if (index === undefined) throw new LicenceBatchError({ reason: `licence ${licenceId} is not in the batch` });
      return tree.proof(leaves[index]!);
    },
  };
}

/**
 * Whether `proof` puts `licenceId` in the batch tree with root `root` (as the registry's
 * `MerkleProof.verify(proof, batchRoot, _batchLeaf(licenceId))`).
 *
 * @example
 * verifyBatchProof(file.batch.root, file.licenceId, file.batch.proof); // true
 */
export function verifyBatchProof(root: Hex, licenceId: Hex, proof: readonly Hex[]): boolean {
  if (!BYTES32.test(root) || !BYTES32.test(licenceId) || !proof.every((node) => BYTES32.test(node))) return false;
  return processProof(batchLeafHash(licenceId), proof) === root.toLowerCase();
}

/**
 * A copy of the licence file with its batch membership (`batch: { root, proof }`).
 *
 * @throws {LicenceBatchError} if the proof does not put the file's licence id in `root`.
 *
 * @example
 * const inBatch = attachBatch(file, batch.root, batch.proofOf(file.licenceId));
 */
export function attachBatch(file: LicenceFile, root: Hex, proof: readonly Hex[]): LicenceFile {
  if (!verifyBatchProof(root, file.licenceId, proof)) {
    throw new LicenceBatchError({ reason: `the proof does not put licence ${file.licenceId} in batch ${root}` });
  }
  return {
    ...file,
    batch: { root: root.toLowerCase() as Hex, proof: proof.map((node) => node.toLowerCase() as Hex) },
  };
}
