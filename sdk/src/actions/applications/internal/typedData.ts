/**
 * The approval engine's EIP-712 typed data, defined once for the SDK: officers' decisions and a
 * holder's consent to a linked start. They match `IApprovalEngine.decisionTypehash()`,
 * `linkedStartTypehash()` and `domainSeparator()` (name "OneWindow ApprovalEngine", version "1",
 * the chain id and the engine's address).
 */
import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../../chain/client.ts";
import type { Outcome } from "../../../chain/enums.ts";

/** EIP-712 domain name of the ApprovalEngine (`ApprovalEngine.DOMAIN_NAME`). */
export const APPROVAL_ENGINE_DOMAIN_NAME = "OneWindow ApprovalEngine";
/** EIP-712 domain version (`Common.sol` ONEWINDOW_VERSION). */
export const APPROVAL_ENGINE_DOMAIN_VERSION = "1";

/**
 * `Decision(bytes32 applicationId,uint8 step,uint8 round,uint8 outcome,uint16 reason,bytes32 outputLicenceId,uint64 deadline)`
 */
export const DECISION_TYPES = {
  Decision: [
    { name: "applicationId", type: "bytes32" },
    { name: "step", type: "uint8" },
    { name: "round", type: "uint8" },
    { name: "outcome", type: "uint8" },
    { name: "reason", type: "uint16" },
    { name: "outputLicenceId", type: "bytes32" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

/** `LinkedStartConsent(bytes32 parentApplicationId,uint32 matterId,address starter,uint64 deadline)` */
export const LINKED_START_TYPES = {
  LinkedStartConsent: [
    { name: "parentApplicationId", type: "bytes32" },
    { name: "matterId", type: "uint32" },
    { name: "starter", type: "address" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

/** A decision as officers sign it (`IApprovalEngine.DecisionData`). */
export type DecisionData = {
  applicationId: Hex;
  /** Step index. */
  step: number;
  /** The step's round (it increments with each return for correction): the signature's nonce key. */
  round: number;
  outcome: Outcome;
  /** Reason code for reject / return; 0 for approve. */
  reason: number;
  /** Approving the output step: the output licence's id; else 32 zero bytes. */
  outputLicenceId: Hex;
  /** Unix seconds after which the signatures are void. */
  deadline: bigint;
};

/** The engine's EIP-712 domain on this client's chain. */
export function approvalEngineDomain(client: OneWindowClient) {
  return {
    name: APPROVAL_ENGINE_DOMAIN_NAME,
    version: APPROVAL_ENGINE_DOMAIN_VERSION,
    chainId: client.chain.id,
    verifyingContract: client.addresses.ApprovalEngine as Address,
  } as const;
}
