/**
 * The ConsentRegistry's EIP-712 typed data, defined once: the domain (name, version, chain id,
 * contract) and the `Consent` type, exactly as contracts/ConsentRegistry.sol hashes them.
 */
import type { Address, Hex } from "viem";

import type { OneWindowClient } from "../../../chain/client.ts";

/** EIP-712 domain name (`ConsentRegistry.DOMAIN_NAME`). */
export const CONSENT_DOMAIN_NAME = "OneWindow ConsentRegistry";
/** EIP-712 domain version (`ONEWINDOW_VERSION` in contracts/Common.sol). */
export const CONSENT_DOMAIN_VERSION = "1";

/** The preimage of `ConsentRegistry.consentTypehash()`. */
export const CONSENT_TYPE =
  "Consent(address holder,uint32 departmentId,bytes32 licenceId,uint128 fieldMask,bytes32 purpose,uint40 expiresAt,uint256 nonce,uint64 deadline)";

/** The EIP-712 types of {@link CONSENT_TYPE}, field for field. */
export const CONSENT_TYPES = {
  Consent: [
    { name: "holder", type: "address" },
    { name: "departmentId", type: "uint32" },
    { name: "licenceId", type: "bytes32" },
    { name: "fieldMask", type: "uint128" },
    { name: "purpose", type: "bytes32" },
    { name: "expiresAt", type: "uint40" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint64" },
  ],
} as const;

/** What a holder grants (`IConsentRegistry.ConsentData`). */
export type ConsentData = {
  /** Grantee department (DepartmentRegistry id). */
  departmentId: number;
  /** Licence whose fields may be read. */
  licenceId: Hex;
  /** Fields granted: bit i = field i of the licence type version (see `fieldMaskOf`); non-zero. */
  fieldMask: bigint;
  /** Application id, or a hash of the stated purpose (bytes32). */
  purpose: Hex;
  /** Unix seconds until which the consent holds; must be in the future. */
  expiresAt: number;
};

/** The signed `Consent` message. */
export type ConsentMessage = ConsentData & {
  /** Who grants (and signs). */
  holder: Address;
  /** The holder's signature nonce on the registry (`nonces(holder)`). */
  nonce: bigint;
  /** Unix seconds after which the signature is void. */
  deadline: number;
};

/** The ConsentRegistry's EIP-712 domain. */
export type ConsentDomain = { name: string; version: string; chainId: number; verifyingContract: Address };

/** The ConsentRegistry's EIP-712 domain on the client's chain. */
export function consentDomain(client: OneWindowClient): ConsentDomain {
  return {
    name: CONSENT_DOMAIN_NAME,
    version: CONSENT_DOMAIN_VERSION,
    chainId: client.chain.id,
    verifyingContract: client.addresses.ConsentRegistry,
  };
}

/** The full typed data of a consent message, for `signTypedData`, `hashTypedData` or `verifyTypedData`. */
export function consentTypedData(client: OneWindowClient, message: ConsentMessage) {
  return {
    domain: consentDomain(client),
    types: CONSENT_TYPES,
    primaryType: "Consent" as const,
    message: {
      holder: message.holder,
      departmentId: message.departmentId,
      licenceId: message.licenceId,
      fieldMask: message.fieldMask,
      purpose: message.purpose,
      expiresAt: message.expiresAt,
      nonce: message.nonce,
      deadline: BigInt(message.deadline),
    },
  };
}
