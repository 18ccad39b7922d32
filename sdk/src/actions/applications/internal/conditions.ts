/**
 * The applicant's condition flags (premises underground, handled by an agent, married, disabled …)
 * never go on chain, nor do the conditional materials they call for (a power of attorney, a
 * disability certificate): which materials an application presents would tell its conditions.
 * A submission carries only its unconditional materials and a salted commitment to the flags and
 * the conditional materials supplied. The applicant hands the declaration (flags, salt, conditional
 * materials) to the reviewing departments off chain, with the application; a department, or later
 * an auditor given the declaration, checks it against the commitment in the application's
 * `ApplicationSubmitted` event, and checks the conditional licences and documents itself.
 */
import { encodeAbiParameters, keccak256, type Hex } from "viem";

import { newSalt } from "../../../licence/leaf.ts";

/** A conditional material the applicant supplies off chain. */
export type DeclaredMaterial = {
  /** Index of the material in the matter version. */
  material: number;
  /** A licence material: the licence id; an upload material: the upload's content hash. */
  id: Hex;
};

/** What the applicant declared, and its commitment on chain. */
export type ConditionsDeclaration = {
  /** Condition flags of the applicant's situation (a uint32 mask). */
  conditions: number;
  /** The applicant's random 32-byte salt (keep it with the application; share it with its departments). */
  salt: Hex;
  /** The conditional materials supplied, in ascending material index. */
  materials: DeclaredMaterial[];
  /**
   * `keccak256(abi.encode(uint32 conditions, bytes32 salt, uint8[] materialIndexes, bytes32[] ids))`,
   * as in `Submission.conditionsCommitment`.
   */
  commitment: Hex;
};

/** The preimage of `Submission.conditionsCommitment` (documented in IApprovalEngine.sol). */
const COMMITMENT_PARAMETERS = [
  { type: "uint32" },
  { type: "bytes32" },
  { type: "uint8[]" },
  { type: "bytes32[]" },
] as const;

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * The commitment to a conditions mask and the conditional materials supplied,
 * `keccak256(abi.encode(uint32 conditions, bytes32 salt, uint8[] materialIndexes, bytes32[] ids))`
 * with the materials in ascending index; with a fresh random salt unless one is given. Without the
 * salt the commitment reveals nothing: two applicants with the same flags get unrelated commitments.
 *
 * @throws {RangeError} for a mask that is no uint32, a salt or id that is not 32 bytes, a material
 * index that is no uint8, or a material given twice.
 *
 * @example
 * import { conditionsCommitment } from "@onewindow/sdk";
 *
 * // handled by an agent: the power of attorney (upload material 22) goes in the declaration
 * const declaration = conditionsCommitment(2, undefined, [{ material: 22, id: powerOfAttorneyHash }]);
 * // submit declaration.commitment; give { conditions, salt, materials } to the departments
 */
export function conditionsCommitment(
  conditions: number,
  salt: Hex = newSalt(),
  materials: readonly DeclaredMaterial[] = [],
): ConditionsDeclaration {
  if (!Number.isInteger(conditions) || conditions < 0 || conditions > 0xffff_ffff) {
    throw new RangeError(`conditions must be a uint32 mask, got ${conditions}`);
  }
  if (!BYTES32.test(salt)) throw new RangeError(`salt must be 32 bytes of hex, got ${salt}`);
  const sorted = [...materials].sort((a, b) => a.material - b.material);
  for (const [i, { material, id }] of sorted.entries()) {
    if (!Number.isInteger(material) || material < 0 || material > 0xff) {
      throw new RangeError(`a material index must be a uint8, got ${material}`);
    }
    if (i > 0 && sorted[i - 1]!.material === material) throw new RangeError(`material ${material} is given twice`);
    if (typeof id !== "string" || !BYTES32.test(id)) {
      throw new RangeError(`the id of material ${material} must be 32 bytes of hex, got ${id}`);
    }
  }
  const commitment = keccak256(
    encodeAbiParameters(COMMITMENT_PARAMETERS, [
      conditions,
      salt,
      sorted.map((m) => m.material),
      sorted.map((m) => m.id),
    ]),
  );
  return { conditions, salt, materials: sorted.map(({ material, id }) => ({ material, id })), commitment };
}

/**
 * Whether a declaration (flags, salt and conditional materials, as handed over by the applicant)
 * matches the commitment of an application on chain. A reviewing department checks this before
 * relying on the declared flags and materials; it then checks the conditional licences (e.g. with
 * `verifyLicence` and the licence file or a consented disclosure) and documents itself, and that
 * every material the flags call for is declared ({@link checkDeclaredMaterials}).
 *
 * @example
 * import { checkConditionsDeclaration } from "@onewindow/sdk";
 *
 * if (!checkConditionsDeclaration(submitted.conditionsCommitment, declaration)) {
 *   // return the application for correction: the declaration is not the one committed to
 * }
 */
export function checkConditionsDeclaration(
  commitment: Hex,
  declaration: Pick<ConditionsDeclaration, "conditions" | "salt" | "materials">,
): boolean {
  try {
    const { conditions, salt, materials } = declaration;
    return conditionsCommitment(conditions, salt, materials).commitment.toLowerCase() === commitment.toLowerCase();
  } catch {
    return false;
  }
}

/** A material of the matter version, as far as the declaration check needs it. */
export type ConditionalMaterialInfo = { kind: "licence" | "upload"; condition?: number | undefined };

/**
 * The conditional materials the declared flags call for that the declaration does not supply, and
 * the declared ones that are not conditional or not called for (each by material index). Pure: give
 * it the matter version's materials (`getMatterMaterials(client, { matterId, version })`). A
 * department uses it after {@link checkConditionsDeclaration}.
 *
 * @example
 * const materials = await getMatterMaterials(client, { matterId, version: matterVersion });
 * const { missing, unexpected } = checkDeclaredMaterials(materials, declaration);
 * if (missing.length > 0 || unexpected.length > 0) {
 *   // return the application for correction
 * }
 */
export function checkDeclaredMaterials(
  materials: readonly ConditionalMaterialInfo[],
  declaration: Pick<ConditionsDeclaration, "conditions" | "materials">,
): { missing: number[]; unexpected: number[] } {
  const declared = new Set(declaration.materials.map((m) => m.material));
  const missing: number[] = [];
  for (const [index, m] of materials.entries()) {
    const condition = m.condition ?? 0;
    if (condition !== 0 && (condition & declaration.conditions) !== 0 && !declared.has(index)) missing.push(index);
  }
  const unexpected = [...declared].filter((index) => {
    const condition = materials[index]?.condition ?? 0;
    return condition === 0 || (condition & declaration.conditions) === 0;
  });
  return { missing, unexpected: unexpected.sort((a, b) => a - b) };
}
