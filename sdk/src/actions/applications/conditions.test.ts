import assert from "node:assert/strict";
import { test } from "node:test";

import { encodeAbiParameters, keccak256, zeroHash } from "viem";

import { checkConditionsDeclaration, conditionsCommitment } from "./conditions.ts";

test("the commitment is keccak256(abi.encode(uint32 conditions, bytes32 salt))", () => {
  const salt = `0x${"ab".repeat(32)}` as const;
  const expected = keccak256(encodeAbiParameters([{ type: "uint32" }, { type: "bytes32" }], [2 | 32, salt]));
  assert.deepEqual(conditionsCommitment(2 | 32, salt), { conditions: 34, salt, commitment: expected });
});

test("a fresh salt each time: the same flags give unrelated commitments, none the unsalted hash", () => {
  const a = conditionsCommitment(16);
  const b = conditionsCommitment(16);
  assert.notEqual(a.salt, b.salt);
  assert.notEqual(a.commitment, b.commitment);
  for (let mask = 0; mask < 64; mask++) {
    assert.notEqual(a.commitment, conditionsCommitment(mask, zeroHash).commitment);
  }
});

test("checkConditionsDeclaration accepts the declaration and nothing else", () => {
  const { conditions, salt, commitment } = conditionsCommitment(8);
  assert.equal(checkConditionsDeclaration(commitment, conditions, salt), true);
  assert.equal(
    checkConditionsDeclaration(commitment.toUpperCase().replace("0X", "0x") as `0x${string}`, 8, salt),
    true,
  );
  assert.equal(checkConditionsDeclaration(commitment, 0, salt), false);
  assert.equal(checkConditionsDeclaration(commitment, 8, zeroHash), false);
  assert.equal(checkConditionsDeclaration(commitment, -1, salt), false);
  assert.equal(checkConditionsDeclaration(commitment, 8, "0x12"), false);
});

test("refuses a mask that is not a uint32 or a salt that is not 32 bytes", () => {
  assert.throws(() => conditionsCommitment(2 ** 32), RangeError);
  assert.throws(() => conditionsCommitment(1.5), RangeError);
  assert.throws(() => conditionsCommitment(1, "0x1234"), RangeError);
});
