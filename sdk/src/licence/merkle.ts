import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, concat, hexToBytes, keccak256, type Hex } from "viem";

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

/**
 * An OpenZeppelin `StandardMerkleTree` (default `sortLeaves: true`) built from its leaf hashes, as
 * the library lays it out: an array whose element 0 is the root and whose leaves, sorted
 * ascending, fill the end in reverse (`tree[tree.length - 1 - i]` = i-th smallest leaf); node i
 * hashes nodes 2i+1 and 2i+2 with {@link hashPair}. The library rebuilds each leaf hash from its
 * values through an ABI coder; this starts from the hashes, which the SDK already has, and is what
 * building, checking and batching licences use on their hot paths. Same roots and proofs as the
 * library (tested against it).
 *
 * @throws {Error} for no leaves.
 */
export class LeafHashTree {
  /** The nodes, OpenZeppelin's layout. */
  readonly nodes: readonly Hex[];
  readonly #position = new Map<Hex, number>();

  constructor(leafHashes: readonly Hex[]) {
    if (leafHashes.length === 0) throw new Error("a Merkle tree needs at least one leaf");
    const sorted = leafHashes.map((leaf) => leaf.toLowerCase() as Hex).sort();
    const nodes = new Array<Hex>(2 * sorted.length - 1);
    const bytes = new Array<Uint8Array>(nodes.length);
    for (const [i, leaf] of sorted.entries()) {
      const at = nodes.length - 1 - i;
      nodes[at] = leaf;
      bytes[at] = hexToBytes(leaf);
      this.#position.set(leaf, at);
    }
    const pair = new Uint8Array(64);
    for (let i = nodes.length - 1 - sorted.length; i >= 0; i--) {
      const a = bytes[2 * i + 1]!;
      const b = bytes[2 * i + 2]!;
      const aFirst = compareBytes(a, b) <= 0;
      pair.set(aFirst ? a : b, 0);
      pair.set(aFirst ? b : a, 32);
      bytes[i] = keccak_256(pair);
      nodes[i] = bytesToHex(bytes[i]!);
    }
    this.nodes = nodes;
  }

  /** The root. */
  get root(): Hex {
    return this.nodes[0]!;
  }

  /** Whether `leafHash` is a leaf of the tree. */
  has(leafHash: Hex): boolean {
    return this.#position.has(leafHash.toLowerCase() as Hex);
  }

  /**
   * The single-leaf proof of `leafHash` (siblings from the leaf up), as the library's `getProof`.
   * @throws {Error} if it is not a leaf.
   */
  proof(leafHash: Hex): Hex[] {
    let index = this.#position.get(leafHash.toLowerCase() as Hex);
    if (index === undefined) throw new Error(`${leafHash} is not a leaf of the tree`);
    const proof: Hex[] = [];
    while (index > 0) {
      proof.push(this.nodes[index % 2 === 1 ? index + 1 : index - 1]!);
      index = Math.floor((index - 1) / 2);
    }
    return proof;
  }

  /**
   * The multiproof of `leafHashes`, as the library's `getMultiProof`: leaves in proof order
   * (descending tree position, i.e. ascending leaf hash), the proof nodes and flags.
   * @throws {Error} if one is not a leaf, or is named twice.
   */
  multiProof(leafHashes: readonly Hex[]): MultiProof {
    const indices = leafHashes.map((leaf) => {
      const at = this.#position.get(leaf.toLowerCase() as Hex);
      if (at === undefined) throw new Error(`${leaf} is not a leaf of the tree`);
      return at;
    });
    indices.sort((a, b) => b - a);
    if (indices.some((index, i) => i > 0 && index === indices[i - 1])) throw new Error("a leaf is named twice");
    const stack = [...indices];
    const proof: Hex[] = [];
    const proofFlags: boolean[] = [];
    while (stack.length > 0 && stack[0]! > 0) {
      const j = stack.shift()!;
      const sibling = j % 2 === 1 ? j + 1 : j - 1;
      if (sibling === stack[0]) {
        proofFlags.push(true);
        stack.shift();
      } else {
        proofFlags.push(false);
        proof.push(this.nodes[sibling]!);
      }
      stack.push(Math.floor((j - 1) / 2));
    }
    if (indices.length === 0) proof.push(this.nodes[0]!);
    return { leaves: indices.map((i) => this.nodes[i]!), proof, proofFlags };
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
