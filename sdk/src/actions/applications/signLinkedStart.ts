import type { Address, Hex } from "viem";

import { requireWallet, type OneWindowClient } from "../../chain/client.ts";
import { chainTime } from "../../chain/time.ts";
import { Check } from "../../utils/input.ts";
import { approvalEngineDomain, LINKED_START_TYPES } from "./internal/typedData.ts";

export type SignLinkedStartParameters = {
  /** The holder's completed application that offers the linked matter. */
  parentApplicationId: Hex;
  /** The linked matter (linked with mode `startOnConsent`). */
  matterId: number;
  /** Who may start it for the holder (e.g. the power company's window account). */
  starter: Address;
  /** Unix seconds after which the consent is void (default: one hour from now). */
  deadline?: bigint | undefined;
};

/** The holder's signed consent, as `submitLinkedApplication` takes it. */
export type SignedLinkedStart = {
  parentApplicationId: Hex;
  matterId: number;
  starter: Address;
  deadline: bigint;
  /** The holder's EIP-712 signature over `LinkedStartConsent`. */
  signature: Hex;
};

export type SignLinkedStartReturnType = SignedLinkedStart;

/** Default validity of a consent or decision signature, in seconds. */
export const DEFAULT_SIGNATURE_VALIDITY = 3600n;

/**
 * The holder of a completed application consents, by an EIP-712 signature made offline with their
 * wallet, that `starter` starts a linked matter for them (e.g. real-estate transfer → electricity
 * account transfer, started by the power company with the buyer's consent).
 *
 * @example
 * const start = await signLinkedStart(buyer, { parentApplicationId, matterId: powerTransfer, starter: sgccWindow });
 * await submitLinkedApplication(sgccWindowClient, { start, matterId: powerTransfer });
 */
export async function signLinkedStart(
  client: OneWindowClient,
  parameters: SignLinkedStartParameters,
): Promise<SignLinkedStartReturnType> {
  const check = new Check("signLinkedStart");
  const wallet = requireWallet(client);
  const message = {
    parentApplicationId: check.bytes32("parentApplicationId", parameters.parentApplicationId, { nonZero: true }),
    matterId: check.uint("matterId", parameters.matterId, 32, 1),
    starter: check.address("starter", parameters.starter),
    deadline:
      parameters.deadline === undefined
        ? (await chainTime(client)) + DEFAULT_SIGNATURE_VALIDITY
        : check.bigUint("deadline", parameters.deadline, 64, 1n),
  };
  const signature = await wallet.signTypedData({
    account: wallet.account,
    domain: approvalEngineDomain(client),
    types: LINKED_START_TYPES,
    primaryType: "LinkedStartConsent",
    message,
  });
  return { ...message, signature };
}
