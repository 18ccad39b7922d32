import type { sealZh } from "./seal.zh.ts";

/** The national electronic seal (SM2/SM3) in verdicts: English. */
export const sealEn: typeof sealZh = {
  label: "National seal (SM2/SM3)",
  states: {
    absent: "no seal",
    malformed: "malformed seal",
    invalid: "seal not valid",
    valid: "seal valid",
  },
  keyInForce: "seal key #{index}, registered at issue time",
  noSealHint: "Licences issued before seals, or unsealed, carry none; integrity, status and issuer are still checked.",
  validWith: "SM2/SM3 signature valid, made with seal key #{index} that {department} had registered at issue time.",
  banner:
    "The national seal is not valid: the file is not as its department sealed it, or the seal was not made with the key it had registered at issue time.",
};
