import { OneWindowError } from "./base.ts";

/** Encryption or decryption failed: a bad key, or an envelope that is not one or was altered. */
export class EciesError extends OneWindowError {
  override name = "EciesError";
  constructor(reason: string, zh: string, cause?: unknown) {
    super(`ECIES: ${reason}.`, {
      code: "ECIES_FAILED",
      messages: { zh, en: `Cannot ${reason.startsWith("the public") ? "encrypt" : "decrypt"}: ${reason}.` },
      cause,
    });
  }
}
