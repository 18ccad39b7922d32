import assert from "node:assert/strict";
import { test } from "node:test";

import { encodeAbiParameters, keccak256, zeroHash, type Hex } from "viem";

import { checkConditionsDeclaration, checkDeclaredMaterials, conditionsCommitment } from "./conditions.ts";

const salt = `0x${"ab".repeat(32)}` as const;
const attorney = `0x${"22".repeat(32)}` as Hex; // an upload's content hash
const disability = `0x${"d1".repeat(32)}` as Hex; // a licence id

test("the commitment is keccak256(abi.encode(uint32 conditions, bytes32 salt, uint8[] materialIndexes, bytes32[] ids))", () => {
  const parameters = [{ type: "uint32" }, { type: "bytes32" }, { type: "uint8[]" }, { type: "bytes32[]" }] as const;
  const expected = keccak256(encodeAbiParameters(parameters, [2 | 32, salt, [5, 22], [disability, attorney]]));
  // materials in ascending index whatever the order given
  assert.deepEqual(
    conditionsCommitment(2 | 32, salt, [
      { material: 22, id: attorney },
      { material: 5, id: disability },
    ]),
    {
      conditions: 34,
      salt,
      materials: [
        { material: 5, id: disability },
        { material: 22, id: attorney },
      ],
      commitment: expected,
    },
  );
  assert.equal(conditionsCommitment(0, salt).commitment, keccak256(encodeAbiParameters(parameters, [0, salt, [], []])));
});

test("a fresh salt each time: the same flags and materials give unrelated commitments", () => {
  const a = conditionsCommitment(16);
  const b = conditionsCommitment(16);
  assert.notEqual(a.salt, b.salt);
  assert.notEqual(a.commitment, b.commitment);
  for (let mask = 0; mask < 64; mask++) {
    assert.notEqual(a.commitment, conditionsCommitment(mask, zeroHash).commitment);
  }
});

test("checkConditionsDeclaration: the declaration round-trips; a wrong flag, salt or material fails", () => {
  const declaration = conditionsCommitment(2 | 32, undefined, [
    { material: 22, id: attorney },
    { material: 5, id: disability },
  ]);
  const { commitment } = declaration;
  assert.equal(checkConditionsDeclaration(commitment, declaration), true);
  // as handed over (a JSON round trip, materials in any order, commitment in upper case)
  const handed = JSON.parse(JSON.stringify({ ...declaration, materials: [...declaration.materials].reverse() }));
  assert.equal(checkConditionsDeclaration(commitment.toUpperCase().replace("0X", "0x") as Hex, handed), true);
  const wrong = (change: Partial<typeof declaration>) =>
    checkConditionsDeclaration(commitment, { ...declaration, ...change });
  assert.equal(wrong({ conditions: 2 }), false);
  assert.equal(wrong({ salt: zeroHash }), false);
  assert.equal(wrong({ salt: "0x12" }), false);
  assert.equal(wrong({ conditions: -1 }), false);
  assert.equal(wrong({ materials: [{ material: 22, id: attorney }] }), false, "a material left out");
  assert.equal(
    wrong({
      materials: [
        { material: 5, id: disability },
        { material: 22, id: disability },
      ],
    }),
    false,
    "another document for a material",
  );
  assert.equal(
    wrong({
      materials: [
        { material: 6, id: disability },
        { material: 22, id: attorney },
      ],
    }),
    false,
    "another material index",
  );
});

test("conditionsCommitment refuses what is no uint32 mask, 32-byte salt or id, or a repeated material", () => {
  assert.throws(() => conditionsCommitment(2 ** 32), RangeError);
  assert.throws(() => conditionsCommitment(1.5), RangeError);
  assert.throws(() => conditionsCommitment(1, "0x1234"), RangeError);
  assert.throws(() => conditionsCommitment(1, salt, [{ material: 256, id: attorney }]), RangeError);
  assert.throws(() => conditionsCommitment(1, salt, [{ material: 1, id: "0x22" }]), RangeError);
  assert.throws(
    () =>
      conditionsCommitment(1, salt, [
        { material: 1, id: attorney },
        { material: 1, id: disability },
      ]),
    RangeError,
  );
});

test("checkDeclaredMaterials: the conditional materials the flags call for, and those they do not", () => {
  const materials = [
    { kind: "licence" as const }, // 0: always
    { kind: "upload" as const, condition: 2 }, // 1: handled by an agent
    { kind: "licence" as const, condition: 32 }, // 2: disabled applicant
    { kind: "upload" as const, condition: 1 }, // 3: premises underground
  ];
  assert.deepEqual(checkDeclaredMaterials(materials, { conditions: 0, materials: [] }), {
    missing: [],
    unexpected: [],
  });
  assert.deepEqual(
    checkDeclaredMaterials(materials, { conditions: 2 | 32, materials: [{ material: 1, id: attorney }] }),
    {
      missing: [2],
      unexpected: [],
    },
  );
  assert.deepEqual(
    checkDeclaredMaterials(materials, {
      conditions: 2,
      materials: [
        { material: 0, id: disability },
        { material: 1, id: attorney },
        { material: 3, id: attorney },
      ],
    }),
    { missing: [], unexpected: [0, 3] },
  );
});
