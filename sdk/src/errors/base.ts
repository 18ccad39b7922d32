/** User-facing text of an error, in every language the platform speaks. */
export type OneWindowErrorMessages = {
  /** Simplified Chinese. */
  zh: string;
  /** English. */
  en: string;
};

/** What every {@link OneWindowError} is built from. */
export type OneWindowErrorParameters = {
  /** Stable machine-readable code, e.g. `"LICENCE_FORMAT_INVALID"`; never translated. */
  code: string;
  /** User-facing text (zh, en); shown by the web and the exchange instead of `shortMessage`. */
  messages: OneWindowErrorMessages;
  /** Technical detail for developers and logs (never a field value or a salt). */
  details?: string | undefined;
  /** Further lines appended to `message`. */
  metaMessages?: readonly string[] | undefined;
  /** The error this one wraps. */
  cause?: unknown;
};

/**
 * Base of every error the OneWindow SDK throws (after viem's `BaseError`): a one-line
 * `shortMessage` for developers, optional `details`, the wrapped `cause`, a stable `code` and
 * user-facing `messages` in Chinese and English.
 *
 * `message` is `shortMessage`, then the meta lines, then `Details: …`.
 *
 * @example
 * import { OneWindowError, parseLicenceFile } from "@onewindow/sdk";
 *
 * try {
 *   parseLicenceFile(json);
 * } catch (error) {
 *   if (error instanceof OneWindowError) show(error.messages.zh);
 *   else throw error;
 * }
 */
export class OneWindowError extends Error {
  override name = "OneWindowError";
  /** Stable machine-readable code. */
  readonly code: string;
  /** One line describing what went wrong. */
  readonly shortMessage: string;
  /** Technical detail, if any. */
  readonly details: string | undefined;
  /** Further lines of `message`. */
  readonly metaMessages: readonly string[];
  /** User-facing text (zh, en). */
  readonly messages: OneWindowErrorMessages;

  constructor(shortMessage: string, parameters: OneWindowErrorParameters) {
    const metaMessages = parameters.metaMessages ?? [];
    const message = [
      shortMessage,
      ...metaMessages,
      ...(parameters.details === undefined ? [] : [`Details: ${parameters.details}`]),
    ].join("\n");
    super(message, parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.code = parameters.code;
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.metaMessages = metaMessages;
    this.messages = parameters.messages;
  }

  /**
   * Follows the `cause` chain and returns the first error for which `predicate` holds (the
   * innermost error when no predicate is given), or `undefined`.
   *
   * @example
   * const format = error.walk((e) => e instanceof LicenceFormatError);
   */
  walk(predicate?: (error: unknown) => boolean): unknown {
    return walkCauses(this, predicate);
  }
}

/** The first error of the `cause` chain from `error` for which `predicate` holds, or the innermost. */
function walkCauses(error: unknown, predicate: ((error: unknown) => boolean) | undefined): unknown {
  const seen = new Set<unknown>();
  let current = error;
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current);
    if (predicate?.(current)) return current;
    const next: unknown = current instanceof Error ? current.cause : undefined;
    if (predicate === undefined && (next === undefined || next === null)) return current;
    current = next;
  }
  return undefined;
}
