import { expect } from "chai";
import { getAddress, zeroAddress } from "viem";

import {
  MaterialKind,
  dependencyIndexes,
  packMaterialWord,
  packStepWord,
  unpackMaterialWord,
  unpackStepWord,
} from "@onewindow/sdk";

import { ethers } from "./helpers/fixture.ts";

/**
 * The SDK's catalogue encoder (sdk/src/actions/catalogue/encode.ts) against the one Solidity
 * definition of the packed words (contracts/utils/CatalogueWords.sol), through a test harness.
 */
describe("CatalogueWords", () => {
  const MAX_32 = 2 ** 32 - 1;
  const steps = [
    { departmentId: 1, dependsOn: 0, timeLimit: 1, rule: zeroAddress, isOutput: false },
    {
      departmentId: 7,
      dependsOn: 0b1011,
      timeLimit: 15,
      rule: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
      isOutput: true,
    },
    { departmentId: MAX_32, dependsOn: 0x7fff, timeLimit: 1000, rule: zeroAddress, isOutput: true },
    // every field at its widest: the layout's edges
    {
      departmentId: MAX_32,
      dependsOn: MAX_32,
      timeLimit: 0xffff,
      rule: getAddress("0x" + "ff".repeat(20)),
      isOutput: true,
    },
    {
      departmentId: 0x80000000,
      dependsOn: 0x80000001,
      timeLimit: 0x8000,
      rule: "0x0000000000000000000000000000000000000001",
      isOutput: false,
    },
  ] as const;
  const materials = [
    { kind: MaterialKind.Licence, licenceTypeId: 1, condition: 0 },
    { kind: MaterialKind.Upload, licenceTypeId: 0, condition: 0b100 },
    { kind: MaterialKind.Licence, licenceTypeId: MAX_32, condition: MAX_32 },
    { kind: MaterialKind.Upload, licenceTypeId: 0, condition: 2 ** 31 },
    { kind: MaterialKind.Licence, licenceTypeId: 0x80000000, condition: 1 },
  ] as const;

  const deployHarness = () => ethers.deployContract("CatalogueWordsHarness");

  it("packs every step as the SDK does, and each reads the other's word", async () => {
    const harness = await deployHarness();
    for (const step of steps) {
      const sdkWord = packStepWord(step, step.isOutput);
      const word = await harness.packStep(step.departmentId, step.dependsOn, step.timeLimit, step.rule, step.isOutput);
      expect(word).to.equal(sdkWord);
      const [departmentId, dependsOn, timeLimit, rule, isOutput] = await harness.unpackStep(sdkWord);
      expect([Number(departmentId), Number(dependsOn), Number(timeLimit), rule, isOutput]).to.deep.equal([
        step.departmentId,
        step.dependsOn,
        step.timeLimit,
        getAddress(step.rule),
        step.isOutput,
      ]);
      expect(unpackStepWord(word, 3)).to.deep.equal({
        index: 3,
        departmentId: step.departmentId,
        dependsOn: dependencyIndexes(step.dependsOn),
        timeLimit: step.timeLimit,
        ...(step.rule === zeroAddress ? {} : { rule: getAddress(step.rule) }),
        isOutput: step.isOutput,
      });
    }
  });

  it("packs every material as the SDK does, and each reads the other's word", async () => {
    const harness = await deployHarness();
    for (const material of materials) {
      const sdkWord = packMaterialWord({ ...material, consentDepartmentId: 0, consentFieldMask: 0n, name: "x" });
      const word = await harness.packMaterial(material.kind, material.licenceTypeId, material.condition);
      expect(word).to.equal(sdkWord);
      const [kind, licenceTypeId, condition] = await harness.unpackMaterial(sdkWord);
      expect([Number(kind), Number(licenceTypeId), Number(condition)]).to.deep.equal([
        material.kind,
        material.licenceTypeId,
        material.condition,
      ]);
      expect(unpackMaterialWord(word)).to.deep.equal(material);
    }
  });

  it("keeps material words whole when three share a storage slot", async () => {
    const harness = await deployHarness();
    const words = materials.map((material) =>
      packMaterialWord({ ...material, consentDepartmentId: 0, consentFieldMask: 0n, name: "x" }),
    );
    const [slots, back] = await harness.roundTripSlots(words);
    expect(slots.length).to.equal(2);
    expect(back).to.deep.equal(words);
  });
});
