import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { InvalidParameterError } from "../../../errors/parameter.ts";
import type { MatterVersionDefinition } from "./definition.ts";
import {
  decodeMatterVersion,
  dependencyIndexes,
  dependencyMask,
  encodeMatterVersion,
  materialWordsOf,
  stepWordsOf,
  unpackMaterialWord,
  unpackStepWord,
} from "./encode.ts";

const RULE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** The VR experience hall's shape (department and type ids illustrative), in canonical form. */
const vrHall: Required<MatterVersionDefinition> = {
  steps: [
    { departmentId: 1, dependsOn: [], timeLimit: 3 },
    { departmentId: 2, dependsOn: [0], timeLimit: 8 },
    { departmentId: 3, dependsOn: [0], timeLimit: 12 },
    { departmentId: 4, dependsOn: [1], timeLimit: 6, rule: RULE },
    { departmentId: 5, dependsOn: [0], timeLimit: 9 },
    { departmentId: 6, dependsOn: [1, 2, 3, 4], timeLimit: 9, issues: 5 },
  ],
  materials: [
    { kind: "licence", licenceTypeId: 1, name: "营业执照", consent: { departmentId: 6, fieldMask: 0b1010n } },
    { kind: "licence", licenceTypeId: 2, name: "经营场所不动产权证书" },
    { kind: "upload", name: "消防设计文件" },
    { kind: "upload", name: "授权委托书（代办）", condition: 2 },
  ],
  links: [{ matterId: 3, mode: "startOnConsent" }],
  visits: 1,
  baseline: { materials: 41, workingDays: 47, visits: 6 },
};

const expectInvalid = (definition: MatterVersionDefinition, parameter: string, reason: RegExp) =>
  assert.throws(
    () => encodeMatterVersion(definition),
    (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError);
      assert.equal(error.parameter, parameter);
      assert.match(error.reason, reason);
      assert.match(error.messages.zh, /未发送任何交易/);
      return true;
    },
  );

describe("matter encoder", () => {
  it("round-trips a readable definition through the contract's VersionInput", () => {
    const input = encodeMatterVersion(vrHall);
    assert.equal(input.outputLicenceTypeId, 5);
    assert.equal(input.outputStep, 5);
    assert.equal(input.steps[5]!.dependsOn, 0b11110);
    assert.deepEqual(decodeMatterVersion(input), vrHall);
    assert.deepEqual(encodeMatterVersion(decodeMatterVersion(input)), input);
  });

  it("fills defaults: no dependencies, no output, no links, zero baseline", () => {
    const input = encodeMatterVersion({ steps: [{ departmentId: 7, timeLimit: 15 }], materials: [] });
    assert.deepEqual(input, {
      steps: [{ departmentId: 7, dependsOn: 0, timeLimit: 15, rule: "0x0000000000000000000000000000000000000000" }],
      materials: [],
      outputLicenceTypeId: 0,
      outputStep: 0,
      visits: 0,
      links: [],
      baseline: { materials: 0, workingDays: 0, visits: 0 },
    });
  });

  it("packs step and material words as the catalogue stores them, and unpacks them", () => {
    const input = encodeMatterVersion(vrHall);
    const steps = stepWordsOf(input).map((word, index) => unpackStepWord(word, index));
    assert.deepEqual(
      steps.map((s) => [s.departmentId, s.dependsOn, s.timeLimit, s.rule, s.isOutput]),
      vrHall.steps.map((s, i) => [s.departmentId, s.dependsOn, s.timeLimit, s.rule, i === 5]),
    );
    assert.equal(stepWordsOf(input)[0], 1n | (3n << 64n));
    assert.deepEqual(materialWordsOf(input).map(unpackMaterialWord), [
      { kind: 0, licenceTypeId: 1, condition: 0 },
      { kind: 0, licenceTypeId: 2, condition: 0 },
      { kind: 1, licenceTypeId: 0, condition: 0 },
      { kind: 1, licenceTypeId: 0, condition: 2 },
    ]);
  });

  it("converts dependency masks both ways", () => {
    assert.equal(dependencyMask([0, 3, 15]), 0b1000000000001001);
    assert.deepEqual(dependencyIndexes(0b1000000000001001), [0, 3, 15]);
  });

  it("rejects a dependency on a step that does not exist", () => {
    expectInvalid(
      {
        steps: [
          { departmentId: 1, timeLimit: 3 },
          { departmentId: 2, dependsOn: [2], timeLimit: 3 },
        ],
        materials: [],
      },
      "steps[1].dependsOn[0]",
      /step 2, which does not exist/,
    );
  });

  it("rejects a cycle, naming it", () => {
    expectInvalid(
      {
        steps: [
          { departmentId: 1, dependsOn: [2], timeLimit: 3 },
          { departmentId: 2, dependsOn: [0], timeLimit: 3 },
          { departmentId: 3, dependsOn: [1], timeLimit: 3 },
        ],
        materials: [],
      },
      "steps[0].dependsOn",
      /cycle \(0 → 2 → 1 → 0\)/,
    );
    expectInvalid(
      { steps: [{ departmentId: 1, dependsOn: [0], timeLimit: 3 }], materials: [] },
      "steps[0].dependsOn[0]",
      /depends on itself/,
    );
  });

  it("rejects a dependency on a later step without a cycle", () => {
    expectInvalid(
      {
        steps: [
          { departmentId: 1, dependsOn: [1], timeLimit: 3 },
          { departmentId: 2, timeLimit: 3 },
        ],
        materials: [],
      },
      "steps[0].dependsOn",
      /later step 1/,
    );
  });

  it("rejects other malformed definitions", () => {
    const step = { departmentId: 1, timeLimit: 3 };
    expectInvalid({ steps: [], materials: [] }, "steps", /1 to 16 steps/);
    expectInvalid({ steps: [{ departmentId: 1, timeLimit: 0 }], materials: [] }, "steps[0].timeLimit", /1 to 1000/);
    expectInvalid({ steps: [{ departmentId: 0, timeLimit: 3 }], materials: [] }, "steps[0].departmentId", /from 1/);
    expectInvalid(
      {
        steps: [
          { ...step, issues: 1 },
          { ...step, issues: 2 },
        ],
        materials: [],
      },
      "steps[1].issues",
      /only one step/,
    );
    expectInvalid(
      { steps: [step], materials: [{ kind: "licence", licenceTypeId: 0, name: "营业执照" }] },
      "materials[0].licenceTypeId",
      /from 1/,
    );
    expectInvalid(
      { steps: [step], materials: [{ kind: "upload", name: "长".repeat(43) }] },
      "materials[0].name",
      /128 UTF-8 bytes/,
    );
    expectInvalid(
      {
        steps: [step],
        materials: [],
        links: [
          { matterId: 2, mode: "suggest" },
          { matterId: 2, mode: "suggest" },
        ],
      },
      "links[1].matterId",
      /linked twice/,
    );
  });
});
