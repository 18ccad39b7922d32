import { OneWindowError } from "./base.ts";

/**
 * A national electronic seal (SM2 signature over SM3, docs/seal.md) could not be made or read:
 * a bad key, a malformed seal, or a licence file that cannot be sealed yet. `reason` names what is
 * wrong (in English, for logs and the CLI); `messages` says it in Chinese and English.
 */
export class SealError extends OneWindowError {
  override name = "SealError";
  /** What is wrong, in English (e.g. `$.seal.signature: expected 64 bytes of hex`). */
  readonly reason: string;
  constructor(reason: string, zh: string, cause?: unknown) {
    super(`Seal: ${reason}.`, {
      code: "SEAL_INVALID",
      messages: { zh, en: `Electronic seal: ${reason}.` },
      cause,
    });
    this.reason = reason;
  }
}
