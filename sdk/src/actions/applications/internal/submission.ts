/**
 * Shared by the submit actions: a submission's licences and uploads matched to the matter's
 * current materials and checked against them (kinds, types, conditions, nothing missing or
 * repeated) before anything is signed or sent. Neither the conditions nor the conditional
 * materials go on chain: the submission carries the unconditional materials and a salted
 * commitment to the flags and the conditional materials, and the declaration (conditions, salt,
 * conditional materials) is returned to the caller, to be handed to the reviewing departments.
 */
import type { ContractFunctionArgs, Hex } from "viem";

import type { OneWindowClient } from "../../../chain/client.ts";
import { MaterialKind } from "../../../chain/enums.ts";
import { readContract } from "../../../chain/read.ts";
import type { approvalEngineAbi } from "../../../generated/abis.ts";
import type { LicenceFile } from "../../../licence/format.ts";
import { heldLicence, type HeldLicence } from "../../../licence/present.ts";
import { unpackMaterialWord } from "../../catalogue/internal/encode.ts";
import type { Check } from "../../../utils/input.ts";
import { conditionsCommitment, type ConditionsDeclaration, type DeclaredMaterial } from "./conditions.ts";

/** The contract's `IApprovalEngine.Submission`. */
export type Submission = ContractFunctionArgs<typeof approvalEngineAbi, "nonpayable", "submit">[0];

/** A licence the applicant presents: its file (or presentation) and the material it stands for. */
export type PresentedLicence = {
  /** The holder's licence file, or its presentation (`heldLicence(file)`). */
  licence: LicenceFile | HeldLicence;
  /**
   * Index of the material it is for; default: the first required licence material of its type
   * (only with a licence file, which names its type).
   */
  material?: number | undefined;
};

/** An uploaded document: only its content hash goes on chain (or, for a conditional material, in the declaration). */
export type UploadedMaterial = {
  /** Index of the upload material. */
  material: number;
  /** Hash of the encrypted document held by the exchange. */
  contentHash: Hex;
};

/** What the applicant submits, readable. */
export type SubmissionParameters = {
  /** The matter (its current version is used). */
  matterId: number;
  /**
   * Condition flags of the applicant's situation (default 0). They decide which conditional
   * materials are required (checked here); only a salted commitment to them goes on chain.
   */
  conditions?: number | undefined;
  /**
   * Licences pulled from the chain (default none); those for conditional materials go in the
   * declaration (their ids), not on chain.
   */
  licences?: readonly PresentedLicence[] | undefined;
  /**
   * Uploaded documents (default none); those for conditional materials go in the declaration
   * (their content hashes), not on chain.
   */
  uploads?: readonly UploadedMaterial[] | undefined;
};

/** A checked submission and the applicant's declaration of conditions behind its commitment. */
export type BuiltSubmission = { submission: Submission; declaration: ConditionsDeclaration };

/**
 * The checked `Submission` and its conditions declaration: every material required under the
 * conditions must be given; the unconditional ones go in the submission (the chain checks them),
 * the conditional ones in the declaration (the departments check them). `inheritedTypeId`: a
 * licence type the parent's output licence stands for (a linked start), so one unconditional
 * licence material of it may be left out.
 */
export async function buildSubmission(
  client: OneWindowClient,
  check: Check,
  parameters: SubmissionParameters,
  inheritedTypeId = 0,
): Promise<BuiltSubmission> {
  const matterId = check.uint("matterId", parameters.matterId, 32, 1);
  const conditions = check.uint("conditions", parameters.conditions ?? 0, 32);
  const [version, , words] = await readContract(client, {
    contract: "ServiceCatalog",
    functionName: "submissionInfo",
    args: [matterId],
  });
  if (version === 0) {
    check.fail(
      "matterId",
      `matter ${matterId} is unknown or closed to new applications`,
      `事项 ${matterId} 不存在或已暂停受理`,
    );
  }
  const materials = words.map(unpackMaterialWord);
  const required = materials.map((m) => m.condition === 0 || (conditions & m.condition) !== 0);
  const taken = new Set<number>();
  const take = (at: string, index: unknown, kind: MaterialKind): number => {
    const material = check.uint(at, index, 8);
    const wanted = materials[material];
    if (wanted === undefined) {
      check.fail(
        at,
        `the matter has no material ${material} (it has ${materials.length})`,
        `该事项没有第 ${material} 项材料`,
      );
    }
    if (wanted.kind !== kind) {
      check.fail(
        at,
        `material ${material} is ${wanted.kind === MaterialKind.Licence ? "a licence" : "an upload"}`,
        `第 ${material} 项材料应为${wanted.kind === MaterialKind.Licence ? "证照" : "上传文件"}`,
      );
    }
    if (!required[material]) {
      check.fail(
        at,
        `material ${material} is not required under conditions ${conditions}`,
        `在当前情形下无需第 ${material} 项材料`,
      );
    }
    if (taken.has(material)) check.fail(at, `material ${material} is given twice`, `第 ${material} 项材料重复提交`);
    taken.add(material);
    return material;
  };

  const licenceMaterials: number[] = [];
  const licences: HeldLicence[] = [];
  const declared: DeclaredMaterial[] = [];
  for (const [i, presented] of (parameters.licences ?? []).entries()) {
    const at = `licences[${i}]`;
    const licence = presented?.licence;
    if (typeof licence !== "object" || licence === null)
      check.fail(`${at}.licence`, "expected a licence file", "应为证照文件");
    const file = "holderProof" in licence ? undefined : licence;
    let index = presented.material;
    if (index === undefined) {
      if (file === undefined) {
        check.fail(`${at}.material`, "give the material index of a presentation (it names no type)", "请指定材料序号");
      }
      index = materials.findIndex(
        (m, k) => m.kind === MaterialKind.Licence && m.licenceTypeId === file.typeId && required[k] && !taken.has(k),
      );
      if (index < 0) {
        check.fail(
          `${at}.licence`,
          `the matter requires no (further) licence of type ${file.typeId}`,
          `该事项不需要（更多）类型 ${file.typeId} 的证照`,
        );
      }
    }
    const material = take(`${at}.material`, index, MaterialKind.Licence);
    if (file !== undefined && file.typeId !== materials[material]!.licenceTypeId) {
      check.fail(
        `${at}.licence`,
        `material ${material} needs a licence of type ${materials[material]!.licenceTypeId}, this one is of type ${file.typeId}`,
        `第 ${material} 项材料需要类型 ${materials[material]!.licenceTypeId} 的证照`,
      );
    }
    const held = file === undefined ? (licence as HeldLicence) : heldLicence(file);
    if (materials[material]!.condition !== 0) {
      declared.push({ material, id: held.licenceId });
      continue;
    }
    licenceMaterials.push(material);
    licences.push(held);
  }

  const uploads: { material: number; contentHash: Hex }[] = [];
  for (const [i, upload] of (parameters.uploads ?? []).entries()) {
    const material = take(`uploads[${i}].material`, upload?.material, MaterialKind.Upload);
    const contentHash = check.bytes32(`uploads[${i}].contentHash`, upload.contentHash, { nonZero: true });
    if (materials[material]!.condition !== 0) declared.push({ material, id: contentHash });
    else uploads.push({ material, contentHash });
  }

  let inherited = inheritedTypeId !== 0;
  for (const [k, m] of materials.entries()) {
    if (!required[k] || taken.has(k)) continue;
    if (inherited && m.condition === 0 && m.kind === MaterialKind.Licence && m.licenceTypeId === inheritedTypeId) {
      inherited = false; // the parent's output licence stands for it
      continue;
    }
    check.fail(
      m.kind === MaterialKind.Licence ? "licences" : "uploads",
      `required material ${k} (${m.kind === MaterialKind.Licence ? `a licence of type ${m.licenceTypeId}` : "an upload"}) is missing`,
      `缺少第 ${k} 项必需材料（${m.kind === MaterialKind.Licence ? `类型 ${m.licenceTypeId} 的证照` : "上传文件"}）`,
    );
  }
  const declaration = conditionsCommitment(conditions, undefined, declared);
  return {
    submission: { matterId, conditionsCommitment: declaration.commitment, licenceMaterials, licences, uploads },
    declaration,
  };
}
