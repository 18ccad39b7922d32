/**
 * The shape of bench/results/gas.json and what each figure means (used by bench/gas.ts, the
 * summary, capacity.md and the test). Every figure is gas as reported by the receipt (`gasUsed`,
 * including the 21,000 of the transaction itself) unless the definition says otherwise.
 */

export const OURS_KEYS = [
  "issueSingle",
  "issueBatchRoot",
  "revokeInBatch",
  "recordVerification",
  "grantConsent",
  "submitApplication5Licences",
  "decideDirect",
  "decide3of5Signatures",
  "vrHallLifecycle",
] as const;

export const ANCHOR_KEYS = [
  "easAttest",
  "easMultiAttestPerItem",
  "easAttestByDelegation",
  "easRevoke",
  "documentStoreIssueRoot",
  "documentStoreRevokeLeaf",
  "safe3of5ExecOverhead",
] as const;

export type OursKey = (typeof OURS_KEYS)[number];
export type AnchorKey = (typeof ANCHOR_KEYS)[number];

/** ours ÷ anchor, the comparable pairs of issue 9. */
export const RATIO_PAIRS = [
  ["issueSingle", "easAttest"],
  ["issueBatchRoot", "documentStoreIssueRoot"],
  ["revokeInBatch", "documentStoreRevokeLeaf"],
  ["decide3of5Signatures", "safe3of5ExecOverhead"],
] as const satisfies readonly (readonly [OursKey, AnchorKey])[];

export type RatioKey = `${(typeof RATIO_PAIRS)[number][0]}/${(typeof RATIO_PAIRS)[number][1]}`;

export type GasJson = {
  ours: Record<OursKey, number>;
  anchors: Record<AnchorKey, number>;
  ratios: Record<RatioKey, number>;
};

/** What each key measures (English; the summary shows these). */
export const GAS_DEFINITIONS: { ours: Record<OursKey, string>; anchors: Record<AnchorKey, string> } = {
  ours: {
    issueSingle: "LicenceRegistry.issue: one licence commitment (id, type, version, expiry) by an authorised officer",
    issueBatchRoot: "LicenceRegistry.issueBatch: one Merkle root committing to 1,024 licences",
    revokeInBatch: "LicenceRegistry.revoke of one licence inside a 1,024-licence batch, by Merkle proof (10 hashes)",
    recordVerification: "LicenceRegistry.recordVerification: the evidence event of one verification",
    grantConsent: "ConsentRegistry.grant: a holder's field-level consent to a department (direct call)",
    submitApplication5Licences:
      "ApprovalEngine.submit with five licences pulled from the chain (status, holder and issuer checked for each)",
    decideDirect: "ApprovalEngine.decide: one officer's vote in a 2-of-3 department (nothing else moves)",
    decide3of5Signatures:
      "ApprovalEngine.decideBySig: a step completed by 3 of 5 collected EIP-712 officer signatures, activating the next step",
    vrHallLifecycle:
      "sum of gasUsed of every transaction of one VR experience hall application (6 departments, 2 licences + 20 uploads), submission to output licence",
  },
  anchors: {
    easAttest: "EAS.attest: one attestation (schema bytes32 licenceId, uint32 type, uint16 version; with expiry)",
    easMultiAttestPerItem: "EAS.multiAttest of 50 such attestations in one transaction ÷ 50",
    easAttestByDelegation:
      "EAS.attestByDelegation: one attestation signed by the attester (EIP-712), sent by a relayer",
    easRevoke: "EAS.revoke of one attestation",
    documentStoreIssueRoot: "OpenAttestation DocumentStore.issue: one Merkle root of 1,024 documents",
    documentStoreRevokeLeaf:
      "DocumentStore.revoke(root, leaf, proof): one document of that root, by Merkle proof (10 hashes)",
    safe3of5ExecOverhead:
      "Safe 1.4.1 (proxy, 3 of 5 owners): execTransaction calling DocumentStore.issue with 3 owner signatures, minus the same call sent directly",
  },
};

/**
 * Checks that `value` has exactly the keys of issue 9 (top level `ours`, `anchors`, `ratios`; each
 * with its listed keys and no other), gas figures positive integers and each ratio the quotient of
 * its pair (to 3 decimals). Throws an Error naming the first problem. bench/gas.ts checks its own
 * output with this before writing it.
 */
export function assertGasJson(value: unknown): asserts value is GasJson {
  const fail = (what: string): never => {
    throw new Error(`gas.json: ${what} / gas.json 格式不符：${what}`);
  };
  const exactKeys = (object: unknown, keys: readonly string[], where: string): Record<string, unknown> => {
    if (object === null || typeof object !== "object" || Array.isArray(object))
      return fail(`${where} is not an object`);
    const record = object as Record<string, unknown>;
    const extra = Object.keys(record).filter((k) => !keys.includes(k));
    const missing = keys.filter((k) => !(k in record));
    if (extra.length > 0) fail(`${where} has unexpected keys ${extra.join(", ")}`);
    if (missing.length > 0) fail(`${where} lacks ${missing.join(", ")}`);
    return record;
  };
  const top = exactKeys(value, ["ours", "anchors", "ratios"], "the file");
  const ours = exactKeys(top.ours, OURS_KEYS, "ours");
  const anchors = exactKeys(top.anchors, ANCHOR_KEYS, "anchors");
  const ratioKeys = RATIO_PAIRS.map(([a, b]) => `${a}/${b}`);
  const ratios = exactKeys(top.ratios, ratioKeys, "ratios");
  for (const [where, record] of [
    ["ours", ours],
    ["anchors", anchors],
  ] as const) {
    for (const [k, v] of Object.entries(record)) {
      if (typeof v !== "number" || !Number.isSafeInteger(v) || v <= 0) fail(`${where}.${k} is not a positive integer`);
    }
  }
  for (const [a, b] of RATIO_PAIRS) {
    const r = ratios[`${a}/${b}`];
    const expected = Math.round(((ours[a] as number) / (anchors[b] as number)) * 1000) / 1000;
    if (typeof r !== "number" || r !== expected)
      fail(`ratios.${a}/${b} is ${String(r)}, not ${a} ÷ ${b} = ${expected}`);
  }
}
