import { concat, keccak256, type Hex } from "viem";

import { InvalidMultiproofError } from "../errors/licence.ts";

/** An OpenZeppelin Merkle multiproof over leaf hashes. */
export type MultiProof = {
  /** Leaf hashes, in multiproof order (see {@link sortLeafHashes}). */
  leaves: readonly Hex[];
  /** Sibling hashes the leaves do not supply. */
  proof: readonly Hex[];
  /** For each step: `true` = hash two values from the queue, `false` = one from the queue with the next `proof` element. */
  proofFlags: readonly boolean[];
};

/**
 * Hash of two tree nodes as OpenZeppelin's `Hashes.commutativeKeccak256` and the
 * `StandardMerkleTree` compute it: `keccak256(a ‖ b)` with the smaller value first.
 *
 * @example
 * hashPair(left, right) === hashPair(right, left); // true
 */
export function hashPair(a: Hex, b: Hex): Hex {
  const [x, y] = BigInt(a) <= BigInt(b) ? [a, b] : [b, a];
  return keccak256(concat([x, y]));
}

/**
 * Root reached from `leaf` by a single-leaf proof, as OpenZeppelin's `MerkleProof.processProof`.
 *
 * @example
 * processProof(batchLeafHash(licenceId), proof) === batchRoot;
 */
export function processProof(leaf: Hex, proof: readonly Hex[]): Hex {
  return proof.reduce<Hex>((node, sibling) => hashPair(node, sibling), leaf);
}

/**
 * Root reached by a multiproof, step by step as OpenZeppelin's `MerkleProof.processMultiProof`
 * (Solidity), so that what passes here passes `multiProofVerify` on chain and the reverse.
 *
 * @throws {InvalidMultiproofError} when the lengths do not fit together, or, where Solidity would
 * read an unwritten (zero) hash, when the queue runs dry.
 *
 * @example
 * const { leaves, proof, proofFlags } = disclosure;
 * processMultiProof({ leaves, proof, proofFlags }) === disclosure.licenceId;
 */
export function processMultiProof({ leaves, proof, proofFlags }: MultiProof): Hex {
  if (leaves.length + proof.length !== proofFlags.length + 1) {
    throw new InvalidMultiproofError({
      reason: `${leaves.length} leaves + ${proof.length} proof hashes must be ${proofFlags.length} flags + 1`,
    });
  }
  if (proofFlags.length === 0) {
    // One value in all: a single leaf is the root (a one-leaf tree), or the proof is the root.
    return (leaves[0] ?? proof[0]) as Hex;
  }
  const hashes: Hex[] = [];
  let leafPos = 0;
  let hashPos = 0;
  let proofPos = 0;
  const next = (): Hex => {
    const value = leafPos < leaves.length ? leaves[leafPos++] : hashes[hashPos++];
    if (value === undefined)
      throw new InvalidMultiproofError({ reason: "the flags consume more values than there are" });
    return value;
  };
  for (const flag of proofFlags) {
    const a = next();
    const b = flag ? next() : proof[proofPos++];
    if (b === undefined)
      throw new InvalidMultiproofError({ reason: "the flags consume more proof hashes than there are" });
    hashes.push(hashPair(a, b));
  }
  if (proofPos !== proof.length) throw new InvalidMultiproofError({ reason: "not every proof hash was used" });
  return hashes[hashes.length - 1] as Hex;
}

/**
 * Puts leaf hashes in the order a multiproof of a `StandardMerkleTree` (built with its default
 * `sortLeaves: true`) lists them: ascending by value as uint256. A contract that builds the
 * leaves itself (e.g. the `holder` leaf from `msg.sender`) must order them the same way.
 *
 * @example
 * const leaves = sortLeafHashes([holderLeaf, nameLeaf]);
 */
export function sortLeafHashes(leaves: readonly Hex[]): Hex[] {
  return [...leaves].sort((a, b) => {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
