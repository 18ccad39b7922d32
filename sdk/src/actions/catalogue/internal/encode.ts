/**
 * The one encoder between readable matter definitions ({@link MatterVersionDefinition}) and the
 * ServiceCatalog's forms: the `VersionInput` struct a catalogue editor sends, and the packed step
 * and material words the catalogue stores and the approval engine reads (`stepsOf`, `materialsOf`,
 * `submissionInfo`). Every definition is checked here, before anything is signed or sent.
 */
import { getAddress, zeroAddress, type Address, type ContractFunctionArgs } from "viem";

import { LinkMode, MaterialKind } from "../../../chain/enums.ts";
import type { serviceCatalogAbi } from "../../../generated/abis.ts";
import { Check } from "../../../utils/input.ts";
import {
  MAX_MATTER_LINKS,
  MAX_MATTER_MATERIALS,
  MAX_MATTER_NAME_BYTES,
  MAX_MATTER_STEPS,
  MAX_STEP_TIME_LIMIT,
  type LinkDefinition,
  type MaterialDefinition,
  type MatterStepInfo,
  type MatterVersionDefinition,
  type StepDefinition,
} from "./definition.ts";

/** The contract's `IServiceCatalog.VersionInput`, as viem encodes it. */
export type MatterVersionInput = ContractFunctionArgs<typeof serviceCatalogAbi, "nonpayable", "registerMatter">[2];

/** A version as `getVersion` returns it (or a `MatterVersionInput`): what {@link decodeMatterVersion} reads. */
export type StoredVersion = {
  steps: readonly { departmentId: number; dependsOn: number; timeLimit: number; rule: Address }[];
  materials: readonly {
    kind: number;
    licenceTypeId: number;
    condition: number;
    consentDepartmentId: number;
    consentFieldMask: bigint;
    name: string;
  }[];
  outputLicenceTypeId: number;
  outputStep: number;
  visits: number;
  links: readonly { matterId: number; mode: number }[];
  baseline: { materials: number; workingDays: number; visits: number };
};

// Bit offsets of the packed words: contracts/utils/CatalogueWords.sol defines them; test/CatalogueWords.ts
// holds this encoder to that library.
const STEP_DEPENDS_ON_SHIFT = 32n;
const STEP_TIME_LIMIT_SHIFT = 64n;
const STEP_RULE_SHIFT = 80n;
const STEP_OUTPUT_BIT = 240n;
const MATERIAL_TYPE_SHIFT = 8n;
const MATERIAL_CONDITION_SHIFT = 40n;
const MASK_8 = 0xffn;
const MASK_16 = 0xffffn;
const MASK_32 = 0xffffffffn;
const MASK_160 = (1n << 160n) - 1n;

const LINK_MODES = { suggest: LinkMode.Suggest, startOnConsent: LinkMode.StartOnConsent } as const;

/** A dependency mask from step indexes (bit i = step i). */
export function dependencyMask(indexes: readonly number[]): number {
  return indexes.reduce((mask, index) => (mask | (1 << index)) >>> 0, 0);
}

/** The step indexes of a dependency mask, ascending. */
export function dependencyIndexes(mask: number): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < 32; i++) if (((mask >>> i) & 1) === 1) indexes.push(i);
  return indexes;
}

/**
 * Checks a readable matter version and encodes it as the contract's `VersionInput`.
 *
 * @throws {InvalidParameterError} naming the first bad field (e.g. `steps[3].dependsOn[0]`): a
 * dependency on a step that does not exist, on itself, on a later step, or a cycle; a time limit
 * out of 1..1000; two issuing steps; a licence material without a type; a name too long; …
 *
 * @example
 * const input = encodeMatterVersion({
 *   steps: [
 *     { departmentId: samr, timeLimit: 3 },
 *     { departmentId: culture, dependsOn: [0], timeLimit: 9, issues: entertainmentLicenceType },
 *   ],
 *   materials: [{ kind: "licence", licenceTypeId: businessLicenceType, name: "营业执照" }],
 *   visits: 1,
 * });
 */
export function encodeMatterVersion(
  definition: MatterVersionDefinition,
  check: Check = new Check("encodeMatterVersion"),
): MatterVersionInput {
  if (typeof definition !== "object" || definition === null) check.fail("definition", "expected an object", "应为对象");
  const steps = checkSteps(check, definition.steps);
  let outputStep = 0;
  let outputLicenceTypeId = 0;
  for (const [index, step] of (definition.steps as readonly StepDefinition[]).entries()) {
    if (step.issues === undefined) continue;
    if (outputLicenceTypeId !== 0) {
      check.fail(
        `steps[${index}].issues`,
        `step ${outputStep} already issues the output licence: only one step may issue it`,
        `第 ${outputStep} 步已签发结果证照，只能有一个步骤签发`,
      );
    }
    outputLicenceTypeId = check.uint(`steps[${index}].issues`, step.issues, 32, 1);
    outputStep = index;
  }
  const links = definition.links ?? [];
  if (!Array.isArray(links) || links.length > MAX_MATTER_LINKS) {
    check.fail("links", `expected at most ${MAX_MATTER_LINKS} links`, `关联事项最多 ${MAX_MATTER_LINKS} 个`);
  }
  const baseline = definition.baseline ?? { materials: 0, workingDays: 0, visits: 0 };
  return {
    steps,
    materials: checkMaterials(check, definition.materials),
    outputLicenceTypeId,
    outputStep,
    visits: check.uint("visits", definition.visits ?? 0, 8),
    links: (links as readonly LinkDefinition[]).map((link, index) => checkLink(check, link, index, links)),
    baseline: {
      materials: check.uint("baseline.materials", baseline.materials, 16),
      workingDays: check.uint("baseline.workingDays", baseline.workingDays, 16),
      visits: check.uint("baseline.visits", baseline.visits, 8),
    },
  };
}

function checkSteps(check: Check, steps: unknown): MatterVersionInput["steps"][number][] {
  if (!Array.isArray(steps) || steps.length === 0 || steps.length > MAX_MATTER_STEPS) {
    check.fail("steps", `expected 1 to ${MAX_MATTER_STEPS} steps`, `步骤应为 1 到 ${MAX_MATTER_STEPS} 个`);
  }
  const list = steps as readonly StepDefinition[];
  const dependencies = list.map((step, index) => {
    const at = `steps[${index}]`;
    if (typeof step !== "object" || step === null) check.fail(at, "expected a step object", "应为步骤对象");
    const dependsOn = step.dependsOn ?? [];
    if (!Array.isArray(dependsOn))
      check.fail(`${at}.dependsOn`, "expected an array of step indexes", "应为步骤序号数组");
    const seen = new Set<number>();
    for (const [k, dependency] of (dependsOn as readonly number[]).entries()) {
      const here = `${at}.dependsOn[${k}]`;
      if (!Number.isInteger(dependency) || dependency < 0 || dependency >= list.length) {
        check.fail(
          here,
          `step ${index} depends on step ${String(dependency)}, which does not exist (steps are numbered 0 to ${list.length - 1})`,
          `第 ${index} 步依赖的第 ${String(dependency)} 步不存在（步骤编号为 0 到 ${list.length - 1}）`,
        );
      }
      if (dependency === index) {
        check.fail(here, `step ${index} depends on itself (a cycle)`, `第 ${index} 步依赖自身（循环依赖）`);
      }
      if (seen.has(dependency)) check.fail(here, `step ${dependency} is listed twice`, `第 ${dependency} 步重复列出`);
      seen.add(dependency);
    }
    return [...seen];
  });
  const cycle = findCycle(dependencies);
  if (cycle) {
    const path = [...cycle, cycle[0]].join(" → ");
    check.fail(
      `steps[${cycle[0]}].dependsOn`,
      `the steps depend on each other in a cycle (${path}): no step of it could ever start`,
      `步骤之间存在循环依赖（${path}），这些步骤永远无法开始`,
    );
  }
  return list.map((step, index) => {
    const at = `steps[${index}]`;
    const later = dependencies[index]!.find((dependency) => dependency > index);
    if (later !== undefined) {
      check.fail(
        `${at}.dependsOn`,
        `step ${index} depends on the later step ${later}: list the steps so that each comes after the steps it waits for`,
        `第 ${index} 步依赖其后的第 ${later} 步：请按先后顺序排列步骤，被依赖的步骤在前`,
      );
    }
    const rule = step.rule === undefined ? zeroAddress : getAddress(check.address(`${at}.rule`, step.rule));
    return {
      departmentId: check.departmentId(`${at}.departmentId`, step.departmentId),
      dependsOn: dependencyMask(dependencies[index]!),
      timeLimit: checkTimeLimit(check, `${at}.timeLimit`, step.timeLimit),
      rule,
    };
  });
}

function checkTimeLimit(check: Check, parameter: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_STEP_TIME_LIMIT) {
    check.fail(
      parameter,
      `expected a time limit of 1 to ${MAX_STEP_TIME_LIMIT} working days`,
      `时限应为 1 到 ${MAX_STEP_TIME_LIMIT} 个工作日`,
    );
  }
  return value;
}

/** A cycle among the steps' dependencies (as step indexes, in order), if any. */
function findCycle(dependencies: readonly number[][]): number[] | undefined {
  const state = new Array<0 | 1 | 2>(dependencies.length).fill(0); // 0 new, 1 on the path, 2 done
  const path: number[] = [];
  const visit = (node: number): number[] | undefined => {
    state[node] = 1;
    path.push(node);
    for (const next of dependencies[node]!) {
      if (state[next] === 1) return path.slice(path.indexOf(next));
      if (state[next] === 0) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state[node] = 2;
    return undefined;
  };
  for (let node = 0; node < dependencies.length; node++) {
    if (state[node] === 0) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}

function checkMaterials(check: Check, materials: unknown): MatterVersionInput["materials"][number][] {
  if (!Array.isArray(materials) || materials.length > MAX_MATTER_MATERIALS) {
    check.fail(
      "materials",
      `expected at most ${MAX_MATTER_MATERIALS} materials`,
      `材料最多 ${MAX_MATTER_MATERIALS} 项`,
    );
  }
  return (materials as readonly MaterialDefinition[]).map((material, index) => {
    const at = `materials[${index}]`;
    if (typeof material !== "object" || material === null) check.fail(at, "expected a material object", "应为材料对象");
    const name = check.text(`${at}.name`, material.name, { maxBytes: MAX_MATTER_NAME_BYTES });
    const condition = check.uint(`${at}.condition`, material.condition ?? 0, 32);
    if (material.kind === "upload") {
      const extra = material as { licenceTypeId?: unknown; consent?: unknown };
      if (extra.licenceTypeId !== undefined || extra.consent !== undefined) {
        check.fail(at, "an upload names no licence type and no consent", "上传材料不能指定证照类型或授权");
      }
      return {
        kind: MaterialKind.Upload,
        licenceTypeId: 0,
        condition,
        consentDepartmentId: 0,
        consentFieldMask: 0n,
        name,
      };
    }
    if (material.kind !== "licence") {
      check.fail(`${at}.kind`, `expected "licence" or "upload"`, `应为 "licence"（证照）或 "upload"（上传）`);
    }
    const consent = material.consent;
    return {
      kind: MaterialKind.Licence,
      licenceTypeId: check.uint(`${at}.licenceTypeId`, material.licenceTypeId, 32, 1),
      condition,
      consentDepartmentId:
        consent === undefined ? 0 : check.departmentId(`${at}.consent.departmentId`, consent.departmentId),
      consentFieldMask:
        consent === undefined ? 0n : check.bigUint(`${at}.consent.fieldMask`, consent.fieldMask ?? 0n, 128),
      name,
    };
  });
}

function checkLink(check: Check, link: LinkDefinition, index: number, links: readonly LinkDefinition[]) {
  const at = `links[${index}]`;
  const matterId = check.uint(`${at}.matterId`, link?.matterId, 32, 1);
  if (links.findIndex((other) => other.matterId === matterId) !== index) {
    check.fail(`${at}.matterId`, `matter ${matterId} is linked twice`, `事项 ${matterId} 重复关联`);
  }
  if (!Object.hasOwn(LINK_MODES, link.mode)) {
    check.fail(
      `${at}.mode`,
      `expected "suggest" or "startOnConsent"`,
      `应为 "suggest"（推送）或 "startOnConsent"（经同意代为发起）`,
    );
  }
  return { matterId, mode: LINK_MODES[link.mode] };
}

/**
 * The readable form of a stored version (`getVersion`) or of a `MatterVersionInput`: the inverse of
 * {@link encodeMatterVersion} (optional fields that are zero are left out).
 *
 * @example
 * const definition = decodeMatterVersion(await readContract(client, {
 *   contract: "ServiceCatalog", functionName: "getVersion", args: [matterId, 1],
 * }));
 */
export function decodeMatterVersion(version: StoredVersion): Required<MatterVersionDefinition> {
  return {
    steps: version.steps.map((step, index) => ({
      departmentId: step.departmentId,
      dependsOn: dependencyIndexes(step.dependsOn),
      timeLimit: step.timeLimit,
      ...(step.rule === zeroAddress ? {} : { rule: getAddress(step.rule) }),
      ...(version.outputLicenceTypeId !== 0 && version.outputStep === index
        ? { issues: version.outputLicenceTypeId }
        : {}),
    })),
    materials: version.materials.map((material): MaterialDefinition => {
      const condition = material.condition === 0 ? {} : { condition: material.condition };
      if (material.kind === MaterialKind.Upload) return { kind: "upload", name: material.name, ...condition };
      return {
        kind: "licence",
        licenceTypeId: material.licenceTypeId,
        name: material.name,
        ...condition,
        ...(material.consentDepartmentId === 0
          ? {}
          : { consent: { departmentId: material.consentDepartmentId, fieldMask: material.consentFieldMask } }),
      };
    }),
    links: version.links.map((link) => ({
      matterId: link.matterId,
      mode: link.mode === LinkMode.StartOnConsent ? "startOnConsent" : "suggest",
    })),
    visits: version.visits,
    baseline: { ...version.baseline },
  };
}

/**
 * The packed word the catalogue stores for a step: departmentId (bits 0..31), dependsOn (32..63),
 * timeLimit (64..79), rule (80..239), and bit 240 when it is the output step of a version with an
 * output licence type.
 */
export function packStepWord(step: MatterVersionInput["steps"][number], isOutput: boolean): bigint {
  return (
    BigInt(step.departmentId) |
    (BigInt(step.dependsOn) << STEP_DEPENDS_ON_SHIFT) |
    (BigInt(step.timeLimit) << STEP_TIME_LIMIT_SHIFT) |
    (BigInt(step.rule) << STEP_RULE_SHIFT) |
    (isOutput ? 1n << STEP_OUTPUT_BIT : 0n)
  );
}

/** A step's packed word (`stepsOf`, `stepOf`, `submissionInfo`), decoded. */
export function unpackStepWord(word: bigint, index: number): MatterStepInfo {
  const rule = (word >> STEP_RULE_SHIFT) & MASK_160;
  return {
    index,
    departmentId: Number(word & MASK_32),
    dependsOn: dependencyIndexes(Number((word >> STEP_DEPENDS_ON_SHIFT) & MASK_32)),
    timeLimit: Number((word >> STEP_TIME_LIMIT_SHIFT) & MASK_16),
    ...(rule === 0n ? {} : { rule: getAddress(`0x${rule.toString(16).padStart(40, "0")}`) }),
    isOutput: ((word >> STEP_OUTPUT_BIT) & 1n) === 1n,
  };
}

/** The packed word of a material: kind (bits 0..7), licenceTypeId (8..39), condition (40..71). */
export function packMaterialWord(material: MatterVersionInput["materials"][number]): bigint {
  return (
    BigInt(material.kind) |
    (BigInt(material.licenceTypeId) << MATERIAL_TYPE_SHIFT) |
    (BigInt(material.condition) << MATERIAL_CONDITION_SHIFT)
  );
}

/** A material's packed word (`materialsOf`, `submissionInfo`), decoded. */
export function unpackMaterialWord(word: bigint): { kind: MaterialKind; licenceTypeId: number; condition: number } {
  return {
    kind: Number(word & MASK_8) as MaterialKind,
    licenceTypeId: Number((word >> MATERIAL_TYPE_SHIFT) & MASK_32),
    condition: Number((word >> MATERIAL_CONDITION_SHIFT) & MASK_32),
  };
}

/** The step words the catalogue stores for a `MatterVersionInput` (as `stepsOf` returns them). */
export function stepWordsOf(input: MatterVersionInput): bigint[] {
  return input.steps.map((step, index) =>
    packStepWord(step, input.outputLicenceTypeId !== 0 && input.outputStep === index),
  );
}

/** The material words the catalogue stores for a `MatterVersionInput` (as `materialsOf` returns them). */
export function materialWordsOf(input: MatterVersionInput): bigint[] {
  return input.materials.map(packMaterialWord);
}
