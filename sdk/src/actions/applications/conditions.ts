/**
 * The applicant's condition flags (premises underground, handled by an agent, married, disabled …)
 * never go on chain: a submission carries only a salted commitment to them. The applicant hands
 * the declaration (flags and salt) to the reviewing departments off chain, with the application;
 * a department, or later an auditor given the declaration, checks it against the commitment in
 * the application's `ApplicationSubmitted` event.
 */
import { encodeAbiParameters, keccak256, type Hex } from "viem";

import { newSalt } from "../../licence/leaf.ts";

/** What the applicant declared, and its commitment on chain. */
export type ConditionsDeclaration = {
  /** Condition flags of the applicant's situation (a uint32 mask). */
  conditions: number;
  /** The applicant's random 32-byte salt (keep it with the application; share it with its departments). */
  salt: Hex;
  /** `keccak256(abi.encode(uint32 conditions, bytes32 salt))`, as in `Submission.conditionsCommitment`. */
  commitment: Hex;
};

const COMMITMENT_PARAMETERS = [{ type: "uint32" }, { type: "bytes32" }] as const;

/**
 * The commitment to a conditions mask, `keccak256(abi.encode(uint32 conditions, bytes32 salt))`;
 * with a fresh random salt unless one is given. Without the salt the commitment reveals nothing:
 * two applicants with the same flags get unrelated commitments.
 *
 * @example
 * import { conditionsCommitment } from "@onewindow/sdk";
 *
 * const declaration = conditionsCommitment(2); // handled by an agent
 * // submit declaration.commitment; give { conditions, salt } to the departments
 */
export function conditionsCommitment(conditions: number, salt: Hex = newSalt()): ConditionsDeclaration {
  if (!Number.isInteger(conditions) || conditions < 0 || conditions > 0xffff_ffff) {
    throw new RangeError(`conditions must be a uint32 mask, got ${conditions}`);
  }
  if (!/^0x[0-9a-fA-F]{64}$/.test(salt)) throw new RangeError(`salt must be 32 bytes of hex, got ${salt}`);
  const commitment = keccak256(encodeAbiParameters(COMMITMENT_PARAMETERS, [conditions, salt]));
  return { conditions, salt, commitment };
}

/**
 * Whether a declaration (conditions and salt, as handed over by the applicant) matches the
 * commitment of an application on chain. A reviewing department checks this before relying on
 * the declared flags to decide which conditional materials the application needed.
 *
 * @example
 * import { checkConditionsDeclaration } from "@onewindow/sdk";
 *
 * if (!checkConditionsDeclaration(submitted.conditionsCommitment, declared.conditions, declared.salt)) {
 *   // return the application for correction: the declaration is not the one committed to
 * }
 */
export function checkConditionsDeclaration(commitment: Hex, conditions: number, salt: Hex): boolean {
  try {
    return conditionsCommitment(conditions, salt).commitment.toLowerCase() === commitment.toLowerCase();
  } catch {
    return false;
  }
}
