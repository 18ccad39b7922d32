import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { encodeAbiParameters, keccak256, parseAbiParameters, type Hex } from "viem";

import { FIXED_SALT } from "../test/fixtures.ts";
import { FIELD_LEAF_ENCODING, fieldLeafHash, licenceTree, newSalt, type FieldLeafValue } from "./leaf.ts";

describe("fieldLeafHash", () => {
  it("is keccak256(keccak256(abi.encode(uint32, string, string, bytes32))) computed by hand with viem", () => {
    const encoded = encodeAbiParameters(
      parseAbiParameters("uint32 typeId, string fieldName, string value, bytes32 salt"),
      [7, "registeredAddress", "北京市海淀区中关村大街1号", FIXED_SALT],
    );
    const expected = keccak256(keccak256(encoded));
    assert.equal(fieldLeafHash(7, "registeredAddress", "北京市海淀区中关村大街1号", FIXED_SALT), expected);
  });

  it("encodes by hand exactly as viem's encoder at word boundaries, long UTF-8 and the largest type id", () => {
    const texts = ["", "a", "x".repeat(31), "x".repeat(32), "x".repeat(33), "北京".repeat(11), "😀".repeat(40)];
    for (const typeId of [0, 1, 0xffff_ffff]) {
      for (const name of texts) {
        for (const value of texts) {
          const encoded = encodeAbiParameters(
            parseAbiParameters("uint32 typeId, string fieldName, string value, bytes32 salt"),
            [typeId, name, value, FIXED_SALT],
          );
          assert.equal(fieldLeafHash(typeId, name, value, FIXED_SALT), keccak256(keccak256(encoded)));
        }
      }
    }
    assert.throws(() => fieldLeafHash(2 ** 32, "name", "A", FIXED_SALT));
    assert.throws(() => fieldLeafHash(1, "name", "A", "0x1234"));
  });

  it("equals the leaf hash of OpenZeppelin's StandardMerkleTree", () => {
    const values: FieldLeafValue[] = [
      [1, "holder", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", FIXED_SALT],
      [1, "name", "北京示例科技有限公司", newSalt()],
      [1, "empty", "", newSalt()],
    ];
    const tree = StandardMerkleTree.of(values, [...FIELD_LEAF_ENCODING]);
    for (const value of values) assert.equal(fieldLeafHash(...value), tree.leafHash(value));
  });

  it("matches the fixed test vectors the contracts' tests use", () => {
    assert.equal(
      fieldLeafHash(1, "registeredAddress", "北京市海淀区中关村大街1号", FIXED_SALT),
      "0xc054d4fca8e86cadf3e1a1ac7277c9b96224818ea8d37079b52ce731f264eefd",
    );
    assert.equal(
      fieldLeafHash(1, "holder", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", FIXED_SALT),
      "0x8ad82a5132a67c17d01ccd3c88497814d4b1380a6fe4ac8db6cd2e0cd254f9f6",
    );
  });

  it("changes with every part of the leaf", () => {
    const base = fieldLeafHash(1, "name", "A", FIXED_SALT);
    const otherSalt = `0x${"11".repeat(32)}` as Hex;
    assert.notEqual(fieldLeafHash(2, "name", "A", FIXED_SALT), base);
    assert.notEqual(fieldLeafHash(1, "nam", "A", FIXED_SALT), base);
    assert.notEqual(fieldLeafHash(1, "name", "a", FIXED_SALT), base);
    assert.notEqual(fieldLeafHash(1, "name", "A", otherSalt), base);
    // abi.encode pads and length-prefixes, so moving characters between name and value changes the hash.
    assert.notEqual(fieldLeafHash(1, "nameA", "", FIXED_SALT), fieldLeafHash(1, "name", "A", FIXED_SALT));
  });
});

describe("newSalt", () => {
  it("returns 32 bytes of lowercase hex, different every time (CSPRNG)", () => {
    const salts = Array.from({ length: 64 }, () => newSalt());
    for (const salt of salts) assert.match(salt, /^0x[0-9a-f]{64}$/);
    assert.equal(new Set(salts).size, salts.length);
  });
});

describe("licenceTree", () => {
  it("has the same root whatever the order of the fields (leaves are sorted)", () => {
    const fields = ["a", "b", "c", "d", "e"].map((name) => ({ name, value: name.toUpperCase(), salt: newSalt() }));
    const root = licenceTree(1, fields).root;
    assert.equal(licenceTree(1, [...fields].reverse()).root, root);
    assert.equal(licenceTree(1, [fields[2]!, fields[0]!, fields[4]!, fields[1]!, fields[3]!]).root, root);
    assert.notEqual(licenceTree(2, fields).root, root);
  });
});
