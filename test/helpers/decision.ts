/** EIP-712 decisions of the approval engine, signed by officers' wallets (tests and gas report). */
import type { BaseWallet, TypedDataDomain } from "ethers";

import type { ApprovalEngine } from "../../types/ethers-contracts/index.ts";
import { ethers } from "./fixture.ts";

/** The EIP-712 type of a decision (IApprovalEngine.decisionTypehash). */
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
};

/** The EIP-712 type of a holder's consent to a linked start (IApprovalEngine.linkedStartTypehash). */
export const LINKED_START_TYPES = {
  LinkedStartConsent: [
    { name: "parentApplicationId", type: "bytes32" },
    { name: "matterId", type: "uint32" },
    { name: "starter", type: "address" },
    { name: "deadline", type: "uint64" },
  ],
};

/** A decision as officers sign it. */
export type Decision = {
  applicationId: string;
  step: number;
  round: number;
  outcome: number;
  reason: number;
  outputLicenceId: string;
  deadline: number;
};

/** The engine's EIP-712 domain, with fields replaced by `overrides` (another chain or contract). */
export async function engineDomain(
  engine: ApprovalEngine,
  overrides: Partial<TypedDataDomain> = {},
): Promise<TypedDataDomain> {
  return {
    name: "OneWindow ApprovalEngine",
    version: "1",
    chainId: (await ethers.provider.getNetwork()).chainId,
    verifyingContract: await engine.getAddress(),
    ...overrides,
  };
}

/** Officers' signatures over `decision`, sorted by signer address as the engine requires. */
export async function signDecision(
  engine: ApprovalEngine,
  signers: BaseWallet[],
  decision: Decision,
  domain?: TypedDataDomain,
) {
  const d = domain ?? (await engineDomain(engine));
  const sorted = [...signers].sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  return Promise.all(
    sorted.map(async (w) => ({ signer: w.address, signature: await w.signTypedData(d, DECISION_TYPES, decision) })),
  );
}
