import { OneWindowError } from "./base.ts";

/** A presentation link or sealed presentation that cannot be read: wrong key, altered, or not one. */
export class PresentationError extends OneWindowError {
  override name = "PresentationError";
  constructor(reason: string, zh: string, cause?: unknown) {
    super(`Presentation: ${reason}.`, {
      code: "PRESENTATION_UNREADABLE",
      messages: { zh, en: `The presentation cannot be opened: ${reason}.` },
      cause,
    });
  }
}
