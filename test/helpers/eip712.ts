import {
  CONSENT_DOMAIN_NAME,
  CONSENT_DOMAIN_VERSION,
  CONSENT_TYPE,
  CONSENT_TYPES as SDK_CONSENT_TYPES,
} from "@onewindow/sdk";
import type { BigNumberish, BytesLike, Signer, TypedDataDomain, TypedDataField } from "ethers";

import type { ConsentRegistry, IConsentRegistry } from "../../types/ethers-contracts/index.ts";

/** The ConsentRegistry's EIP-712 domain and Consent type, as the SDK defines them once. */
export { CONSENT_DOMAIN_NAME, CONSENT_DOMAIN_VERSION, CONSENT_TYPE };
export const CONSENT_TYPES = SDK_CONSENT_TYPES as unknown as Record<string, TypedDataField[]>;

/** What the holder grants (`IConsentRegistry.ConsentData`). */
export type ConsentData = IConsentRegistry.ConsentDataStruct;

/** The signed message: the data, who grants it, the holder's nonce and the signature deadline. */
export interface ConsentMessage {
  holder: string;
  departmentId: BigNumberish;
  licenceId: BytesLike;
  fieldMask: BigNumberish;
  purpose: BytesLike;
  expiresAt: BigNumberish;
  nonce: BigNumberish;
  deadline: BigNumberish;
}

/** The ConsentRegistry's EIP-712 domain on the chain `registry` is connected to. */
export async function consentDomain(registry: ConsentRegistry): Promise<TypedDataDomain> {
  const provider = registry.runner?.provider;
  if (provider == null) throw new Error("consentDomain: the registry has no provider");
  const { chainId } = await provider.getNetwork();
  return {
    name: CONSENT_DOMAIN_NAME,
    version: CONSENT_DOMAIN_VERSION,
    chainId,
    verifyingContract: await registry.getAddress(),
  };
}

/** `signer` signs `message` as an EIP-712 `Consent` under `domain`. */
export async function signConsent(signer: Signer, domain: TypedDataDomain, message: ConsentMessage): Promise<string> {
  return signer.signTypedData(domain, CONSENT_TYPES, message);
}

/** Options of {@link delegatedConsent}. */
export interface DelegatedConsentOptions {
  /** Who grants; default: the signer's address (set it for a contract wallet or a forged holder). */
  holder?: string;
  /** Unix seconds after which the signature is void. */
  deadline: BigNumberish;
  /** Default: the holder's next nonce read from the registry. */
  nonce?: BigNumberish;
  /** Fields that replace the registry's own domain (another chain id, another contract). */
  domain?: Partial<TypedDataDomain>;
}

/**
 * A `grantBySig` request: `signer` signs `data` for `holder` with the holder's next nonce (or
 * `options.nonce`) under the registry's domain (or `options.domain` overriding it).
 */
export async function delegatedConsent(
  registry: ConsentRegistry,
  signer: Signer,
  data: ConsentData,
  options: DelegatedConsentOptions,
): Promise<IConsentRegistry.DelegatedConsentStruct> {
  const holder = options.holder ?? (await signer.getAddress());
  const nonce = options.nonce ?? (await registry.nonces(holder));
  const domain = { ...(await consentDomain(registry)), ...options.domain };
  const signature = await signConsent(signer, domain, {
    holder,
    departmentId: data.departmentId,
    licenceId: data.licenceId,
    fieldMask: data.fieldMask,
    purpose: data.purpose,
    expiresAt: data.expiresAt,
    nonce,
    deadline: options.deadline,
  });
  return { data: { ...data }, holder, deadline: options.deadline, signature };
}
