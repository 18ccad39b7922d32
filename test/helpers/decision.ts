/** EIP-712 decisions of the approval engine, signed by officers' wallets (tests and gas report). */
import {
  DECISION_TYPES as SDK_DECISION_TYPES,
  heldLicence,
  LINKED_START_TYPES as SDK_LINKED_START_TYPES,
  type LicenceFile,
} from "@onewindow/sdk";
import type { BaseWallet, TypedDataDomain, TypedDataField } from "ethers";

import type { ApprovalEngine } from "../../types/ethers-contracts/index.ts";
import { ethers } from "./fixture.ts";

/** The EIP-712 types of a decision and of a linked-start consent, as the SDK defines them once. */
export const DECISION_TYPES = SDK_DECISION_TYPES as unknown as Record<string, TypedDataField[]>;
export const LINKED_START_TYPES = SDK_LINKED_START_TYPES as unknown as Record<string, TypedDataField[]>;

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

/** `IApprovalEngine.HolderProof`: the proof that the holder of `output` holds it (its holder field's salt and proof). */
export function holderProof(output: { file: LicenceFile }): { salt: string; proof: string[] } {
  const held = heldLicence(output.file);
  return { salt: held.holderSalt, proof: held.holderProof };
}

/** An empty `HolderProof`: no output licence named, or the one already named named again. */
export const NO_HOLDER: { salt: string; proof: string[] } = { salt: ethers.ZeroHash, proof: [] };
