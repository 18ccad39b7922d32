import type { Address, Hex } from "viem";

import { requireWallet, type OneWindowClient } from "../../chain/client.ts";
import { readContract } from "../../chain/read.ts";
import { Check } from "../../utils/input.ts";
import { consentData } from "./internal/consentData.ts";
import { consentTypedData, type ConsentData } from "./internal/typedData.ts";

export type SignConsentParameters = ConsentData & {
  /** Unix seconds after which the signature can no longer be submitted. */
  deadline: number;
  /** The holder's nonce on the registry; read from the chain when absent. */
  nonce?: bigint | undefined;
};

/** A consent signed by its holder: what {@link grantConsentBySig} submits (`IConsentRegistry.DelegatedConsent` and the nonce). */
export type SignedConsent = {
  /** What is granted. */
  data: ConsentData;
  /** Who grants (and signed). */
  holder: Address;
  /** The nonce signed over; the signature is void once the holder's nonce moves past it. */
  nonce: bigint;
  /** Unix seconds after which the signature is void. */
  deadline: number;
  /** EIP-712 signature over `Consent` (chain id and registry address in its domain). */
  signature: Hex;
};

export type SignConsentReturnType = SignedConsent;

/**
 * The holder (the signing account) signs a consent as EIP-712 typed data, without sending a
 * transaction: anyone (the department, the exchange) can then submit it with
 * {@link grantConsentBySig}. The signature covers the chain id, the registry address, the
 * holder's nonce and the deadline, so it cannot be replayed elsewhere, twice, or late. The nonce
 * is read from the chain unless given (to sign fully offline).
 *
 * @example
 * const signed = await signConsent(holder, {
 *   departmentId: hdPowerId,
 *   licenceId: file.licenceId,
 *   fieldMask: fieldMaskOf(file.fieldNames, ["name"]),
 *   purpose: applicationId,
 *   expiresAt: now + 7 * 86_400,
 *   deadline: now + 3_600,
 * });
 * await grantConsentBySig(department, { signed });
 */
export async function signConsent(
  client: OneWindowClient,
  parameters: SignConsentParameters,
): Promise<SignConsentReturnType> {
  const check = new Check("signConsent");
  const data = consentData(check, parameters);
  const deadline = check.uint("deadline", parameters.deadline, 40, 1);
  const wallet = requireWallet(client);
  const holder = wallet.account.address;
  const nonce =
    parameters.nonce === undefined
      ? await readContract(client, { contract: "ConsentRegistry", functionName: "nonces", args: [holder] })
      : check.bigUint("nonce", parameters.nonce, 256);
  const signature = await wallet.signTypedData({
    account: wallet.account,
    ...consentTypedData(client, { ...data, holder, nonce, deadline }),
  });
  return { data, holder, nonce, deadline, signature };
}
