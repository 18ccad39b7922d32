/**
 * Evidence for the rules' `check(context, evidence)`, as `autoReview` passes it: ABI-encoded, never
 * personal data (a licence presentation carries only ids, the holder field's salt and proofs).
 */
import { encodeAbiParameters, type Hex } from "viem";

import type { LicenceFile } from "../../../licence/format.ts";
import { heldLicence, type HeldLicence } from "../../../licence/present.ts";

const HELD_LICENCE = {
  type: "tuple",
  components: [
    { name: "licenceId", type: "bytes32" },
    { name: "batchRoot", type: "bytes32" },
    { name: "batchProof", type: "bytes32[]" },
    { name: "holderSalt", type: "bytes32" },
    { name: "holderProof", type: "bytes32[]" },
  ],
} as const;

/**
 * Evidence for a `HoldsValidLicenceRule`: the holder's presentation of the licence
 * (`abi.encode(ILicenceRegistry.HeldLicence)`).
 *
 * @example
 * await autoReview(client, { applicationId, step: 0, evidence: holdsValidLicenceEvidence(hnteCertificateFile) });
 */
export function holdsValidLicenceEvidence(licence: LicenceFile | HeldLicence): Hex {
  const held = "holderProof" in licence ? licence : heldLicence(licence);
  return encodeAbiParameters([HELD_LICENCE], [held]);
}

/** Evidence for a `NotRestrictedRule`: none. */
export const NO_EVIDENCE: Hex = "0x";

/**
 * Evidence for a `CompositeRule`: one entry per combined rule, in its order (`abi.encode(bytes[])`).
 *
 * @example
 * const evidence = compositeEvidence([holdsValidLicenceEvidence(hnteCertificateFile), NO_EVIDENCE]);
 */
export function compositeEvidence(parts: readonly Hex[]): Hex {
  return encodeAbiParameters([{ type: "bytes[]" }], [parts]);
}
