import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { concat, keccak256, type Hex } from "viem";

import { InvalidMultiproofError } from "../errors/licence.ts";
import { FIELD_LEAF_ENCODING, fieldLeafHash, newSalt, type FieldLeafValue } from "./leaf.ts";
import { hashPair, LeafHashTree, processMultiProof, processProof, sortLeafHashes } from "./merkle.ts";

/** A StandardMerkleTree over `count` random fields. */
function randomTree(count: number): { tree: StandardMerkleTree<FieldLeafValue>; values: FieldLeafValue[] } {
  const values = Array.from({ length: count }, (_, index): FieldLeafValue => [
    1,
    `field${index}`,
    `value ${index}`,
    newSalt(),
  ]);
  return { tree: StandardMerkleTree.of(values, [...FIELD_LEAF_ENCODING]), values };
}

/** Every non-empty subset of 0..n-1. */
function subsets(n: number): number[][] {
  const all: number[][] = [];
  for (let mask = 1; mask < 1 << n; mask++)
    all.push(Array.from({ length: n }, (_, i) => i).filter((i) => (mask >> i) & 1));
  return all;
}

describe("hashPair", () => {
  it("is keccak256 of the two sorted values, in either order", () => {
    const a = newSalt();
    const b = newSalt();
    const [low, high] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
    assert.equal(hashPair(a, b), keccak256(concat([low, high])));
    assert.equal(hashPair(b, a), hashPair(a, b));
  });
});

describe("processProof", () => {
  it("reaches the root of an OpenZeppelin tree from every leaf", () => {
    const { tree, values } = randomTree(7);
    for (const [index, value] of values.entries()) {
      assert.equal(processProof(fieldLeafHash(...value), tree.getProof(index) as Hex[]), tree.root);
    }
  });
});

describe("processMultiProof", () => {
  it("reaches the root for every subset of leaves of trees of 1 to 6 leaves, with leaves ascending", () => {
    for (let count = 1; count <= 6; count++) {
      const { tree } = randomTree(count);
      for (const subset of subsets(count)) {
        const multiproof = tree.getMultiProof(subset);
        const leaves = multiproof.leaves.map((value) => fieldLeafHash(...value));
        // The leaf order of a StandardMerkleTree multiproof is ascending by value.
        assert.deepEqual(leaves, sortLeafHashes(leaves));
        assert.equal(
          processMultiProof({ leaves, proof: multiproof.proof as Hex[], proofFlags: multiproof.proofFlags }),
          tree.root,
        );
      }
    }
  });

  it("does not reach the root with leaves out of order", () => {
    const { tree } = randomTree(6);
    const multiproof = tree.getMultiProof([0, 2, 5]);
    const leaves = multiproof.leaves.map((value) => fieldLeafHash(...value)).reverse();
    assert.notEqual(
      processMultiProof({ leaves, proof: multiproof.proof as Hex[], proofFlags: multiproof.proofFlags }),
      tree.root,
    );
  });

  it("throws InvalidMultiproofError when the lengths do not fit", () => {
    const leaf = newSalt();
    assert.throws(() => processMultiProof({ leaves: [leaf], proof: [], proofFlags: [true] }), InvalidMultiproofError);
    assert.throws(() => processMultiProof({ leaves: [], proof: [], proofFlags: [] }), InvalidMultiproofError);
    assert.throws(
      () => processMultiProof({ leaves: [leaf, leaf], proof: [leaf], proofFlags: [false, false] }),
      InvalidMultiproofError,
    );
    // A single value is its own root, as in Solidity.
    assert.equal(processMultiProof({ leaves: [leaf], proof: [], proofFlags: [] }), leaf);
  });
});

describe("LeafHashTree", () => {
  const randomLeaves = (n: number): Hex[] => Array.from({ length: n }, () => newSalt());

  it("has OpenZeppelin StandardMerkleTree's root and proofs for 1 to 40 leaves", () => {
    for (let n = 1; n <= 40; n++) {
      const values = Array.from({ length: n }, (_, i): FieldLeafValue => [
        3,
        `field${i}`,
        `value ${i} 北京`,
        newSalt(),
      ]);
      const reference = StandardMerkleTree.of(values, [...FIELD_LEAF_ENCODING]);
      const leaves = values.map(([typeId, name, value, salt]) => fieldLeafHash(typeId, name, value, salt));
      const tree = new LeafHashTree(leaves);
      assert.equal(tree.root, reference.root, `root of ${n} leaves`);
      for (const [i, leaf] of leaves.entries()) {
        assert.deepEqual(tree.proof(leaf), reference.getProof(i), `proof of leaf ${i} of ${n}`);
        assert.equal(processProof(leaf, tree.proof(leaf)), tree.root);
      }
    }
  });

  it("does not depend on the order or case of the leaves given", () => {
    const leaves = randomLeaves(9);
    const upper = leaves.map((leaf) => `0x${leaf.slice(2).toUpperCase()}` as Hex);
    assert.equal(new LeafHashTree([...leaves].reverse()).root, new LeafHashTree(upper).root);
  });

  it("refuses no leaves and a proof of a non-leaf", () => {
    assert.throws(() => new LeafHashTree([]), /at least one leaf/);
    const tree = new LeafHashTree(randomLeaves(3));
    assert.equal(tree.has(newSalt()), false);
    assert.throws(() => tree.proof(newSalt()), /not a leaf/);
    assert.throws(() => tree.multiProof([newSalt()]), /not a leaf/);
    const leaf = tree.nodes[tree.nodes.length - 1]!;
    assert.throws(() => tree.multiProof([leaf, leaf]), /named twice/);
  });

  it("has OpenZeppelin StandardMerkleTree's multiproofs, for every subset of 1 to 7 leaves and some of 12", () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7, 12]) {
      const { tree: reference, values } = randomTree(n);
      const leaves = values.map(([typeId, name, value, salt]) => fieldLeafHash(typeId, name, value, salt));
      const tree = new LeafHashTree(leaves);
      for (const subset of n <= 7 ? subsets(n) : [[0], [11], [0, 5, 11], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]) {
        const expected = reference.getMultiProof(subset);
        const actual = tree.multiProof(subset.map((i) => leaves[i]!));
        assert.deepEqual(
          actual.leaves,
          expected.leaves.map(([typeId, name, value, salt]) => fieldLeafHash(typeId, name, value, salt)),
        );
        assert.deepEqual(actual.proof, expected.proof);
        assert.deepEqual(actual.proofFlags, expected.proofFlags);
        assert.equal(processMultiProof(actual), tree.root);
      }
    }
  });
});
